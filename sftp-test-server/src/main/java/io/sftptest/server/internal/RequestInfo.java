package io.sftptest.server.internal;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * One SFTP request as the subsystem parsed it (or one exec request, {@link ExecCommand}), completed with the answer
 * once it was sent.
 * Mutable and confined to the subsystem's thread until it is handed to observers.
 */
public final class RequestInfo {
    /** The server-wide connection id. */
    public long connectionId;
    /** The authenticated user. */
    public String user;
    /** The SFTP request id. */
    public int requestId;
    /** The operation. */
    public SftpOperation operation;
    /** The extension name of an {@code SSH_FXP_EXTENDED} request, else null. */
    public String extension;
    /** The path the request names, or the path behind its handle. */
    public String path;
    /** The second path (rename and link targets), else null. */
    public String targetPath;
    /** The handle the request names, else null. */
    public String handle;
    /** The offset of a read or write, else -1. */
    public long offset = -1;
    /** The length asked for (read) or sent (write), else -1. */
    public long length = -1;
    /** The open flags ({@code SSH_FXF_*}) of an open, else 0. */
    public int flags;
    /** The attributes sent with a SETSTAT, FSETSTAT, MKDIR or OPEN, else null. */
    public io.sftptest.server.SftpFileAttributes attributes;
    /** The fault applied to the request, else null (set by the fault rules). */
    public String fault;
    /** Whether the recording holds this request already (recorded when its answer was sent). */
    public boolean recorded;
    /** When the request started, from {@link System#nanoTime()}. */
    public long startNanos;
    /** The status answered, or {@link SftpStatus#OK} for a data, handle, name or attrs reply. */
    public SftpStatus status;
    /** The status message answered, else null. */
    public String message;
    /** The bytes of file data moved by a read or write. */
    public long bytes;
    /** How long the request took, in nanoseconds. */
    public long durationNanos;

    /** The server-wide sequence number. */
    public long sequence;
    /** The number of the request on its connection. */
    public long indexInConnection;
    /** When the request arrived. */
    public java.time.Instant time;
    /** The command line of an EXEC, else null (also for a shell request). */
    public String command;
    /** The exit status an EXEC ended with, else null. */
    public Integer exitStatus;

    /**
     * Returns the immutable public view of this request.
     *
     * @return the record
     */
    public io.sftptest.server.RecordedRequest toRecord() {
        return new io.sftptest.server.RecordedRequest(sequence, time, connectionId, indexInConnection, user,
                operation, extension, path, targetPath, handle, offset, length, flags, attributes, status, message,
                bytes, java.time.Duration.ofNanos(durationNanos), fault, null, null, null, command, exitStatus);
    }
}
