package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client writes to an open file, {@code SSH_FXP_WRITE} (seed: FileWrite). {@link #data()} holds the bytes
 * sent; in virtual mode the listener is the only receiver of them.
 */
public final class FileWriteEvent extends FileSystemEvent {
    private final String handle;
    private final long offset;
    private final byte[] data;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the path behind the handle
     * @param handle the handle
     * @param offset where to write (seed: FileOffset)
     * @param data the bytes the client sent
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public FileWriteEvent(long connectionId, String user, String path, String handle, long offset, byte[] data,
            boolean beforeExec, SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.WRITE, path, beforeExec, statusCode, statusMessage, files);
        this.handle = handle;
        this.offset = offset;
        this.data = data;
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
     * Returns the file offset written to (seed: FileOffset).
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }

    /**
     * Returns the bytes the client sent (seed: FileData).
     *
     * @return the bytes (not copied)
     */
    public byte[] data() {
        return data;
    }
}
