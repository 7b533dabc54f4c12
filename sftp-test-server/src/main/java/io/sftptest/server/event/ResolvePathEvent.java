package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client canonicalises a path, {@code SSH_FXP_REALPATH} (seed: ResolvePath). {@link #path()} is the
 * original path; {@link #setRealPath(String)} replaces the answer.
 */
public final class ResolvePathEvent extends FileSystemEvent {
    private final int controlFlags;
    private String realPath;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param originalPath the path the client sent
     * @param controlFlags the {@code SSH_FXP_REALPATH_*} control byte (SFTP v6), else 0
     * @param realPath the resolved path (after execution), or null
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public ResolvePathEvent(long connectionId, String user, String originalPath, int controlFlags, String realPath,
            boolean beforeExec, SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.REALPATH, originalPath, beforeExec, statusCode, statusMessage, files);
        this.controlFlags = controlFlags;
        this.realPath = realPath;
    }

    /**
     * Returns the path the client sent (seed: OriginalPath); the same as {@link #path()}.
     *
     * @return the path
     */
    public String originalPath() {
        return path();
    }

    /**
     * Returns the control flags: {@code NO_CHECK} (1), {@code STAT_IF} (2), {@code STAT_ALWAYS} (3); SFTP v6.
     *
     * @return the flags, or 0
     */
    public int controlFlags() {
        return controlFlags;
    }

    /**
     * Returns the answer: set by a listener, or after execution the path the server resolved.
     *
     * @return the path, or null
     */
    public String realPath() {
        return realPath;
    }

    /**
     * Answers with this path (seed: RealPath), before execution instead of resolving, after it instead of
     * the resolved path.
     *
     * @param path an absolute path
     */
    public void setRealPath(String path) {
        this.realPath = Objects.requireNonNull(path, "path");
    }
}
