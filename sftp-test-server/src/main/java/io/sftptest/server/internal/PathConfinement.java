package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.apache.sshd.common.file.root.RootedFileSystem;

/** Resolves paths below a root and refuses those that would leave it. */
public final class PathConfinement {
    private PathConfinement() {
    }

    /**
     * Resolves an absolute or relative slash-separated path against a root, treating "/" as the root.
     *
     * @param root the root directory
     * @param path e.g. {@code /in/a.csv} or {@code in/a.csv}
     * @return the path below the root
     * @throws IllegalArgumentException when the path leaves the root (e.g. {@code ../etc/passwd})
     */
    public static Path resolveInside(Path root, String path) {
        java.util.Deque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("path \"" + path + "\" leaves the server's root directory: "
                            + "use a path below \"/\" without \"..\" segments that climb above it");
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        Path resolved = root.toAbsolutePath().normalize();
        for (String segment : segments) {
            resolved = resolved.resolve(segment);
        }
        return resolved;
    }

    /**
     * Checks that a path, with its symbolic links resolved as far as it exists, lies below a directory.
     *
     * @param path the path to check
     * @param directory the directory it must stay in
     * @param shownPath the path as the client named it, for the error message
     * @throws AccessDeniedException when the path or a link on it leads outside the directory
     * @throws IOException when resolving links fails
     */
    public static void checkInside(Path path, Path directory, String shownPath) throws IOException {
        Path normalized = path.toAbsolutePath().normalize();
        Path boundary = directory.toAbsolutePath().normalize();
        if (!normalized.startsWith(boundary)) {
            throw new AccessDeniedException(shownPath, null, "outside the user's home directory " + boundary);
        }
        Path existing = normalized;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null && Files.exists(existing)) {
            Path real = existing.toRealPath();
            Path realBoundary = Files.exists(boundary) ? boundary.toRealPath() : boundary;
            if (!real.startsWith(realBoundary)) {
                throw new AccessDeniedException(shownPath, null,
                        "a symbolic link leads outside the user's home directory " + boundary);
            }
        }
    }

    /**
     * Checks that no symbolic link on a path, pre-existing or created by a client, leads out of the
     * root of the session's rooted filesystem. MINA's {@code RootedFileSystem} follows such links (its
     * source calls this "dangerous"): a link in a served real directory pointing to {@code /etc} would
     * let clients read it.
     *
     * @param path a path of a session's rooted filesystem (other paths are not checked)
     * @param shownPath the path as the client named it, for the error message
     * @throws AccessDeniedException when a link on the path leads outside the root
     * @throws IOException when resolving links fails
     */
    public static void checkLinksStayInside(Path path, String shownPath) throws IOException {
        if (!(path.getFileSystem() instanceof RootedFileSystem rooted)) {
            return;
        }
        Path root = rooted.getRoot().toAbsolutePath().normalize();
        Path local = root;
        for (Path segment : path.toAbsolutePath().normalize()) {
            String name = segment.toString();
            if (name.equals("..")) {
                local = local.equals(root) ? root : local.getParent();
            } else if (!name.isEmpty() && !name.equals(".")) {
                local = local.resolve(name);
            }
        }
        Path existing = local;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        Path realRoot = root.toRealPath();
        Path target;
        if (Files.exists(existing)) {
            target = existing.toRealPath();
        } else {
            // a dangling link: writing through it would create its target, wherever that is
            Path parent = existing.getParent();
            target = (parent == null ? existing : parent.toRealPath()).resolve(Files.readSymbolicLink(existing))
                    .normalize();
        }
        if (!target.startsWith(realRoot)) {
            throw new AccessDeniedException(shownPath, null, "a symbolic link leads outside the root directory");
        }
    }
}
