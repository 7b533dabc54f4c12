package io.sftptest.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does to an SFTP request that a {@link FaultRule} matched: an immutable effect,
 * separate from the trigger that selects the request ({@link Faults#on(SftpOperation, SftpOperation...)}).
 * Each kind of effect is a record of its own, so a {@code switch} over a {@code Fault} names every case.
 *
 * <pre>{@code
 * server.faults().on(SftpOperation.OPEN).path("/in/*.csv")
 *         .respond(Fault.status(SftpStatus.FAILURE), Fault.status(SftpStatus.FAILURE), Fault.none());
 * server.faults().on(SftpOperation.WRITE).respond(Fault.disconnectAfterBytes(1024 * 1024));
 * }</pre>
 *
 * <p>Effects that work on file data ({@link #disconnectAfterBytes(long)}, {@link #throttle(long)}) apply to
 * {@code READ} and {@code WRITE} requests only, {@link #shortRead(int)} to {@code READ} only; a rule that
 * combines them with other operations is refused when it is registered. {@code toString()} of each case is
 * the factory call that makes it, e.g. {@code status(FAILURE, "quota")}; the recording shows it.
 *
 * <p>On {@link SftpOperation#EXEC} (a command the client runs beside SFTP) the effects that make sense for a
 * command apply: {@link #exitStatus(int, String)} (instead of {@link #status(SftpStatus)}, which an exec has no
 * place for), {@link #disconnect()}, {@link #closeChannel()} (the channel closes without an exit status),
 * {@link #delay(Duration)}, {@link #hang()} and {@link #none()}:
 *
 * <pre>{@code
 * server.faults().on(SftpOperation.EXEC).command("md5sum *")
 *         .respond(Fault.exitStatus(1, "md5sum: /in/a.csv: Input/output error"));
 * }</pre>
 */
public sealed interface Fault {
    /**
     * Answers normally: the step of a sequence where the operation succeeds.
     *
     * @return the effect
     */
    static Fault none() {
        return None.INSTANCE;
    }

    /**
     * Answers a status code, with the status's usual message (or the builder's
     * {@code statusMessage(status, ...)}). Before the operation (the default), the operation is not performed;
     * after it ({@link FaultRule.Builder#after()}), the operation happened and the answer says it failed (the
     * "lost acknowledgement"); an opened handle is closed again.
     *
     * @param status the status, e.g. {@link SftpStatus#FAILURE}
     * @return the effect
     */
    static Fault status(SftpStatus status) {
        return new Status(status, null);
    }

    /**
     * Answers a status code with a message.
     *
     * @param status the status, e.g. {@link SftpStatus#PERMISSION_DENIED}
     * @param message the message text the client receives
     * @return the effect
     * @see #status(SftpStatus)
     */
    static Fault status(SftpStatus status, String message) {
        return new Status(status, Objects.requireNonNull(message, "message"));
    }

    /**
     * Drops the SSH connection at once, without answering the request (the client sees the connection
     * closed). After the operation ({@link FaultRule.Builder#after()}), the operation happened first.
     *
     * @return the effect
     */
    static Fault disconnect() {
        return Disconnect.INSTANCE;
    }

    /**
     * Lets matching {@code READ}s and {@code WRITE}s of a connection move {@code bytes} bytes in total, then
     * drops the connection: the request that crosses the limit is cut to the bytes that remain (an upload
     * leaves exactly {@code bytes} bytes in the file when the client writes in order) and is not answered.
     *
     * @param bytes the bytes allowed, at least 0
     * @return the effect
     */
    static Fault disconnectAfterBytes(long bytes) {
        return new DisconnectAfterBytes(bytes);
    }

    /**
     * Waits before performing the operation; after it ({@link FaultRule.Builder#after()}), waits between
     * performing it and answering.
     *
     * @param delay how long, positive
     * @return the effect
     */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /**
     * Paces the data of matching {@code READ}s and {@code WRITE}s to {@code bytesPerSecond}, shared by every
     * connection the rule matches (one slow link): each request waits until its bytes would have passed.
     *
     * @param bytesPerSecond the rate, at least 1
     * @return the effect
     */
    static Fault throttle(long bytesPerSecond) {
        return new Throttle(bytesPerSecond);
    }

    /**
     * Blocks the request until the test calls {@link FaultRule#release()} (or the rule is removed, the faults
     * are cleared, the connection closes or the server closes); then the request is performed normally.
     *
     * @return the effect
     */
    static Fault hang() {
        return Hang.FOREVER;
    }

    /**
     * Blocks the request like {@link #hang()}, but at most for {@code timeout}; then it is performed normally.
     *
     * @param timeout the longest wait, positive
     * @return the effect
     */
    static Fault hang(Duration timeout) {
        return new Hang(Objects.requireNonNull(timeout, "hang timeout"));
    }

    /**
     * Reads at most {@code maxBytes} per {@code READ}, whatever length the client asked for (a server may
     * answer fewer bytes; a correct client asks again for the rest).
     *
     * @param maxBytes the most bytes per answer, at least 1
     * @return the effect
     */
    static Fault shortRead(int maxBytes) {
        return new ShortRead(maxBytes);
    }

    /**
     * Closes the SFTP channel without answering; the SSH connection stays open (a client may open a new
     * channel on it).
     *
     * @return the effect
     */
    static Fault closeChannel() {
        return CloseChannel.INSTANCE;
    }

    /**
     * Ends the command of an {@link SftpOperation#EXEC} with an exit status, without running it; after it
     * ({@link FaultRule.Builder#after()}), the command ran and wrote its output, and its own exit status is replaced.
     * Only for rules on {@code EXEC}.
     *
     * @param exitStatus 0 to 255, e.g. 1 for a failed command, 127 for a command not found
     * @return the effect
     */
    static Fault exitStatus(int exitStatus) {
        return new ExitStatus(exitStatus, null);
    }

    /**
     * Ends the command of an {@link SftpOperation#EXEC} with an exit status and a message on its standard error (a
     * line end is added), as a failing command prints it.
     *
     * @param exitStatus 0 to 255
     * @param message the text the client reads on stderr, e.g. {@code md5sum: /a.bin: Input/output error}
     * @return the effect
     * @see #exitStatus(int)
     */
    static Fault exitStatus(int exitStatus, String message) {
        return new ExitStatus(exitStatus, Objects.requireNonNull(message, "message"));
    }

    /** {@link #none()}: the request is answered normally. */
    record None() implements Fault {
        private static final None INSTANCE = new None();

        @Override
        public String toString() {
            return "none()";
        }
    }

    /**
     * {@link #status(SftpStatus, String)}: the request is answered with a status.
     *
     * @param status the status answered
     * @param message the message text, or null for the status's usual message
     */
    record Status(SftpStatus status, String message) implements Fault {
        /**
         * Checks the status.
         *
         * @param status the status answered
         * @param message the message text, or null for the status's usual message
         */
        public Status {
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String toString() {
            return "status(" + status + (message == null ? "" : ", \"" + message + "\"") + ")";
        }
    }

    /** {@link #disconnect()}: the connection is dropped without an answer. */
    record Disconnect() implements Fault {
        private static final Disconnect INSTANCE = new Disconnect();

        @Override
        public String toString() {
            return "disconnect()";
        }
    }

    /**
     * {@link #disconnectAfterBytes(long)}: the connection is dropped once the matching reads and writes moved
     * {@code bytes} bytes.
     *
     * @param bytes the bytes allowed per connection, at least 0
     */
    record DisconnectAfterBytes(long bytes) implements Fault {
        /**
         * Checks the byte count.
         *
         * @param bytes the bytes allowed per connection, at least 0
         */
        public DisconnectAfterBytes {
            if (bytes < 0) {
                throw new IllegalArgumentException("disconnectAfterBytes must be at least 0, was " + bytes);
            }
        }

        @Override
        public String toString() {
            return "disconnectAfterBytes(" + bytes + ")";
        }
    }

    /**
     * {@link #delay(Duration)}: the request waits before it is performed (or, after it, before the answer).
     *
     * @param delay how long, positive
     */
    record Delay(Duration delay) implements Fault {
        /**
         * Checks the delay.
         *
         * @param delay how long, positive
         */
        public Delay {
            positive(delay, "delay");
        }

        @Override
        public String toString() {
            return "delay(" + delay + ")";
        }
    }

    /**
     * {@link #throttle(long)}: the data of reads and writes is paced.
     *
     * @param bytesPerSecond the rate shared by every connection the rule matches, at least 1
     */
    record Throttle(long bytesPerSecond) implements Fault {
        /**
         * Checks the rate.
         *
         * @param bytesPerSecond the rate, at least 1
         */
        public Throttle {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("throttle must be at least 1 byte per second, was "
                        + bytesPerSecond);
            }
        }

        @Override
        public String toString() {
            return "throttle(" + bytesPerSecond + ")";
        }
    }

    /**
     * {@link #hang(Duration)}: the request blocks until the rule is released, the timeout passes or the
     * connection closes.
     *
     * @param timeout the longest wait, or null to wait until released
     */
    record Hang(Duration timeout) implements Fault {
        private static final Hang FOREVER = new Hang(null);

        /**
         * Checks the timeout.
         *
         * @param timeout the longest wait, positive, or null to wait until released
         */
        public Hang {
            if (timeout != null) {
                positive(timeout, "hang timeout");
            }
        }

        @Override
        public String toString() {
            return timeout == null ? "hang()" : "hang(" + timeout + ")";
        }
    }

    /**
     * {@link #shortRead(int)}: a read returns at most {@code maxBytes}.
     *
     * @param maxBytes the most bytes per answer, at least 1
     */
    record ShortRead(int maxBytes) implements Fault {
        /**
         * Checks the size.
         *
         * @param maxBytes the most bytes per answer, at least 1
         */
        public ShortRead {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("shortRead must be at least 1 byte, was " + maxBytes
                        + " (to answer end of file, use Fault.status(SftpStatus.EOF))");
            }
        }

        @Override
        public String toString() {
            return "shortRead(" + maxBytes + ")";
        }
    }

    /** {@link #closeChannel()}: the SFTP channel is closed without an answer. */
    record CloseChannel() implements Fault {
        private static final CloseChannel INSTANCE = new CloseChannel();

        @Override
        public String toString() {
            return "closeChannel()";
        }
    }

    /**
     * {@link #exitStatus(int, String)}: an exec's command ends with an exit status.
     *
     * @param exitStatus 0 to 255
     * @param message the text written to the command's standard error (a line end is added), or null for none
     */
    record ExitStatus(int exitStatus, String message) implements Fault {
        /**
         * Checks the exit status.
         *
         * @param exitStatus 0 to 255
         * @param message the standard error text, or null
         */
        public ExitStatus {
            if (exitStatus < 0 || exitStatus > 255) {
                throw new IllegalArgumentException("exit status must be 0 to 255 (a shell's exit status is one "
                        + "byte), was " + exitStatus);
            }
        }

        @Override
        public String toString() {
            return "exitStatus(" + exitStatus + (message == null ? "" : ", \"" + message + "\"") + ")";
        }
    }

    private static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
