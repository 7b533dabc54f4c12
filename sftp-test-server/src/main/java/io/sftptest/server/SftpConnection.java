package io.sftptest.server;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * An open SSH connection to the server, as {@link SftpTestServer#connections()} lists it.
 *
 * @param id the server-wide connection id, counting from 1 in the order connections arrived
 * @param remoteAddress the client's address and port, or null when unknown
 * @param user the user name the client authenticated as (or is trying), or null before authentication
 * @param authenticated whether authentication has succeeded
 * @param connectedAt when the connection was accepted
 */
public record SftpConnection(long id, InetSocketAddress remoteAddress, String user, boolean authenticated,
        Instant connectedAt) {
}
