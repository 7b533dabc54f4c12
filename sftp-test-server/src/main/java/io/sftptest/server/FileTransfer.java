package io.sftptest.server;

import java.time.Instant;

/**
 * The summary of one opened file handle: what was read and written through it between its
 * {@code OPEN} and its {@code CLOSE}. Immutable snapshot; {@link Recording#files()} lists them in
 * the order the files were opened.
 *
 * <pre>{@code
 * FileTransfer upload = server.recording().awaitFile("/out/a.csv", Duration.ofSeconds(5));
 * // upload.toString(): file /out/a.csv: opened for write by alice on connection 1, 3 writes, 10240 bytes, closed
 * }</pre>
 *
 * @param connectionId the connection the file was opened on
 * @param user the user who opened it
 * @param path the client path opened
 * @param handle the handle the server returned
 * @param flags the open flags, as {@link RecordedRequest#flags()} documents them
 * @param openedAt when the OPEN arrived
 * @param reads the number of READ requests on the handle
 * @param bytesRead the bytes read
 * @param writes the number of WRITE requests on the handle
 * @param bytesWritten the bytes written (acknowledged with OK)
 * @param closeStatus the status the CLOSE was answered with, or null while the handle is open
 */
public record FileTransfer(long connectionId, String user, String path, String handle, int flags,
        Instant openedAt, int reads, long bytesRead, int writes, long bytesWritten, SftpStatus closeStatus) {

    /**
     * Returns whether the file was opened for writing (write or append flag).
     *
     * @return true for an upload
     */
    public boolean forWriting() {
        return (flags & (RecordedRequest.FXF_WRITE | RecordedRequest.FXF_APPEND)) != 0;
    }

    /**
     * Returns whether the file was opened for reading.
     *
     * @return true when the read flag was set
     */
    public boolean forReading() {
        return (flags & RecordedRequest.FXF_READ) != 0;
    }

    /**
     * Returns whether the handle was closed (whatever the close was answered).
     *
     * @return true once a CLOSE was answered
     */
    public boolean closed() {
        return closeStatus != null;
    }

    /**
     * Returns whether this is a completed upload: opened for writing, closed with OK.
     *
     * @return true for a completed upload
     */
    public boolean isCompletedUpload() {
        return forWriting() && closeStatus == SftpStatus.OK;
    }

    /**
     * Returns whether this is a completed download: opened for reading only, at least one read,
     * closed with OK.
     *
     * @return true for a completed download
     */
    public boolean isCompletedDownload() {
        return forReading() && !forWriting() && reads > 0 && closeStatus == SftpStatus.OK;
    }

    /**
     * Returns a one-line summary, e.g.
     * {@code file /out/a.csv: opened for write by alice on connection 1, 3 writes, 10240 bytes, closed}.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("file ").append(path).append(": opened for ");
        text.append(forWriting() ? (forReading() ? "read and write" : "write") : "read");
        text.append(" by ").append(user).append(" on connection ").append(connectionId);
        if (forWriting() || writes > 0) {
            text.append(", ").append(writes).append(writes == 1 ? " write, " : " writes, ").append(bytesWritten)
                    .append(" bytes");
        }
        if (forReading() || reads > 0) {
            text.append(", ").append(reads).append(reads == 1 ? " read, " : " reads, ").append(bytesRead)
                    .append(" bytes");
        }
        if (closeStatus == null) {
            text.append(", still open");
        } else if (closeStatus == SftpStatus.OK) {
            text.append(", closed");
        } else {
            text.append(", close answered ").append(closeStatus);
        }
        return text.toString();
    }
}
