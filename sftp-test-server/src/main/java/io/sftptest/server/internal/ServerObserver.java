package io.sftptest.server.internal;

import java.net.InetSocketAddress;

/**
 * Sees what happens on one server's connections: connects, authentication verdicts and disconnects (SFTP
 * requests go to {@link ServerContext#requestRecorders()} and {@link ServerContext#requestListeners()}). Called
 * on MINA's I/O or subsystem threads: implementations must be quick and thread-safe. Each method
 * has an empty default so an observer implements only what it needs.
 */
public interface ServerObserver {
    /**
     * Called when a connection was accepted.
     *
     * @param connectionId the new connection's id
     * @param remoteAddress the client's address, or null when unknown
     */
    default void connected(long connectionId, InetSocketAddress remoteAddress) {
    }

    /**
     * Called when a connection closed, whichever side closed it.
     *
     * @param connectionId the connection's id
     * @param user the user it had authenticated as (or tried), or null
     */
    default void disconnected(long connectionId, String user) {
    }

    /**
     * Called when an authentication method reached a verdict for a request.
     *
     * @param connectionId the connection's id
     * @param user the user name the client sent
     * @param method the SSH method name, e.g. {@code password} or {@code publickey}
     * @param success whether the method accepted the user
     */
    default void authenticated(long connectionId, String user, String method, boolean success) {
    }
}
