package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Gives directories in the in-memory filesystem the mode a Unix server would (rwxr-xr-x). Jimfs has
 * one default mode for files and directories alike (rw-r--r--), and clients that see a directory
 * without the x bit (e.g. in {@code ls -l}) take it for unreadable.
 */
public final class DirectoryPermissions {
    /** The mode of a new directory: {@code rwxr-xr-x}. */
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");

    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(DIRECTORY);

    private DirectoryPermissions() {
    }

    /**
     * Creates a directory and its missing parents, in-memory ones with mode {@code rwxr-xr-x}; a real
     * filesystem applies its own umask as usual.
     *
     * @param directory the directory
     * @throws IOException when it cannot be created
     */
    public static void createDirectories(Path directory) throws IOException {
        if (isInMemory(directory)) {
            Files.createDirectories(directory, DIRECTORY_ATTRIBUTE);
        } else {
            Files.createDirectories(directory);
        }
    }

    /**
     * Sets mode {@code rwxr-xr-x} on an in-memory directory; does nothing on a real filesystem.
     *
     * @param directory the directory
     * @throws IOException when the mode cannot be set
     */
    public static void applyDefault(Path directory) throws IOException {
        if (isInMemory(directory)) {
            Files.setPosixFilePermissions(directory, DIRECTORY);
        }
    }

    private static boolean isInMemory(Path path) {
        return path.getFileSystem() != FileSystems.getDefault()
                && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
