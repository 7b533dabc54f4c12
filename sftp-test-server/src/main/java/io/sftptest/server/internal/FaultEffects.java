package io.sftptest.server.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.AppliedFault;
import io.sftptest.server.Fault;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.internal.RequestPipeline.Exchange;

/**
 * Applies the effect of a fired fault rule to an {@link Exchange}: the "fault rules before" and "fault rules
 * after" steps of the {@link RequestPipeline}, one case per {@link Fault} record. Effects only decide: they set
 * the answer, shorten a transfer, wait, or say how the exchange ends; the pipeline performs, answers and cuts.
 *
 * <p>Waits (delay, throttle, hang) park the session's SFTP thread: it serves only this channel, whose requests
 * are answered in order anyway. They end early when the connection closes, so a closing server never waits.
 */
final class FaultEffects {
    private final BooleanSupplier connectionOpen;
    private final Map<Object, long[]> bytesMoved = new HashMap<>();

    FaultEffects(BooleanSupplier connectionOpen) {
        this.connectionOpen = connectionOpen;
    }

    /**
     * Applies what the effect does before the operation.
     *
     * @return whether the operation is still performed (false: the effect answered or cut the request)
     */
    boolean applyBefore(Exchange exchange, FaultMatch match) {
        if (match == null) {
            return true;
        }
        Fault fault = match.fault();
        if (fault instanceof Fault.None) {
            exchange.applied(new AppliedFault(fault, false)); // it answers normally: no phase to show
            return true;
        }
        if (fault instanceof Fault.ShortRead shortRead) {
            exchange.applied(new AppliedFault(fault, false));
            if (exchange.transferLength() > shortRead.maxBytes()) {
                exchange.shortenTransfer(shortRead.maxBytes());
            }
            return true;
        }
        if (fault instanceof Fault.Throttle) {
            exchange.applied(new AppliedFault(fault, false));
            return true; // paced once the bytes are known, after the operation
        }
        if (fault instanceof Fault.DisconnectAfterBytes limit) {
            return beforeByteLimit(exchange, match, limit);
        }
        exchange.applied(new AppliedFault(fault, match.after()));
        if (match.after()) {
            return true;
        }
        return act(exchange, match);
    }

    /** Applies what the effect does after the operation (or what a before effect still owes, e.g. pacing). */
    void applyAfter(Exchange exchange, FaultMatch match) {
        if (match == null) {
            return;
        }
        Fault fault = match.fault();
        if (fault instanceof Fault.Throttle throttle) {
            long bytes = exchange.request().operation() == SftpOperation.READ ? sentDataLength(exchange)
                    : exchange.transferLength();
            parkUntil(match.pacer().reserve(bytes, throttle.bytesPerSecond()));
            if (!connectionOpen.getAsBoolean()) {
                exchange.end(Exchange.Ending.NONE);
            }
        } else if (fault instanceof Fault.DisconnectAfterBytes limit) {
            afterByteLimit(exchange, match, limit);
        } else if (match.after() && !(fault instanceof Fault.None)) {
            act(exchange, match);
        }
    }

    /**
     * What a status, disconnect, channel close, delay or hang does at its phase.
     *
     * @return whether the request goes on (true after a wait that the connection survived)
     */
    private boolean act(Exchange exchange, FaultMatch match) {
        Fault fault = match.fault();
        if (fault instanceof Fault.Status status) {
            String message = status.message() != null ? status.message()
                    : SftpHelper.resolveStatusMessage(status.status().code());
            exchange.answer(new Reply.Status(status.status(), message, status.message() != null));
            return false;
        }
        if (fault instanceof Fault.Disconnect) {
            exchange.end(Exchange.Ending.DISCONNECT);
            return false;
        }
        if (fault instanceof Fault.CloseChannel) {
            exchange.end(Exchange.Ending.CLOSE_CHANNEL);
            return false;
        }
        if (fault instanceof Fault.Delay delay) {
            parkUntil(System.nanoTime() + delay.delay().toNanos());
        } else {
            awaitRelease(match.released(), ((Fault.Hang) fault).timeout());
        }
        if (!connectionOpen.getAsBoolean()) {
            exchange.end(Exchange.Ending.NONE);
            return false;
        }
        return true;
    }

    /** A write under the limit counts its bytes; one that reaches it is cut to what remains and not answered. */
    private boolean beforeByteLimit(Exchange exchange, FaultMatch match, Fault.DisconnectAfterBytes limit) {
        long[] moved = bytesMoved.computeIfAbsent(match.rule(), rule -> new long[1]);
        long remaining = limit.bytes() - moved[0];
        long asked = exchange.transferLength();
        if (exchange.request().operation() == SftpOperation.WRITE) {
            if (asked < remaining) {
                moved[0] += asked;
                return true;
            }
            exchange.applied(new AppliedFault(limit, false));
            exchange.end(Exchange.Ending.DISCONNECT);
            if (remaining <= 0) {
                return false;
            }
            exchange.shortenTransfer((int) remaining);
            moved[0] += remaining;
            return true; // written; the answer is never sent
        }
        // READ: serve at most what remains, then drop the connection once the limit is reached
        if (remaining <= 0) {
            exchange.applied(new AppliedFault(limit, false));
            exchange.end(Exchange.Ending.DISCONNECT);
            return false;
        }
        if (asked > remaining) {
            exchange.shortenTransfer((int) remaining);
        }
        return true;
    }

    private void afterByteLimit(Exchange exchange, FaultMatch match, Fault.DisconnectAfterBytes limit) {
        if (exchange.request().operation() != SftpOperation.READ) {
            return;
        }
        long[] moved = bytesMoved.computeIfAbsent(match.rule(), rule -> new long[1]);
        moved[0] += sentDataLength(exchange);
        if (moved[0] >= limit.bytes()) {
            exchange.applied(new AppliedFault(limit, false));
            exchange.end(Exchange.Ending.ANSWER_THEN_DISCONNECT);
        }
    }

    /** Returns the bytes of data the answer carries, 0 when it is no data reply. */
    private static long sentDataLength(Exchange exchange) {
        Reply reply = exchange.reply();
        if (reply instanceof Reply.Mina mina) {
            return SftpCodec.summary(mina.packet()).dataLength();
        }
        return reply instanceof Reply.Data data ? data.length() : 0;
    }

    private void parkUntil(long deadlineNanos) {
        Parking.parkUntil(deadlineNanos, connectionOpen);
    }

    private void awaitRelease(CompletableFuture<Void> released, Duration timeout) {
        Parking.awaitRelease(released, timeout, connectionOpen);
    }
}
