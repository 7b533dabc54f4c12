package io.sftptest.server.event;

/**
 * Something went wrong while serving a connection (seed: Error): a listener threw, a session failed, an
 * SFTP packet could not be processed. The server carries on.
 *
 * @param connectionId the connection, or 0 when none
 * @param errorCode {@link #LISTENER_FAILED}, {@link #SESSION_FAILED} or {@link #PROTOCOL_ERROR}
 * @param description what happened
 * @param cause the exception, or null
 */
public record ErrorEvent(long connectionId, int errorCode, String description, Throwable cause) {
    /** A listener threw; the client got {@code SSH_FX_FAILURE} (or its connection/authentication was refused). */
    public static final int LISTENER_FAILED = 1;
    /** The SSH session failed (e.g. the client sent garbage or the connection broke). */
    public static final int SESSION_FAILED = 2;
    /** An SFTP packet could not be processed. */
    public static final int PROTOCOL_ERROR = 3;
}
