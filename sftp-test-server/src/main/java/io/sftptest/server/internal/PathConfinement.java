package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

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
}
