package io.sftptest.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sftptest.server.SftpConnection;

/** Tracks the open SSH connections of one server and numbers them. */
public final class ConnectionRegistry implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);
    private static final AttributeKey<Long> CONNECTION_ID = new AttributeKey<>();
    private static final AttributeKey<Instant> CONNECTED_AT = new AttributeKey<>();

    /**
     * The connection whose SFTP request the current thread is serving, if any: a listener that
     * disconnects its own connection must not wait for the close, which waits for that very thread.
     */
    static final ThreadLocal<Long> SERVING = new ThreadLocal<>();

    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> closings = new ConcurrentHashMap<>();
    private final List<ServerObserver> observers;

    /**
     * Creates a registry.
     *
     * @param observers told of each connection and disconnection (the live list, read at each event)
     */
    public ConnectionRegistry(List<ServerObserver> observers) {
        this.observers = observers;
    }

    @Override
    public void sessionCreated(Session session) {
        long id = nextId.getAndIncrement();
        session.setAttribute(CONNECTION_ID, id);
        session.setAttribute(CONNECTED_AT, Instant.now());
        sessions.put(id, session);
        SocketAddress remote = session.getIoSession().getRemoteAddress();
        for (ServerObserver observer : observers) {
            observer.connected(id, remote instanceof InetSocketAddress inet ? inet : null);
        }
    }

    @Override
    public void sessionClosed(Session session) {
        Long id = session.getAttribute(CONNECTION_ID);
        if (id == null) {
            return;
        }
        boolean registered = sessions.remove(id) != null;
        // Completed after the removal: a disconnect(id) that waits on it must find the connection gone.
        CompletableFuture<Void> closing = closings.remove(id);
        if (closing != null) {
            closing.complete(null);
        }
        if (registered) {
            for (ServerObserver observer : observers) {
                observer.disconnected(id, session.getUsername(), DisconnectReasons.of(session));
            }
        }
    }

    /**
     * Returns the connection id of a session.
     *
     * @param session a session of this server
     * @return its id, or 0 when it has none (not created through this registry)
     */
    public static long idOf(Session session) {
        Long id = session == null ? null : session.getAttribute(CONNECTION_ID);
        return id == null ? 0 : id;
    }

    /**
     * Returns the open session with an id.
     *
     * @param id the connection id
     * @return the session, or null when no open connection has that id
     */
    public Session session(long id) {
        return sessions.get(id);
    }

    /**
     * Closes a connection (sending SSH_MSG_DISCONNECT first) and waits until it is closed, so that
     * it is gone from {@link #snapshot()} when this returns.
     *
     * @param id the connection id
     * @param timeout how long to wait for the close at most
     * @return false when no open connection has that id
     */
    public boolean disconnect(long id, Duration timeout) {
        return disconnect(id, timeout, "disconnected by the test");
    }

    /**
     * Closes a connection as {@link #disconnect(long, Duration)} does, telling the client why.
     *
     * @param id the connection id
     * @param timeout how long to wait for the close at most
     * @param reason the text of the SSH_MSG_DISCONNECT, also the DISCONNECT record's message
     * @return false when no open connection has that id
     */
    public boolean disconnect(long id, Duration timeout, String reason) {
        Session session = sessions.get(id);
        if (session == null) {
            return false;
        }
        CompletableFuture<Void> closed =
                closings.computeIfAbsent(id, key -> new CompletableFuture<>());
        if (!sessions.containsKey(id)) {
            closings.remove(id);
            return true; // closed meanwhile
        }
        try {
            DisconnectReasons.set(session, reason);
            session.disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, reason);
        } catch (IOException e) {
            session.close(true);
        }
        if (Long.valueOf(id).equals(SERVING.get())) {
            return true; // called while serving this connection's request: the close completes after it
        }
        try {
            closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debug("connection {} did not close within {}: closing it hard", id, timeout);
            closeHard(session, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    private static void closeHard(Session session, Duration timeout) {
        try {
            session.close(true).await(timeout);
        } catch (IOException e) {
            LOG.debug("closing {} failed", session, e);
        }
    }

    /**
     * Starts a new key exchange on a connection.
     *
     * @param id the connection id
     * @return false when no open connection has that id
     * @throws UncheckedIOException when the key exchange cannot be started
     */
    public boolean exchangeKeys(long id) {
        Session session = sessions.get(id);
        if (session == null) {
            return false;
        }
        try {
            session.reExchangeKeys();
        } catch (IOException e) {
            throw new UncheckedIOException("key re-exchange on connection " + id + " failed: " + e, e);
        }
        return true;
    }

    /**
     * Returns a snapshot of the open connections, oldest first.
     *
     * @return the connections
     */
    public List<SftpConnection> snapshot() {
        List<SftpConnection> result = new ArrayList<>();
        for (Map.Entry<Long, Session> entry : sessions.entrySet()) {
            Session session = entry.getValue();
            if (!session.isOpen()) {
                continue; // closing: no longer a connection a test can use
            }
            SocketAddress remote = session.getIoSession().getRemoteAddress();
            result.add(new SftpConnection(entry.getKey(),
                    remote instanceof InetSocketAddress inet ? inet : null,
                    session.getUsername(), session.isAuthenticated(), session.getAttribute(CONNECTED_AT)));
        }
        result.sort((a, b) -> Long.compare(a.id(), b.id()));
        return result;
    }

    /**
     * Returns all open sessions.
     *
     * @return a snapshot of the sessions
     */
    public List<Session> sessions() {
        return new ArrayList<>(sessions.values());
    }
}
