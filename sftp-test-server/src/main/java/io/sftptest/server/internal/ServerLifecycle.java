package io.sftptest.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

import org.slf4j.Logger;

/**
 * A server's life: new, running, closed; whether it listens, and where. Every change holds one lock, so that a
 * start, a reset, a change of listening and a close never interleave; a call made in the wrong state gets an error
 * that says what to do instead (a closed server cannot start again, so its errors point to a new one).
 */
public final class ServerLifecycle {
    private enum State { NEW, RUNNING, CLOSED }

    private final Object lock = new Object();
    private final MinaServer mina;
    private final String configuredAddress;
    private final Logger log;
    private volatile State state = State.NEW;
    private volatile InetSocketAddress boundAddress;
    private volatile boolean listening;

    /**
     * Creates the life of a server that has not started yet.
     *
     * @param mina the SSH server that listens
     * @param host the host the builder set, for the error when it cannot be bound
     * @param port the port the builder set
     * @param log where a failed stop is logged
     */
    public ServerLifecycle(MinaServer mina, String host, int port, Logger log) {
        this.mina = mina;
        this.configuredAddress = host + ":" + port;
        this.log = log;
    }

    /**
     * Starts: runs {@code prepare} (e.g. seeds the files), then listens. On a failure the SSH server is stopped and
     * {@code release} runs before the error is thrown; the server stays not started.
     *
     * @param prepare what comes before listening
     * @param release what a failed start frees
     * @throws IllegalStateException when the server runs or is closed
     * @throws UncheckedIOException when the address cannot be bound
     */
    public void start(Runnable prepare, Runnable release) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                throw closed("");
            }
            if (state != State.NEW) {
                throw new IllegalStateException("the server is already running on " + uri()
                        + ": build a new server with SftpTestServer.builder()");
            }
            try {
                prepare.run();
                boundAddress = (InetSocketAddress) mina.start();
            } catch (IOException e) {
                stopQuietly(release);
                throw new UncheckedIOException("cannot listen on " + configuredAddress + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                stopQuietly(release);
                throw e;
            }
            listening = true;
            state = State.RUNNING;
        }
    }

    /**
     * Runs an action on a running server, holding the lock (a reset).
     *
     * @param action the action
     * @throws IllegalStateException when the server is not running
     */
    public void whileRunning(Runnable action) {
        synchronized (lock) {
            requireRunning();
            action.run();
        }
    }

    /**
     * Closes the listening socket; open connections stay.
     *
     * @throws IllegalStateException when the server is not running
     */
    public void stopListening() {
        synchronized (lock) {
            requireRunning();
            if (listening) {
                mina.stopListening();
                listening = false;
            }
        }
    }

    /**
     * Listens again on the address bound at start.
     *
     * @throws IllegalStateException when the server is not running
     * @throws UncheckedIOException when the port was taken meanwhile
     */
    public void startListening() {
        synchronized (lock) {
            requireRunning();
            if (!listening) {
                try {
                    mina.listenAgain();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot listen on " + boundAddress + " again: " + e, e);
                }
                listening = true;
            }
        }
    }

    /**
     * Closes the server once: stops the SSH server (dropping its connections), then runs {@code release}.
     *
     * @param release what a closed server frees after its connections are gone
     */
    public void close(Runnable release) {
        synchronized (lock) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            stopQuietly(release);
        }
    }

    private void stopQuietly(Runnable release) {
        // Connections first, rules after: a request held by a hang or delay then wakes to a closed connection
        // and is cut off; releasing the rules first would let it run and be answered while the server closes.
        try {
            mina.stop();
        } catch (IOException | RuntimeException e) {
            log.debug("stopping the SSH server failed", e);
        }
        listening = false;
        release.run();
    }

    /**
     * Returns whether the server has been started and not yet closed.
     *
     * @return true while running
     */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Returns whether the server was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Returns whether the server accepts new connections.
     *
     * @return true while running and listening
     */
    public boolean isListening() {
        return state == State.RUNNING && listening;
    }

    /**
     * Returns the address the server listens on.
     *
     * @return the bound address
     * @throws IllegalStateException before the start and after the close
     */
    public InetSocketAddress address() {
        InetSocketAddress address = boundAddress;
        if (state == State.CLOSED) {
            throw closed(address == null ? "" : " (it listened on " + hostAndPort(address) + ")");
        }
        if (address == null) {
            throw new IllegalStateException("the server has not been started: call start() first");
        }
        return address;
    }

    /**
     * Returns the server's URI, {@code sftp://HOST:PORT/}, with an IPv6 host in brackets.
     *
     * @return the URI's text
     */
    public String uri() {
        return "sftp://" + hostAndPort(address()) + "/";
    }

    /**
     * Describes the state for {@code toString()}: the URI while running, else the state's name.
     *
     * @return e.g. {@code sftp://127.0.0.1:41234/} or {@code closed}
     */
    public String describe() {
        return state == State.RUNNING ? uri() : state == State.NEW ? "new" : "closed";
    }

    private void requireRunning() {
        if (state == State.CLOSED) {
            throw closed("");
        }
        if (state != State.RUNNING) {
            throw new IllegalStateException("the server has not been started: call start() first");
        }
    }

    /**
     * Returns the host of an address with its port, an IPv6 host in brackets.
     *
     * @param address the address
     * @return e.g. {@code 127.0.0.1:41234} or {@code [::1]:41234}
     */
    public static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * The error of a call a closed server cannot serve: it points to a new server rather than to {@code start()}.
     *
     * @param detail what to add after "the server is closed", e.g. where it listened
     * @return the exception to throw
     */
    public static IllegalStateException closed(String detail) {
        return new IllegalStateException("the server is closed" + detail + ": a closed server cannot be started"
                + " again; build a new one with SftpTestServer.builder()");
    }
}
