package io.sftptest.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files a server serves, as its file helpers ({@code putFile}, {@code fileContent}, ...) reach them: client
 * paths resolved inside the server's root, parent directories created with the permissions an SFTP server
 * gives them, errors that say what is there instead.
 */
public final class ServerFiles {
    /** Writes a file's content to a path. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param target the file
         * @throws IOException when writing fails
         */
        void writeTo(Path target) throws IOException;
    }

    private final ServerContext context;
    private final boolean virtual;
    private final ServerLifecycle lifecycle;

    /**
     * Reaches the files of a server.
     *
     * @param context the server's shared state (its root and users)
     * @param virtual whether the server has no filesystem (virtual mode): every helper then throws
     * @param lifecycle the server's life: once it is closed, every helper throws
     */
    public ServerFiles(ServerContext context, boolean virtual, ServerLifecycle lifecycle) {
        this.context = context;
        this.virtual = virtual;
        this.lifecycle = lifecycle;
    }

    /**
     * Returns the root, "/" as clients see it.
     *
     * @return the root directory
     */
    public Path root() {
        requireFileSystem();
        return context.serverRoot();
    }

    /**
     * Resolves a client path inside the root.
     *
     * @param path an absolute client path
     * @return the path on the server's filesystem
     * @throws IllegalArgumentException when the path leaves the root
     */
    public Path path(String path) {
        requireFileSystem();
        Objects.requireNonNull(path, "path");
        return PathConfinement.resolveInside(context.serverRoot(), path);
    }

    /**
     * Writes a file, creating its parent directories.
     *
     * @param path the client path
     * @param content what to write
     */
    public void write(String path, Content content) {
        Path target = path(path);
        try {
            Path parent = target.getParent();
            if (parent != null) {
                DirectoryPermissions.createDirectories(parent);
            }
            content.writeTo(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write \"" + path + "\": " + e, e);
        }
    }

    /**
     * Creates a directory and its missing parents.
     *
     * @param path the client path
     */
    public void createDirectory(String path) {
        Path target = path(path);
        try {
            DirectoryPermissions.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory \"" + path + "\": " + e, e);
        }
    }

    /**
     * Reads a file.
     *
     * @param path the client path
     * @return the content
     * @throws UncheckedIOException wrapping {@link NoSuchFileException} (with what the directory holds) when
     *         there is no such file
     */
    public byte[] read(String path) {
        Path target = path(path);
        try {
            return Files.readAllBytes(target);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no file \"" + path + "\" on the server; it has " + describeNear(path), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read \"" + path + "\": " + e, e);
        }
    }

    /**
     * Opens a file for reading.
     *
     * @param path the client path
     * @return a stream the caller closes
     */
    public InputStream open(String path) {
        Path target = path(path);
        try {
            return Files.newInputStream(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read \"" + path + "\": " + e, e);
        }
    }

    /**
     * Returns the names in a directory, sorted.
     *
     * @param directory the client path
     * @return the names
     */
    public List<String> list(String directory) {
        try (Stream<Path> entries = Files.list(path(directory))) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list \"" + directory + "\": " + e, e);
        }
    }

    /**
     * Returns the client paths of every file below a directory, sorted.
     *
     * @param directory the client path to start from
     * @return absolute client paths
     */
    public List<String> listFilesRecursively(String directory) {
        Path start = path(directory);
        Path root = context.serverRoot();
        try (Stream<Path> entries = Files.walk(start)) {
            return entries.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> "/" + root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list \"" + directory + "\": " + e, e);
        }
    }

    /**
     * Deletes a file, a link or a directory tree; the root itself is emptied, not deleted.
     *
     * @param path the client path
     */
    public void delete(String path) {
        Path target = path(path);
        deleteTree(target, !target.equals(context.serverRoot()));
    }

    /** Deletes everything below the root. */
    public void deleteAll() {
        deleteTree(root(), false);
    }

    /**
     * Creates the files and directories the builder declared, and each user's root and home directory.
     *
     * @param files the files ({@code byte[]}) and directories (null) by client path
     */
    public void seed(Map<String, byte[]> files) {
        if (virtual) {
            return;
        }
        try {
            DirectoryPermissions.applyDefault(context.serverRoot());
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                if (file.getValue() == null) {
                    DirectoryPermissions.createDirectories(path(file.getKey()));
                } else {
                    write(file.getKey(), target -> Files.write(target, file.getValue()));
                }
            }
            for (UserAccount account : context.users().values()) {
                Path userRoot = context.userRoot(account);
                DirectoryPermissions.createDirectories(userRoot);
                if (account.homeDirectory() != null) {
                    DirectoryPermissions.createDirectories(PathConfinement.resolveInside(userRoot,
                            account.homeDirectory()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the built files: " + e, e);
        }
    }

    private static void deleteTree(Path top, boolean includingTop) {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(top)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : paths) {
                if (includingTop || !p.equals(top)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete \"" + top + "\": " + e, e);
        }
    }

    private String describeNear(String path) {
        String parent = path.contains("/") ? path.substring(0, Math.max(1, path.lastIndexOf('/'))) : "/";
        try {
            if (Files.isDirectory(path(parent), LinkOption.NOFOLLOW_LINKS)) {
                return "in \"" + parent + "\": " + list(parent);
            }
            return "no directory \"" + parent + "\" either";
        } catch (RuntimeException e) {
            return "nothing readable there";
        }
    }

    /**
     * Checks that the server has files the test can reach: it is not closed, and not in virtual mode.
     *
     * @throws IllegalStateException saying why not, and what to do instead
     */
    public void requireFileSystem() {
        if (lifecycle.isClosed()) {
            Path root = context.serverRoot();
            throw ServerLifecycle.closed(root.getFileSystem() != FileSystems.getDefault()
                    ? ", and its in-memory files went with it: read them before close()"
                    : "; its files are still in " + root);
        }
        if (virtual) {
            throw new IllegalStateException("this server has no filesystem (virtual mode): its listeners serve "
                    + "every file; drop .virtualFileSystem() from the builder to use the file helpers");
        }
    }
}
