package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.AppliedFault;
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
    private static final long CHECK_NANOS = Parking.CHECK_NANOS;
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
        AppliedFault applied = new AppliedFault(fault, match.after());
        if (fault instanceof Fault.None) {
            request.fault = new AppliedFault(fault, false); // it answers normally: no phase to show
            proceed.run();
        } else if (fault instanceof Fault.Status status) {
            request.fault = applied;
            if (match.after()) {
                Buffer reply = sftp.faultCapture(proceed);
                closeOpenedHandle(reply);
            }
            String message = status.message() != null ? status.message()
                    : SftpHelper.resolveStatusMessage(status.status().code());
            sftp.replyStatus(buffer, id, status.status(), message, status.message() != null);
        } else if (fault instanceof Fault.Disconnect) {
            request.fault = applied;
            if (match.after()) {
                sftp.faultCapture(proceed);
            }
            disconnect();
        } else if (fault instanceof Fault.CloseChannel) {
            request.fault = applied;
            if (match.after()) {
                sftp.faultCapture(proceed);
            }
            sftp.observeBeforeCutOff();
            cutOff = true;
            sftp.getServerChannelSession().close(false);
        } else if (fault instanceof Fault.Delay || fault instanceof Fault.Hang) {
            request.fault = applied;
            Buffer reply = match.after() ? sftp.faultCapture(proceed) : null;
            if (fault instanceof Fault.Delay delay) {
                parkUntil(System.nanoTime() + delay.delay().toNanos());
            } else {
                awaitRelease(match.released(), ((Fault.Hang) fault).timeout());
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
        } else if (fault instanceof Fault.Throttle throttle) {
            request.fault = applied;
            Buffer reply = sftp.faultCapture(proceed);
            long bytes = request.operation == SftpOperation.READ ? dataLength(reply) : Math.max(0, request.length);
            parkUntil(match.pacer().reserve(bytes, throttle.bytesPerSecond()));
            if (reply != null && sftp.getServerSession().isOpen()) {
                sftp.sendCaptured(reply);
            }
        } else if (fault instanceof Fault.ShortRead shortRead) {
            request.fault = applied;
            if (request.length > shortRead.maxBytes()) {
                setTransferLength(buffer, shortRead.maxBytes());
            }
            proceed.run();
        } else {
            disconnectAfterBytes(buffer, request, match, (Fault.DisconnectAfterBytes) fault, proceed);
        }
    }

    private void disconnectAfterBytes(Buffer buffer, RequestInfo request, FaultMatch match,
            Fault.DisconnectAfterBytes fault, Step proceed) throws IOException {
        long[] moved = bytesMoved.computeIfAbsent(match.rule(), rule -> new long[1]);
        long remaining = fault.bytes() - moved[0];
        long asked = Math.max(0, request.length);
        AppliedFault applied = new AppliedFault(fault, false);
        if (request.operation == SftpOperation.WRITE) {
            if (asked < remaining) {
                moved[0] += asked;
                proceed.run();
                return;
            }
            request.fault = applied;
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
            request.fault = applied;
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
        if (moved[0] >= fault.bytes()) {
            request.fault = applied;
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
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (sftp.getServerSession().isOpen()) {
            long left = timeout == null ? CHECK_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                released.get(Math.min(left, CHECK_NANOS), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // check the session, then wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return;
            }
        }
    }
}
