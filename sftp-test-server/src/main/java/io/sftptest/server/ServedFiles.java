package io.sftptest.server;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;

import io.sftptest.server.internal.ServerFiles;

/**
 * The file helpers of {@link SftpTestServer}: the test's own way to the files the server serves, beside the
 * clients' ({@code putFile} before a download, {@code fileContent} after an upload). Paths are the paths a client
 * sees: absolute, slash-separated, below the server's root "/". Only the server extends it; its methods are the
 * server's.
 */
abstract sealed class ServedFiles permits SftpTestServer {
    ServedFiles() {
    }

    /** The server's files, as the helpers reach them (each helper fails once the server is closed). */
    abstract ServerFiles files();

    private SftpTestServer self() {
        return (SftpTestServer) this;
    }

    /**
     * Returns the {@code java.nio} filesystem the server serves: the Jimfs instance, or the default
     * filesystem in {@link SftpTestServer.Builder#rootDirectory(Path)} mode.
     *
     * @return the filesystem
     */
    public FileSystem fileSystem() {
        return files().root().getFileSystem();
    }

    /**
     * Returns the {@code java.nio} path behind a path as clients see it.
     *
     * @param path an absolute client path, e.g. {@code /in/a.csv}
     * @return the path in {@link #fileSystem()}
     * @throws IllegalArgumentException when the path leaves the root
     */
    public Path path(String path) {
        return files().path(path);
    }

    /**
     * Writes a file, creating its parent directories; replaces an existing file.
     *
     * @param path the client path
     * @param content the bytes
     * @return this server
     */
    public SftpTestServer putFile(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        files().write(path, target -> Files.write(target, content));
        return self();
    }

    /**
     * Writes a text file in UTF-8, creating its parent directories; replaces an existing file.
     *
     * @param path the client path
     * @param content the text
     * @return this server
     */
    public SftpTestServer putFile(String path, String content) {
        return putFile(path, content, StandardCharsets.UTF_8);
    }

    /**
     * Writes a text file, creating its parent directories; replaces an existing file.
     *
     * @param path the client path
     * @param content the text
     * @param charset the encoding
     * @return this server
     */
    public SftpTestServer putFile(String path, String content, Charset charset) {
        Objects.requireNonNull(content, "content");
        return putFile(path, content.getBytes(charset));
    }

    /**
     * Streams a file into the server (no copy held in memory), creating its parent directories; the
     * stream is read to its end but not closed.
     *
     * @param path the client path
     * @param content the data
     * @return this server
     */
    public SftpTestServer putFile(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        files().write(path, target -> Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING));
        return self();
    }

    /**
     * Copies a local file (any filesystem) into the server, creating parent directories.
     *
     * @param path the client path
     * @param source the file to copy
     * @return this server
     */
    public SftpTestServer putFile(String path, Path source) {
        Objects.requireNonNull(source, "source");
        files().write(path, target -> {
            try (InputStream in = Files.newInputStream(source)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        });
        return self();
    }

    /**
     * Creates a directory and its missing parents.
     *
     * @param path the client path
     * @return this server
     */
    public SftpTestServer createDirectory(String path) {
        files().createDirectory(path);
        return self();
    }

    /**
     * Returns a file's bytes.
     *
     * @param path the client path
     * @return the content
     * @throws UncheckedIOException wrapping {@link NoSuchFileException} when there is no such file
     */
    public byte[] fileContent(String path) {
        return files().read(path);
    }

    /**
     * Returns a text file's content.
     *
     * @param path the client path
     * @param charset the encoding
     * @return the text
     */
    public String fileContent(String path, Charset charset) {
        return new String(fileContent(path), charset);
    }

    /**
     * Opens a file for streaming (large files need not fit in a byte array).
     *
     * @param path the client path
     * @return a stream the caller closes
     */
    public InputStream openFile(String path) {
        return files().open(path);
    }

    /**
     * Returns whether a file, directory or link exists (links are not followed).
     *
     * @param path the client path
     * @return true when it exists
     */
    public boolean exists(String path) {
        return Files.exists(path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns whether a regular file exists.
     *
     * @param path the client path
     * @return true for a regular file
     */
    public boolean isFile(String path) {
        return Files.isRegularFile(path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns whether a directory exists.
     *
     * @param path the client path
     * @return true for a directory
     */
    public boolean isDirectory(String path) {
        return Files.isDirectory(path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns the names in a directory, sorted.
     *
     * @param directory the client path of a directory
     * @return the entry names (not paths)
     */
    public List<String> list(String directory) {
        return files().list(directory);
    }

    /**
     * Returns the client paths of every file (not directory) below a directory, sorted.
     *
     * @param directory the client path to start from, e.g. "/"
     * @return absolute client paths
     */
    public List<String> listFilesRecursively(String directory) {
        return files().listFilesRecursively(directory);
    }

    /**
     * Deletes a file, a link or a directory with everything below it; does nothing when absent.
     *
     * @param path the client path
     * @return this server
     */
    public SftpTestServer delete(String path) {
        files().delete(path);
        return self();
    }

    /**
     * Deletes everything below the root "/", leaving an empty root.
     *
     * @return this server
     */
    public SftpTestServer deleteAllFiles() {
        files().deleteAll();
        return self();
    }
}
