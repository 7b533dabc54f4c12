package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One user's files as an exec command sees them: the same rooted filesystem, initial directory and confinement as
 * the user's SFTP session ({@link TestSftpSubsystem}), so that {@code md5sum a.csv} names what {@code get a.csv}
 * reads, and a command cannot reach what SFTP could not.
 */
final class UserFiles {
    private final Path home;
    private final Path boundary;

    private UserFiles(Path home, Path boundary) {
        this.home = home;
        this.boundary = boundary;
    }

    /**
     * Sees a user's files.
     *
     * @param fileSystem the session's filesystem, rooted at the user's root
     * @param homeDirectory the session's initial directory, or null for the root
     * @param account the user, or null
     */
    static UserFiles of(FileSystem fileSystem, String homeDirectory, UserAccount account) {
        Path root = fileSystem.getPath("").toAbsolutePath().normalize();
        Path home = homeDirectory == null ? root : fileSystem.getPath(homeDirectory).toAbsolutePath().normalize();
        boolean confined = homeDirectory != null && account != null && account.restrictToHome();
        return new UserFiles(home, confined ? home : fileSystem.getPath("/"));
    }

    /** The working directory: where relative names start. */
    Path home() {
        return home;
    }

    /**
     * Resolves a name as the SFTP session resolves a path: relative to the home directory, inside the user's root
     * and confinement, symbolic links included.
     *
     * @param name an absolute or relative path
     * @return the path
     * @throws java.nio.file.AccessDeniedException when it leads outside what the user may use
     * @throws IOException when the name is no path here
     */
    Path resolve(String name) throws IOException {
        Path resolved;
        try {
            resolved = home.resolve(name).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new NoSuchFileException(name, null, e.getReason());
        }
        PathConfinement.checkInside(resolved, boundary, name, true);
        return resolved;
    }

    /** The numeric owner that stat reports for the user's files: the home directory's. */
    int uid() {
        return numericAttribute("unix:uid");
    }

    /** The numeric group that stat reports for the user's files: the home directory's. */
    int gid() {
        return numericAttribute("unix:gid");
    }

    private int numericAttribute(String attribute) {
        try {
            return ((Number) Files.getAttribute(home, attribute)).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return 0; // a filesystem without the unix view has no numeric ids: 0 stands in
        }
    }
}
