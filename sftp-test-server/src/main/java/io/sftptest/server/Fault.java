package io.sftptest.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What the server does to an SFTP request that a {@link FaultRule} matched: an immutable effect,
 * separate from the trigger that selects the request ({@link Faults#on(SftpOperation, SftpOperation...)}).
 *
 * <pre>{@code
 * server.faults().on(SftpOperation.OPEN).path("/in/*.csv")
 *         .respond(Fault.status(SftpStatus.FAILURE), Fault.status(SftpStatus.FAILURE), Fault.none());
 * server.faults().on(SftpOperation.WRITE).respond(Fault.disconnectAfterBytes(1024 * 1024));
 * }</pre>
 *
 * <p>Effects that work on file data ({@link #disconnectAfterBytes(long)}, {@link #throttle(long)}) apply to
 * {@code READ} and {@code WRITE} requests only, {@link #shortRead(int)} to {@code READ} only; a rule that
 * combines them with other operations is refused when it is registered.
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
public final class Fault {
    /** The kinds of effect. */
    public enum Kind {
        /** Answer normally (a step of a sequence that succeeds). */
        NONE,
        /** Answer a status code instead of (before) or after performing the operation. */
        STATUS,
        /** Drop the SSH connection without an answer. */
        DISCONNECT,
        /** Drop the SSH connection once the matching reads or writes moved a number of bytes. */
        DISCONNECT_AFTER_BYTES,
        /** Wait before the operation (or, after it, before the answer). */
        DELAY,
        /** Pace the data of reads and writes to a number of bytes per second. */
        THROTTLE,
        /** Block the request until the rule is released, a timeout passes, or the server closes. */
        HANG,
        /** Read at most a number of bytes, whatever the client asked for. */
        SHORT_READ,
        /** Close the SFTP channel without an answer; the SSH connection stays open. */
        CLOSE_CHANNEL,
        /** End an exec request's command with an exit status (SSH {@code exit-status}) and a message on stderr. */
        EXIT_STATUS
    }

    private static final Fault NONE = new Fault(Kind.NONE, null, null, null, 0);
    private static final Fault DISCONNECT = new Fault(Kind.DISCONNECT, null, null, null, 0);
    private static final Fault CLOSE_CHANNEL = new Fault(Kind.CLOSE_CHANNEL, null, null, null, 0);
    private static final Fault HANG = new Fault(Kind.HANG, null, null, null, 0);

    private final Kind kind;
    private final SftpStatus status;
    private final String message;
    private final Duration duration;
    private final long amount;

    private Fault(Kind kind, SftpStatus status, String message, Duration duration, long amount) {
        this.kind = kind;
        this.status = status;
        this.message = message;
        this.duration = duration;
        this.amount = amount;
    }

    /**
     * Answers normally: the step of a sequence where the operation succeeds.
     *
     * @return the effect
     */
    public static Fault none() {
        return NONE;
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
    public static Fault status(SftpStatus status) {
        return new Fault(Kind.STATUS, Objects.requireNonNull(status, "status"), null, null, 0);
    }

    /**
     * Answers a status code with a message.
     *
     * @param status the status, e.g. {@link SftpStatus#PERMISSION_DENIED}
     * @param message the message text the client receives
     * @return the effect
     * @see #status(SftpStatus)
     */
    public static Fault status(SftpStatus status, String message) {
        return new Fault(Kind.STATUS, Objects.requireNonNull(status, "status"),
                Objects.requireNonNull(message, "message"), null, 0);
    }

    /**
     * Drops the SSH connection at once, without answering the request (the client sees the connection
     * closed). After the operation ({@link FaultRule.Builder#after()}), the operation happened first.
     *
     * @return the effect
     */
    public static Fault disconnect() {
        return DISCONNECT;
    }

    /**
     * Lets matching {@code READ}s and {@code WRITE}s of a connection move {@code bytes} bytes in total, then
     * drops the connection: the request that crosses the limit is cut to the bytes that remain (an upload
     * leaves exactly {@code bytes} bytes in the file when the client writes in order) and is not answered.
     *
     * @param bytes the bytes allowed, at least 0
     * @return the effect
     */
    public static Fault disconnectAfterBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("disconnectAfterBytes must be at least 0, was " + bytes);
        }
        return new Fault(Kind.DISCONNECT_AFTER_BYTES, null, null, null, bytes);
    }

    /**
     * Waits before performing the operation; after it ({@link FaultRule.Builder#after()}), waits between
     * performing it and answering.
     *
     * @param delay how long, positive
     * @return the effect
     */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, null, null, positive(delay, "delay"), 0);
    }

    /**
     * Paces the data of matching {@code READ}s and {@code WRITE}s to {@code bytesPerSecond}, shared by every
     * connection the rule matches (one slow link): each request waits until its bytes would have passed.
     *
     * @param bytesPerSecond the rate, at least 1
     * @return the effect
     */
    public static Fault throttle(long bytesPerSecond) {
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("throttle must be at least 1 byte per second, was " + bytesPerSecond);
        }
        return new Fault(Kind.THROTTLE, null, null, null, bytesPerSecond);
    }

    /**
     * Blocks the request until the test calls {@link FaultRule#release()} (or the rule is removed, the faults
     * are cleared, the connection closes or the server closes); then the request is performed normally.
     *
     * @return the effect
     */
    public static Fault hang() {
        return HANG;
    }

    /**
     * Blocks the request like {@link #hang()}, but at most for {@code timeout}; then it is performed normally.
     *
     * @param timeout the longest wait, positive
     * @return the effect
     */
    public static Fault hang(Duration timeout) {
        return new Fault(Kind.HANG, null, null, positive(timeout, "hang timeout"), 0);
    }

    /**
     * Reads at most {@code maxBytes} per {@code READ}, whatever length the client asked for (a server may
     * answer fewer bytes; a correct client asks again for the rest).
     *
     * @param maxBytes the most bytes per answer, at least 1
     * @return the effect
     */
    public static Fault shortRead(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("shortRead must be at least 1 byte, was " + maxBytes
                    + " (to answer end of file, use Fault.status(SftpStatus.EOF))");
        }
        return new Fault(Kind.SHORT_READ, null, null, null, maxBytes);
    }

    /**
     * Closes the SFTP channel without answering; the SSH connection stays open (a client may open a new
     * channel on it).
     *
     * @return the effect
     */
    public static Fault closeChannel() {
        return CLOSE_CHANNEL;
    }

    /**
     * Ends the command of an {@link SftpOperation#EXEC} with an exit status, without running it; after it
     * ({@link FaultRule.Builder#after()}), the command ran and wrote its output, and its own exit status is replaced.
     * Only for rules on {@code EXEC}.
     *
     * @param exitStatus 0 to 255, e.g. 1 for a failed command, 127 for a command not found
     * @return the effect
     */
    public static Fault exitStatus(int exitStatus) {
        return new Fault(Kind.EXIT_STATUS, null, null, null, exitCode(exitStatus));
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
    public static Fault exitStatus(int exitStatus, String message) {
        return new Fault(Kind.EXIT_STATUS, null, Objects.requireNonNull(message, "message"), null,
                exitCode(exitStatus));
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
     * Returns the status answered by a {@link Kind#STATUS} effect.
     *
     * @return the status, or null for other kinds
     */
    public SftpStatus status() {
        return status;
    }

    /**
     * Returns the message of a {@link Kind#STATUS} effect, or the standard error text of a {@link Kind#EXIT_STATUS}
     * effect.
     *
     * @return the message, or null for the status's usual message (no text on stderr)
     */
    public String message() {
        return message;
    }

    /**
     * Returns the duration of a {@link Kind#DELAY} effect or the timeout of a {@link Kind#HANG} effect.
     *
     * @return the duration, or null (a hang without timeout, other kinds)
     */
    public Duration duration() {
        return duration;
    }

    /**
     * Returns the bytes of {@link Kind#DISCONNECT_AFTER_BYTES} and {@link Kind#SHORT_READ}, the bytes per
     * second of {@link Kind#THROTTLE}, or the exit status of {@link Kind#EXIT_STATUS}.
     *
     * @return the amount, 0 for other kinds
     */
    public long amount() {
        return amount;
    }

    /**
     * Returns the exit status of a {@link Kind#EXIT_STATUS} effect.
     *
     * @return 0 to 255, or -1 for other kinds
     */
    public int exitStatus() {
        return kind == Kind.EXIT_STATUS ? (int) amount : -1;
    }

    /** Whether the effect works on file data and so only on READ (and WRITE) requests. */
    boolean dataOnly() {
        return kind == Kind.DISCONNECT_AFTER_BYTES || kind == Kind.THROTTLE || kind == Kind.SHORT_READ;
    }

    private static int exitCode(int exitStatus) {
        if (exitStatus < 0 || exitStatus > 255) {
            throw new IllegalArgumentException("exit status must be 0 to 255 (a shell's exit status is one byte), was "
                    + exitStatus);
        }
        return exitStatus;
    }

    private static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fault f && kind == f.kind && status == f.status && Objects.equals(message, f.message)
                && Objects.equals(duration, f.duration) && amount == f.amount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, message, duration, amount);
    }

    /** Returns the factory call that makes this effect, e.g. {@code status(FAILURE, "quota")}; the recording shows it. */
    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none()";
            case STATUS -> "status(" + status + (message == null ? "" : ", \"" + message + "\"") + ")";
            case DISCONNECT -> "disconnect()";
            case DISCONNECT_AFTER_BYTES -> "disconnectAfterBytes(" + amount + ")";
            case DELAY -> "delay(" + duration + ")";
            case THROTTLE -> "throttle(" + amount + ")";
            case HANG -> duration == null ? "hang()" : "hang(" + duration + ")";
            case SHORT_READ -> "shortRead(" + amount + ")";
            case CLOSE_CHANNEL -> "closeChannel()";
            case EXIT_STATUS -> "exitStatus(" + amount + (message == null ? "" : ", \"" + message + "\"") + ")";
        };
    }
}
