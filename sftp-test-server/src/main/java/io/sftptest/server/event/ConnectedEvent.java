package io.sftptest.server.event;

import java.net.InetSocketAddress;

/**
 * A connection was accepted and its SSH session created (seed: Connected).
 *
 * @param connectionId the new connection's id
 * @param remoteAddress the client's address, or null when unknown
 * @param statusCode 0: the connection was made normally
 * @param description "OK"
 */
public record ConnectedEvent(long connectionId, InetSocketAddress remoteAddress, int statusCode, String description) {
}
