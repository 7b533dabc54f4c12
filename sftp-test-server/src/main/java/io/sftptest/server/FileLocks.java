package io.sftptest.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import io.sftptest.server.internal.OpenFiles;

/**
 * Windows-like file locking ({@link SftpTestServer#locks()}): while another party holds a file open, the server
 * refuses to open it for writing, to rename it or to delete it, with {@code SSH_FX_LOCK_CONFLICT} for SFTP v5 and
 * later and {@code SSH_FX_FAILURE} for v3 and v4 clients, message "The process cannot access the file because it
 * is being used by another process". Reading it is allowed. The parties are the other SFTP connections (through
 * their open handles), the test ({@link #hold(String)}) and the writer of a {@link GrowingFile}.
 *
 * <pre>{@code
 * server.locks().enable();
 * try (AutoCloseable excel = server.locks().hold("/in/prices.xlsx")) {
 *     // ... the code under test tries to replace /in/prices.xlsx and must cope with LOCK_CONFLICT
 * }
 * }</pre>
 *
 * <p>A connection holds a file from its OPEN until the handle is closed: after a transfer that dropped, until the
 * server has closed the handles of the dropped connection. Opens are tracked while locking is off too, so turning
 * it on takes effect for files already open. Off by default (a Unix server does not lock);
 * {@link SftpTestServer.Builder#lockOpenFiles(boolean)} turns it on for good, {@link SftpTestServer#reset()}
 * returns to the builder's setting and releases the test's holds.
 */
public final class FileLocks {
    private static final Object TEST = new Object() {
        @Override
        public String toString() {
            return "the test";
        }
    };

    private final OpenFiles openFiles;
    private final Function<String, Path> resolver;

    FileLocks(OpenFiles openFiles, Function<String, Path> resolver) {
        this.openFiles = openFiles;
        this.resolver = resolver;
    }

    /**
     * Turns locking on.
     *
     * @return this
     */
    public FileLocks enable() {
        openFiles.setLocking(true);
        return this;
    }

    /**
     * Turns locking off: nothing is refused, the test's holds stay recorded.
     *
     * @return this
     */
    public FileLocks disable() {
        openFiles.setLocking(false);
        return this;
    }

    /**
     * Returns whether locking is on.
     *
     * @return true when a file another party holds open cannot be changed
     */
    public boolean isEnabled() {
        return openFiles.locking();
    }

    /**
     * Holds a file open as another program on the server would (an editor, a virus scanner), until the returned
     * handle is closed or the server resets.
     *
     * @param path the client path of an existing file
     * @return closes the hold (idempotent)
     * @throws IllegalStateException when locking is off: the hold would change nothing
     * @throws IllegalArgumentException when there is no such file
     */
    public AutoCloseable hold(String path) {
        Objects.requireNonNull(path, "path");
        if (!openFiles.locking()) {
            throw new IllegalStateException("locking is off, so holding \"" + path + "\" open would refuse nothing: "
                    + "call server.locks().enable() first, or build with .lockOpenFiles(true)");
        }
        Path file = resolver.apply(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file \"" + path + "\" to hold open: put it first, e.g. "
                    + "server.putFile(\"" + path + "\", ...)");
        }
        Runnable release = openFiles.hold(file, TEST);
        return release::run;
    }

    /**
     * Returns whether any party (a connection, the test, a growing file's writer) holds a file open.
     *
     * @param path the client path
     * @return true while it is open
     */
    public boolean isOpen(String path) {
        return openFiles.holderCount(resolver.apply(Objects.requireNonNull(path, "path"))) > 0;
    }

    /** Releases the test's holds (a reset). */
    void releaseTestHolds() {
        openFiles.releaseAll(owner -> owner == TEST);
    }
}
