package io.sftptest.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does to a new SSH connection that a connection rule matched
 * ({@link Faults#onConnection()}): an immutable effect, for testing a client's connect and handshake
 * timeouts and its handling of refused connections.
 *
 * <pre>{@code
 * server.faults().onConnection().once().respond(ConnectionFault.refuse());
 * server.faults().onConnection().respond(ConnectionFault.delayBanner(Duration.ofSeconds(5)));
 * }</pre>
 */
public final class ConnectionFault {
    /** The kinds of connection effect. */
    public enum Kind {
        /** Serve the connection normally (a step of a sequence). */
        NONE,
        /** Close the socket at once, before the server's SSH identification. */
        REFUSE,
        /** Send the server's SSH identification, then close the connection before key exchange. */
        CLOSE_AFTER_ACCEPT,
        /** Send the server's SSH identification (the banner line {@code SSH-2.0-...}) only after a delay. */
        DELAY_BANNER,
        /** Send the identification, then read nothing more: key exchange never completes until released. */
        STALL_KEY_EXCHANGE
    }

    private static final ConnectionFault NONE = new ConnectionFault(Kind.NONE, null);
    private static final ConnectionFault REFUSE = new ConnectionFault(Kind.REFUSE, null);
    private static final ConnectionFault CLOSE_AFTER_ACCEPT = new ConnectionFault(Kind.CLOSE_AFTER_ACCEPT, null);
    private static final ConnectionFault STALL = new ConnectionFault(Kind.STALL_KEY_EXCHANGE, null);

    private final Kind kind;
    private final Duration delay;

    private ConnectionFault(Kind kind, Duration delay) {
        this.kind = kind;
        this.delay = delay;
    }

    /**
     * Serves the connection normally: the step of a sequence where connecting works.
     *
     * @return the effect
     */
    public static ConnectionFault none() {
        return NONE;
    }

    /**
     * Closes the connection as soon as it is accepted, before the server sent anything (the client sees
     * the connection closed while it waits for the server's identification).
     *
     * @return the effect
     */
    public static ConnectionFault refuse() {
        return REFUSE;
    }

    /**
     * Sends the server's SSH identification and then closes the connection, before key exchange.
     *
     * @return the effect
     */
    public static ConnectionFault closeAfterAccept() {
        return CLOSE_AFTER_ACCEPT;
    }

    /**
     * Delays the server's SSH identification line (and so everything after it): a client whose connect or
     * banner timeout is shorter gives up.
     *
     * @param delay the delay, positive
     * @return the effect
     */
    public static ConnectionFault delayBanner(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delayBanner must be positive, was " + delay);
        }
        return new ConnectionFault(Kind.DELAY_BANNER, delay);
    }

    /**
     * Sends the server's identification and then stops reading from the connection, so key exchange never
     * completes, until {@link FaultRule#release()} (or the rule is removed, the faults are cleared, or the
     * server closes).
     *
     * @return the effect
     */
    public static ConnectionFault stallKeyExchange() {
        return STALL;
    }

    /**
     * Returns the kind of effect.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the delay of {@link Kind#DELAY_BANNER}.
     *
     * @return the delay, or null for other kinds
     */
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionFault f && kind == f.kind && Objects.equals(delay, f.delay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, delay);
    }

    /** Returns the factory call that makes this effect, e.g. {@code delayBanner(PT2S)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none()";
            case REFUSE -> "refuse()";
            case CLOSE_AFTER_ACCEPT -> "closeAfterAccept()";
            case DELAY_BANNER -> "delayBanner(" + delay + ")";
            case STALL_KEY_EXCHANGE -> "stallKeyExchange()";
        };
    }
}
