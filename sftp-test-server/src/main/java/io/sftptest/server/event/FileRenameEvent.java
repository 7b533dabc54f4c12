package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client renames a file or directory, {@code SSH_FXP_RENAME} or {@code posix-rename@openssh.com}
 * (seed: FileRename).
 */
public final class FileRenameEvent extends FileSystemEvent {
    private final String newPath;
    private final int flags;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param operation {@link SftpOperation#RENAME}, or {@link SftpOperation#EXTENDED} for posix-rename
     * @param path the existing path
     * @param newPath the new path
     * @param flags the {@code SSH_FXF_RENAME_*} flags (SFTP v5+), else 0
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public FileRenameEvent(long connectionId, String user, SftpOperation operation, String path, String newPath,
            int flags, boolean beforeExec, SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        super(connectionId, user, operation, path, beforeExec, statusCode, statusMessage, files);
        this.newPath = newPath;
        this.flags = flags;
    }

    /**
     * Returns the new path.
     *
     * @return the path
     */
    public String newPath() {
        return newPath;
    }

    /**
     * Returns the file {@link #newPath()} names on the server's filesystem; see {@link #file()}.
     *
     * <pre>{@code
     * if (e.beforeExec() && Files.exists(e.newFile())) {
     *     e.setStatusCode(SftpStatus.FILE_ALREADY_EXISTS);
     * }
     * }</pre>
     *
     * @return the path on the server's filesystem, or null as for {@link #file()}
     */
    public Path newFile() {
        return resolve(newPath);
    }

    /**
     * Returns the rename flags: {@code OVERWRITE} (1), {@code ATOMIC} (2), {@code NATIVE} (4); SFTP v5+ only.
     *
     * @return the flags, or 0
     */
    public int flags() {
        return flags;
    }
}
