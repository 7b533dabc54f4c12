package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client reads from an open file, {@code SSH_FXP_READ} (seed: FileRead).
 *
 * <p>{@link #setData(byte[])} serves bytes: before execution instead of reading the file (in virtual mode
 * the only source; null or empty means end of file), after execution instead of the bytes read. At most
 * {@link #length()} bytes are sent.
 */
public final class FileReadEvent extends FileSystemEvent {
    private final String handle;
    private final long offset;
    private final int length;
    private byte[] data;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the path behind the handle
     * @param handle the handle
     * @param offset where to read (seed: FileOffset)
     * @param length how many bytes the client asks for
     * @param data the bytes read (after execution) or set by a listener, or null
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public FileReadEvent(long connectionId, String user, String path, String handle, long offset, int length,
            byte[] data, boolean beforeExec, SftpStatus statusCode, String statusMessage,
            Function<String, Path> files) {
        super(connectionId, user, SftpOperation.READ, path, beforeExec, statusCode, statusMessage, files);
        this.handle = handle;
        this.offset = offset;
        this.length = length;
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
     * Returns the file offset to read from (seed: FileOffset).
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }

    /**
     * Returns how many bytes the client asks for.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    /**
     * Returns the bytes to send: set by a listener, or after execution the bytes read.
     *
     * @return the bytes (not copied), or null
     */
    public byte[] data() {
        return data;
    }

    /**
     * Serves these bytes (seed: FileData); see the class description.
     *
     * @param bytes the bytes from {@link #offset()} on; null or empty for end of file
     */
    public void setData(byte[] bytes) {
        this.data = bytes == null ? new byte[0] : bytes.clone();
    }
}
