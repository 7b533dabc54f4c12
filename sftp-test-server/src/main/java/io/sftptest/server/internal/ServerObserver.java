package io.sftptest.server.internal;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.sftptest.server.AuthOutcome;

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
     * @param reason why the server ended it (see {@link DisconnectReasons}), or null when the client closed it
     */
    default void disconnected(long connectionId, String user, String reason) {
    }

    /**
     * Called when the server answers an authentication attempt, just before the answer is sent: with
     * success, partial success (another method must follow) or failure, whoever decided it (MINA, a
     * script, a listener).
     *
     * @param connectionId the connection's id
     * @param user the user name the client sent
     * @param method the SSH method name, e.g. {@code password} or {@code publickey}
     * @param outcome what the server answers
     * @param duration the time from the client's request (for keyboard-interactive: its responses) to the answer
     */
    default void authenticated(long connectionId, String user, String method, AuthOutcome outcome,
            Duration duration) {
    }
}
