package io.sftptest.server;

import java.time.Duration;
import java.time.Instant;

/**
 * One SFTP request the server received, with the answer it sent. Immutable.
 *
 * @param sequence the server-wide number of the request, counting from 1
 * @param time when the request arrived
 * @param connectionId the connection it came on (see {@link SftpConnection#id()})
 * @param indexInConnection the number of the request on its connection, counting from 1
 * @param user the authenticated user
 * @param operation the request type
 * @param extension the extension name of an {@link SftpOperation#EXTENDED} request, else null
 * @param path the path named by the request, or the path behind its handle; null when none
 * @param targetPath the second path of a rename or link, else null
 * @param handle the handle named by the request or returned by an open, else null
 * @param offset the offset of a read or write, else -1
 * @param length the length asked for by a read or sent by a write, else -1
 * @param flags the {@code SSH_FXF_*} open flags of an open, else 0
 * @param status the status answered ({@link SftpStatus#OK} for data, handle, name and attribute replies)
 * @param message the status message answered, or null
 * @param bytes the file bytes moved by a read or write
 * @param duration how long the server took to answer
 */
public record RecordedRequest(long sequence, Instant time, long connectionId, long indexInConnection, String user,
        SftpOperation operation, String extension, String path, String targetPath, String handle, long offset,
        long length, int flags, SftpStatus status, String message, long bytes, Duration duration) {

    /**
     * Returns a one-line summary, e.g. {@code #1.3 alice OPEN /in/a.csv : OK}.
     *
     * @return the summary
     */
    public String summary() {
        StringBuilder line = new StringBuilder();
        line.append('#').append(connectionId).append('.').append(indexInConnection).append(' ').append(user)
                .append(' ').append(operation);
        if (extension != null) {
            line.append('(').append(extension).append(')');
        }
        if (path != null) {
            line.append(' ').append(path);
        }
        if (targetPath != null) {
            line.append(" -> ").append(targetPath);
        }
        if (offset >= 0) {
            line.append(" @").append(offset);
        }
        if (bytes > 0) {
            line.append(' ').append(bytes).append(" bytes");
        }
        line.append(" : ").append(status == null ? "no answer" : status.name());
        if (message != null && !message.isEmpty() && status != SftpStatus.OK) {
            line.append(" (").append(message).append(')');
        }
        return line.toString();
    }
}
