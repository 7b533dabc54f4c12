package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.apache.sshd.common.file.root.RootedFileSystem;

/** Resolves paths below a root and refuses those that would leave it. */
final class PathConfinement {
    private static final int MAX_LINKS = 40;
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
        Deque<String> segments = new ArrayDeque<>();
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
     * Checks that a path, with its symbolic links resolved (also a dangling final link, which a write
     * would follow), lies below a directory.
     *
     * @param path the path to check
     * @param directory the directory it must stay in
     * @param shownPath the path as the client named it, for the error message
     * @param followFinalLink false for operations on a link itself (lstat, remove, rename, readlink):
     *        then only the directories leading to it must stay inside
     * @throws AccessDeniedException when the path or a link on it leads outside the directory
     * @throws IOException when resolving links fails
     */
    public static void checkInside(Path path, Path directory, String shownPath, boolean followFinalLink)
            throws IOException {
        Path normalized = path.toAbsolutePath().normalize();
        Path boundary = directory.toAbsolutePath().normalize();
        if (!normalized.startsWith(boundary)) {
            throw new AccessDeniedException(shownPath, null, "outside " + boundary + ", the directory this user may use");
        }
        // MINA's rooted filesystem does not follow links in toRealPath(), so links are followed here,
        // on the filesystem underneath, where absolute link targets mean what they mean to the OS.
        Path underlying = underlying(normalized);
        Path parent = underlying.getParent();
        Path real = followFinalLink || parent == null || normalized.equals(boundary)
                ? followLinks(underlying)
                : followLinks(parent).resolve(underlying.getFileName().toString());
        Path realBoundary = followLinks(underlying(boundary));
        if (!real.startsWith(realBoundary)) {
            throw new AccessDeniedException(shownPath, null,
                    "a symbolic link leads outside " + boundary + ", the directory this user may use");
        }
    }

    private static Path underlying(Path absolute) {
        if (absolute.getFileSystem() instanceof RootedFileSystem rooted) {
            Path result = rooted.getRoot();
            for (Path name : absolute) {
                result = result.resolve(name.toString());
            }
            return result;
        }
        return absolute;
    }

    /** Follows symbolic links name by name, as the OS would, including a final link whose target is missing. */
    private static Path followLinks(Path absolute) throws IOException {
        Deque<String> names = new ArrayDeque<>();
        absolute.forEach(name -> names.add(name.toString()));
        Path result = absolute.getRoot();
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.removeFirst();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                result = result.getParent() == null ? result : result.getParent();
                continue;
            }
            Path next = result.resolve(name);
            if (!Files.isSymbolicLink(next)) {
                result = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new FileSystemException(next.toString(), null, "too many levels of symbolic links");
            }
            Path target = Files.readSymbolicLink(next);
            List<String> targetNames = new ArrayList<>();
            target.forEach(n -> targetNames.add(n.toString()));
            for (int i = targetNames.size() - 1; i >= 0; i--) {
                names.addFirst(targetNames.get(i));
            }
            if (target.isAbsolute()) {
                result = absolute.getRoot();
            }
        }
        return result;
    }
}
