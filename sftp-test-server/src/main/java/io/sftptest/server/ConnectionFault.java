package io.sftptest.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does to a new SSH connection that a connection rule matched
 * ({@link Faults#onConnection()}): an immutable effect, for testing a client's connect and handshake
 * timeouts, its handling of refused connections, and what its transfers do when the SSH transport below them
 * stalls or re-exchanges keys. Each kind of effect is a record of its own; {@code toString()} is the factory
 * call that makes it, e.g. {@code delayBanner(PT2S)}.
 *
 * <pre>{@code
 * server.faults().onConnection().once().respond(ConnectionFault.refuse());
 * server.faults().onConnection().respond(ConnectionFault.delayBanner(Duration.ofSeconds(5)));
 * FaultRule stall = server.faults().onConnection().respond(ConnectionFault.stallWindowAfter(1 << 20));
 * // ... the client's upload blocks after about 1 MiB plus its window, with no SFTP error ...
 * stall.release();
 * }</pre>
 */
public sealed interface ConnectionFault {
    /**
     * Serves the connection normally: the step of a sequence where connecting works.
     *
     * @return the effect
     */
    static ConnectionFault none() {
        return None.INSTANCE;
    }

    /**
     * Closes the connection as soon as it is accepted, before the server sent anything (the client sees
     * the connection closed while it waits for the server's identification).
     *
     * @return the effect
     */
    static ConnectionFault refuse() {
        return Refuse.INSTANCE;
    }

    /**
     * Sends the server's SSH identification and then closes the connection, before key exchange.
     *
     * @return the effect
     */
    static ConnectionFault closeAfterAccept() {
        return CloseAfterAccept.INSTANCE;
    }

    /**
     * Delays the server's SSH identification line (and so everything after it): a client whose connect or
     * banner timeout is shorter gives up.
     *
     * @param delay the delay, positive
     * @return the effect
     */
    static ConnectionFault delayBanner(Duration delay) {
        return new DelayBanner(delay);
    }

    /**
     * Sends the server's identification and then stops reading from the connection, so key exchange never
     * completes, until {@link FaultRule#release()} (or the rule is removed, the faults are cleared, or the
     * server closes).
     *
     * @return the effect
     */
    static ConnectionFault stallKeyExchange() {
        return StallKeyExchange.INSTANCE;
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
    static ConnectionFault stallWindowAfter(long bytes) {
        return new StallWindowAfter(bytes);
    }

    /**
     * Serves the connection, and re-exchanges keys on the server's initiative every time {@code bytes} bytes have
     * passed in either direction since the last exchange (OpenSSH's {@code RekeyLimit}), for clients that must
     * keep transferring through a key exchange they did not start (sshj#432, mina-sshd#860).
     *
     * @param bytes at least 1
     * @return the effect
     */
    static ConnectionFault rekeyAfterBytes(long bytes) {
        return new RekeyAfterBytes(bytes);
    }

    /**
     * Serves the connection, and re-exchanges keys on the server's initiative once {@code interval} has passed
     * since the last exchange (OpenSSH's {@code RekeyLimit default TIME}); the server notices it when a packet
     * arrives, so an idle connection is not re-keyed.
     *
     * @param interval a positive duration
     * @return the effect
     */
    static ConnectionFault rekeyEvery(Duration interval) {
        return new RekeyEvery(interval);
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
    static ConnectionFault stallRekeyAfter(long bytes) {
        return new StallRekeyAfter(bytes);
    }

    /** {@link #none()}: the connection is served normally. */
    record None() implements ConnectionFault {
        private static final None INSTANCE = new None();

        @Override
        public String toString() {
            return "none()";
        }
    }

    /** {@link #refuse()}: the socket is closed before the server's SSH identification. */
    record Refuse() implements ConnectionFault {
        private static final Refuse INSTANCE = new Refuse();

        @Override
        public String toString() {
            return "refuse()";
        }
    }

    /** {@link #closeAfterAccept()}: the identification is sent, then the connection closed before key exchange. */
    record CloseAfterAccept() implements ConnectionFault {
        private static final CloseAfterAccept INSTANCE = new CloseAfterAccept();

        @Override
        public String toString() {
            return "closeAfterAccept()";
        }
    }

    /**
     * {@link #delayBanner(Duration)}: the server's identification line comes late.
     *
     * @param delay the delay, positive
     */
    record DelayBanner(Duration delay) implements ConnectionFault {
        /**
         * Checks the delay.
         *
         * @param delay the delay, positive
         */
        public DelayBanner {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("delayBanner must be positive, was " + delay);
            }
        }

        @Override
        public String toString() {
            return "delayBanner(" + delay + ")";
        }
    }

    /** {@link #stallKeyExchange()}: the identification is sent, then nothing more is read until released. */
    record StallKeyExchange() implements ConnectionFault {
        private static final StallKeyExchange INSTANCE = new StallKeyExchange();

        @Override
        public String toString() {
            return "stallKeyExchange()";
        }
    }

    /**
     * {@link #stallWindowAfter(long)}: channel window is no longer granted after some bytes, until released.
     *
     * @param bytes the channel data the server takes before it stops granting window, 0 or more
     */
    record StallWindowAfter(long bytes) implements ConnectionFault {
        /**
         * Checks the byte count.
         *
         * @param bytes 0 or more
         */
        public StallWindowAfter {
            if (bytes < 0) {
                throw new IllegalArgumentException("stallWindowAfter must not be negative, was " + bytes
                        + ": use 0 to stall once the client's first window is used up");
            }
        }

        @Override
        public String toString() {
            return "stallWindowAfter(" + bytes + ")";
        }
    }

    /**
     * {@link #rekeyAfterBytes(long)}: the server re-exchanges keys every so many bytes.
     *
     * @param bytes the bytes in either direction between two exchanges, at least 1
     */
    record RekeyAfterBytes(long bytes) implements ConnectionFault {
        /**
         * Checks the byte count.
         *
         * @param bytes at least 1
         */
        public RekeyAfterBytes {
            if (bytes < 1) {
                throw new IllegalArgumentException("rekeyAfterBytes must be at least 1, was " + bytes);
            }
        }

        @Override
        public String toString() {
            return "rekeyAfterBytes(" + bytes + ")";
        }
    }

    /**
     * {@link #rekeyEvery(Duration)}: the server re-exchanges keys every so often.
     *
     * @param interval the time between two exchanges, positive
     */
    record RekeyEvery(Duration interval) implements ConnectionFault {
        /**
         * Checks the interval.
         *
         * @param interval a positive duration
         */
        public RekeyEvery {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("rekeyEvery must be positive, was " + interval);
            }
        }

        @Override
        public String toString() {
            return "rekeyEvery(" + interval + ")";
        }
    }

    /**
     * {@link #stallRekeyAfter(long)}: after some bytes the server starts a key exchange and stalls it until released.
     *
     * @param bytes the bytes in either direction before the stalled exchange, at least 1
     */
    record StallRekeyAfter(long bytes) implements ConnectionFault {
        /**
         * Checks the byte count.
         *
         * @param bytes at least 1
         */
        public StallRekeyAfter {
            if (bytes < 1) {
                throw new IllegalArgumentException("stallRekeyAfter must be at least 1, was " + bytes);
            }
        }

        @Override
        public String toString() {
            return "stallRekeyAfter(" + bytes + ")";
        }
    }
}
