package io.sftptest.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does to a new SSH connection that a connection rule matched
 * ({@link Faults#onConnection()}): an immutable effect, for testing a client's connect and handshake
 * timeouts and its handling of refused connections. Each kind of effect is a record of its own;
 * {@code toString()} is the factory call that makes it, e.g. {@code delayBanner(PT2S)}.
 *
 * <pre>{@code
 * server.faults().onConnection().once().respond(ConnectionFault.refuse());
 * server.faults().onConnection().respond(ConnectionFault.delayBanner(Duration.ofSeconds(5)));
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
}
