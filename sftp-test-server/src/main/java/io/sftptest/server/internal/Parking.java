package io.sftptest.server.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits that give up early: a delay served on a shared thread must end when its connection does. */
public final class Parking {
    /** How often a wait looks whether it is still wanted. */
    static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Parking() {
    }

    /**
     * Parks the current thread until a deadline, or until {@code wanted} turns false or the thread is interrupted
     * (the interrupt stays set).
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @param wanted looked at every 20 ms at most, e.g. whether the connection is still open
     */
    public static void parkUntil(long deadlineNanos, BooleanSupplier wanted) {
        while (wanted.getAsBoolean()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, CHECK_NANOS));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until a fault rule releases what it holds (a hang), a timeout passes, {@code wanted} turns false or the
     * thread is interrupted (the interrupt stays set).
     *
     * @param released completes when the rule is released
     * @param timeout the longest wait, or null for none
     * @param wanted looked at every 20 ms at most, e.g. whether the connection is still open
     */
    public static void awaitRelease(CompletableFuture<Void> released, Duration timeout, BooleanSupplier wanted) {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (wanted.getAsBoolean()) {
            long left = timeout == null ? CHECK_NANOS : deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                released.get(Math.min(left, CHECK_NANOS), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // look whether the wait is still wanted, then wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                return;
            }
        }
    }
}
