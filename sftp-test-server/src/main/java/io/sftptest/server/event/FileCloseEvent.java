package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client closes a file or directory handle, {@code SSH_FXP_CLOSE} (seed: FileClose, which covers both).
 */
public final class FileCloseEvent extends FileSystemEvent {
    private final String handle;
    private final boolean directory;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the path behind the handle, or null for an unknown handle
     * @param handle the handle
     * @param directory whether the handle is a directory handle (from {@code SSH_FXP_OPENDIR})
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public FileCloseEvent(long connectionId, String user, String path, String handle, boolean directory,
            boolean beforeExec, SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.CLOSE, path, beforeExec, statusCode, statusMessage, files);
        this.handle = handle;
        this.directory = directory;
    }

    /**
     * Returns the handle.
     *
     * @return the handle
     */
    public String handle() {
        return handle;
    }

    /**
     * Returns whether a directory handle is closed.
     *
     * @return true for a handle from {@code SSH_FXP_OPENDIR}
     */
    public boolean directory() {
        return directory;
    }
}
