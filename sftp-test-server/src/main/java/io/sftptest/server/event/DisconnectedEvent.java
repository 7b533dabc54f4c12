package io.sftptest.server.event;

/**
 * A connection closed, whichever side closed it (seed: Disconnected).
 *
 * @param connectionId the connection's id
 * @param user the user it authenticated as (or tried), or null
 * @param statusCode 0 when it closed normally; else the SSH disconnect reason
 *        ({@code SSH2_DISCONNECT_*}) or -1 after an error
 * @param description "OK", or the disconnect message or error
 */
public record DisconnectedEvent(long connectionId, String user, int statusCode, String description) {
}
