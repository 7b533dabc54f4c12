package io.sftptest.server.internal;

import java.net.InetSocketAddress;
import java.time.Duration;

import io.sftptest.server.AuthOutcome;

/**
 * Sees what happens on one server: connections, authentication attempts and SFTP requests. Called
 * on MINA's I/O or subsystem threads: implementations must be quick and thread-safe. Each method
 * has an empty default so an observer implements only what it needs.
 */
public interface ServerObserver {
    /**
     * Called once the answer to an SFTP request was sent.
     *
     * @param request the request and its answer
     */
    default void requestCompleted(RequestInfo request) {
    }

    /**
     * Called with the answer to an SFTP request just before it is sent, on the subsystem's thread; the
     * request's status, message, bytes and handle are known. A record made here exists before the
     * client can see the answer, so a test that asserts right after its client call returned finds it.
     * Also called, with no status, just before a fault closes the connection or channel on a request that
     * gets no answer, so that a test waiting for the close finds the request recorded.
     *
     * @param request the request and its answer
     */
    default void replying(RequestInfo request) {
    }

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
