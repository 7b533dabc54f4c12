package io.sftptest.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does to a new SSH connection that a connection rule matched
 * ({@link Faults#onConnection()}): an immutable effect, for testing a client's connect and handshake
 * timeouts, its handling of refused connections, and what its transfers do when the SSH transport below them
 * stalls or re-exchanges keys.
 *
 * <pre>{@code
 * server.faults().onConnection().once().respond(ConnectionFault.refuse());
 * server.faults().onConnection().respond(ConnectionFault.delayBanner(Duration.ofSeconds(5)));
 * FaultRule stall = server.faults().onConnection().respond(ConnectionFault.stallWindowAfter(1 << 20));
 * // ... the client's upload blocks after about 1 MiB plus its window, with no SFTP error ...
 * stall.release();
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
        STALL_KEY_EXCHANGE,
        /** Serve normally, but stop granting SSH channel window after some bytes, until released. */
        STALL_WINDOW,
        /** Serve normally, re-exchanging keys on the server's initiative every so many bytes. */
        REKEY_AFTER_BYTES,
        /** Serve normally, re-exchanging keys on the server's initiative every so often. */
        REKEY_EVERY,
        /** Serve normally until some bytes passed, then start a key exchange and stall it until released. */
        STALL_REKEY
    }

    private static final ConnectionFault NONE = new ConnectionFault(Kind.NONE, null);
    private static final ConnectionFault REFUSE = new ConnectionFault(Kind.REFUSE, null);
    private static final ConnectionFault CLOSE_AFTER_ACCEPT = new ConnectionFault(Kind.CLOSE_AFTER_ACCEPT, null);
    private static final ConnectionFault STALL = new ConnectionFault(Kind.STALL_KEY_EXCHANGE, null);

    private final Kind kind;
    private final Duration delay;
    private final long bytes;
    private final Duration interval;

    private ConnectionFault(Kind kind, Duration delay) {
        this(kind, delay, 0, null);
    }

    private ConnectionFault(Kind kind, Duration delay, long bytes, Duration interval) {
        this.kind = kind;
        this.delay = delay;
        this.bytes = bytes;
        this.interval = interval;
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
     * Serves the connection, but once the server has taken {@code bytes} bytes of channel data from the client
     * (uploads, requests) it stops granting SSH channel window ({@code SSH_MSG_CHANNEL_WINDOW_ADJUST}), until
     * {@link FaultRule#release()} (or the rule is removed, the faults are cleared, or the server closes). The
     * client can still send what its window allows, up to 2 MiB more (the window the server grants a channel),
     * then its writes block with no SFTP error, as with a server that stopped reading (net-sftp#57, JSch#836).
     * The SSH connection itself stays alive: keep-alives are answered, downloads go on. On release the held
     * window is granted and the transfer goes on.
     *
     * @param bytes 0 or more
     * @return the effect
     */
    public static ConnectionFault stallWindowAfter(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("stallWindowAfter must not be negative, was " + bytes
                    + ": use 0 to stall once the client's first window is used up");
        }
        return new ConnectionFault(Kind.STALL_WINDOW, null, bytes, null);
    }

    /**
     * Serves the connection, and re-exchanges keys on the server's initiative every time {@code bytes} bytes have
     * passed in either direction since the last exchange (OpenSSH's {@code RekeyLimit}), for clients that must
     * keep transferring through a key exchange they did not start (sshj#432, mina-sshd#860).
     *
     * @param bytes at least 1
     * @return the effect
     */
    public static ConnectionFault rekeyAfterBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("rekeyAfterBytes must be at least 1, was " + bytes);
        }
        return new ConnectionFault(Kind.REKEY_AFTER_BYTES, null, bytes, null);
    }

    /**
     * Serves the connection, and re-exchanges keys on the server's initiative once {@code interval} has passed
     * since the last exchange (OpenSSH's {@code RekeyLimit default TIME}); the server notices it when a packet
     * arrives, so an idle connection is not re-keyed.
     *
     * @param interval a positive duration
     * @return the effect
     */
    public static ConnectionFault rekeyEvery(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("rekeyEvery must be positive, was " + interval);
        }
        return new ConnectionFault(Kind.REKEY_EVERY, null, 0, interval);
    }

    /**
     * Serves the connection until {@code bytes} bytes have passed in either direction, then starts a key exchange
     * and stops reading from the client, so the exchange and every transfer on the connection stall, until
     * {@link FaultRule#release()} (or the rule is removed, the faults are cleared, or the server closes). After the
     * release the exchange completes and the connection goes on; later exchanges come at the server's own limit.
     *
     * @param bytes at least 1
     * @return the effect
     */
    public static ConnectionFault stallRekeyAfter(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("stallRekeyAfter must be at least 1, was " + bytes);
        }
        return new ConnectionFault(Kind.STALL_REKEY, null, bytes, null);
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

    /**
     * Returns the byte count of {@link Kind#STALL_WINDOW}, {@link Kind#REKEY_AFTER_BYTES} and
     * {@link Kind#STALL_REKEY}.
     *
     * @return the bytes, 0 for other kinds
     */
    public long bytes() {
        return bytes;
    }

    /**
     * Returns the interval of {@link Kind#REKEY_EVERY}.
     *
     * @return the interval, or null for other kinds
     */
    public Duration interval() {
        return interval;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionFault f && kind == f.kind && Objects.equals(delay, f.delay)
                && bytes == f.bytes && Objects.equals(interval, f.interval);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, delay, bytes, interval);
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
            case STALL_WINDOW -> "stallWindowAfter(" + bytes + ")";
            case REKEY_AFTER_BYTES -> "rekeyAfterBytes(" + bytes + ")";
            case REKEY_EVERY -> "rekeyEvery(" + interval + ")";
            case STALL_REKEY -> "stallRekeyAfter(" + bytes + ")";
        };
    }
}
