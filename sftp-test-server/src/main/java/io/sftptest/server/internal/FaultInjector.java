package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.Fault;
import io.sftptest.server.SftpOperation;

/**
 * Applies the effect of a fired fault rule to one SFTP request of one session, around the normal processing
 * (events and MINA). Confined to the session's SFTP thread, like the subsystem.
 *
 * <p>Waits (delay, throttle, hang) park this thread: it serves only this channel, whose requests are answered
 * in order anyway. They end early when the session closes, so that a closing server never waits for them.
 */
final class FaultInjector {
    private static final int HEADER = Integer.BYTES + 1 + Integer.BYTES; // length, type, id

    /** The normal processing of the request, which sends its answer. */
    interface Step {
        void run() throws IOException;
    }

    private final TestSftpSubsystem sftp;
    private final Map<Object, long[]> bytesMoved = new HashMap<>();
    private boolean cutOff;

    FaultInjector(TestSftpSubsystem sftp) {
        this.sftp = sftp;
    }

    /** Whether an effect ended this channel or connection: later requests are not served. */
    boolean cutOff() {
        return cutOff;
    }

    void apply(Buffer buffer, int id, RequestInfo request, FaultMatch match, Step proceed) throws IOException {
        Fault fault = match.fault();
        switch (fault.kind()) {
            case NONE -> {
                request.fault = fault.toString();
                proceed.run();
            }
            case STATUS -> {
                request.fault = fault.toString() + (match.after() ? " after" : "");
                if (match.after()) {
                    Buffer reply = sftp.faultCapture(proceed);
                    closeOpenedHandle(reply);
                }
                String message = fault.message() != null ? fault.message()
                        : SftpHelper.resolveStatusMessage(fault.status().code());
                sftp.replyStatus(buffer, id, fault.status(), message, fault.message() != null);
            }
            case DISCONNECT -> {
                request.fault = fault.toString() + (match.after() ? " after" : "");
                if (match.after()) {
                    sftp.faultCapture(proceed);
                }
                disconnect();
            }
            case CLOSE_CHANNEL -> {
                request.fault = fault.toString() + (match.after() ? " after" : "");
                if (match.after()) {
                    sftp.faultCapture(proceed);
                }
                sftp.observeBeforeCutOff();
                cutOff = true;
                sftp.getServerChannelSession().close(false);
            }
            case DELAY, HANG -> {
                request.fault = fault.toString() + (match.after() ? " after" : "");
                Buffer reply = match.after() ? sftp.faultCapture(proceed) : null;
                if (fault.kind() == Fault.Kind.DELAY) {
                    parkUntil(System.nanoTime() + fault.duration().toNanos());
                } else {
                    awaitRelease(match.released(), fault.duration());
                }
                if (!sftp.getServerSession().isOpen()) {
                    cutOff = true;
                    return;
                }
                if (match.after()) {
                    if (reply != null) {
                        sftp.sendCaptured(reply);
                    }
                } else {
                    proceed.run();
                }
            }
            case THROTTLE -> {
                request.fault = fault.toString();
                Buffer reply = sftp.faultCapture(proceed);
                long bytes = request.operation == SftpOperation.READ ? dataLength(reply) : Math.max(0, request.length);
                parkUntil(match.pacer().reserve(bytes, fault.amount()));
                if (reply != null && sftp.getServerSession().isOpen()) {
                    sftp.sendCaptured(reply);
                }
            }
            case SHORT_READ -> {
                request.fault = fault.toString();
                if (request.length > fault.amount()) {
                    setTransferLength(buffer, (int) fault.amount());
                }
                proceed.run();
            }
            case DISCONNECT_AFTER_BYTES -> disconnectAfterBytes(buffer, request, match, proceed);
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
    }

    private void disconnectAfterBytes(Buffer buffer, RequestInfo request, FaultMatch match, Step proceed)
            throws IOException {
        long[] moved = bytesMoved.computeIfAbsent(match.rule(), rule -> new long[1]);
        long remaining = match.fault().amount() - moved[0];
        long asked = Math.max(0, request.length);
        if (request.operation == SftpOperation.WRITE) {
            if (asked < remaining) {
                moved[0] += asked;
                proceed.run();
                return;
            }
            request.fault = match.fault().toString();
            if (remaining > 0) {
                setTransferLength(buffer, (int) remaining);
                moved[0] += remaining;
                sftp.faultCapture(proceed); // written; the answer is never sent
            }
            disconnect();
            return;
        }
        // READ: serve at most what remains, then drop the connection once the limit is reached
        if (remaining <= 0) {
            request.fault = match.fault().toString();
            disconnect();
            return;
        }
        if (asked > remaining) {
            setTransferLength(buffer, (int) remaining);
        }
        Buffer reply = sftp.faultCapture(proceed);
        moved[0] += dataLength(reply);
        if (reply != null) {
            sftp.sendCaptured(reply);
        }
        if (moved[0] >= match.fault().amount()) {
            request.fault = match.fault().toString();
            disconnect();
        }
    }

    private void disconnect() {
        sftp.observeBeforeCutOff();
        cutOff = true;
        sftp.getServerSession().close(true);
    }

    /** Rewrites the length field of a READ (bytes asked) or WRITE (data sent) request in place. */
    static void setTransferLength(Buffer buffer, int length) {
        int at = transferLengthAt(buffer);
        if (at >= 0) { // a request the parser read has the field
            BufferUtils.putUInt(length, buffer.array(), at, Integer.BYTES);
        }
    }

    /**
     * Returns where the length field of a READ or WRITE request lies in its buffer (after the handle and the
     * offset), or -1 when the request is too short to hold one.
     */
    static int transferLengthAt(Buffer buffer) {
        if (buffer.available() < Integer.BYTES) {
            return -1;
        }
        long handleLength = BufferUtils.getUInt(buffer.array(), buffer.rpos(), Integer.BYTES);
        long at = buffer.rpos() + Integer.BYTES + handleLength + Long.BYTES;
        return at + Integer.BYTES > buffer.wpos() ? -1 : (int) at;
    }

    /** Returns the bytes of data in a captured SSH_FXP_DATA reply, 0 for any other reply. */
    private static long dataLength(Buffer reply) {
        if (reply == null) {
            return 0;
        }
        byte[] data = reply.array();
        int start = reply.rpos();
        if ((data[start + Integer.BYTES] & 0xFF) != SftpConstants.SSH_FXP_DATA) {
            return 0;
        }
        return BufferUtils.getUInt(data, start + HEADER, Integer.BYTES);
    }

    /** Closes the handle an OPEN/OPENDIR created when its answer is replaced by an error. */
    private void closeOpenedHandle(Buffer reply) {
        if (reply == null) {
            return;
        }
        byte[] data = reply.array();
        int start = reply.rpos();
        if ((data[start + Integer.BYTES] & 0xFF) != SftpConstants.SSH_FXP_HANDLE) {
            return;
        }
        int length = (int) BufferUtils.getUInt(data, start + HEADER, Integer.BYTES);
        String handle = new String(data, start + HEADER + Integer.BYTES, length, StandardCharsets.ISO_8859_1);
        if (sftp.isOpenHandle(handle)) {
            sftp.closeHandleQuietly(handle);
        }
    }

    private void parkUntil(long deadlineNanos) {
        Parking.parkUntil(deadlineNanos, sftp.getServerSession()::isOpen);
    }

    private void awaitRelease(CompletableFuture<Void> released, Duration timeout) {
        Parking.awaitRelease(released, timeout, sftp.getServerSession()::isOpen);
    }
}
