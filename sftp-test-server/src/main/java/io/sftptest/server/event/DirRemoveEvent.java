package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/** A client deletes a directory, {@code SSH_FXP_RMDIR} (seed: DirRemove). */
public final class DirRemoveEvent extends FileSystemEvent {
    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the directory
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public DirRemoveEvent(long connectionId, String user, String path, boolean beforeExec, SftpStatus statusCode,
            String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.RMDIR, path, beforeExec, statusCode, statusMessage, files);
    }
}
