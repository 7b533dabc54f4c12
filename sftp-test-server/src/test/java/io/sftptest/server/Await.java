package io.sftptest.server;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, instead of sleeping for a guessed time. */
public final class Await {
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();

    private Await() {
    }

    /**
     * Polls until the condition holds.
     *
     * @param what the condition in words, for the failure message
     * @param condition the condition
     * @param timeout how long to wait at most
     * @throws AssertionError when the condition still does not hold after the timeout
     */
    public static void await(String what, BooleanSupplier condition, Duration timeout) {
        await(() -> what, condition, timeout);
    }

    /**
     * Polls until the condition holds; the description is computed on failure, so it can show the
     * state the condition saw last.
     */
    public static void await(java.util.function.Supplier<String> what, BooleanSupplier condition, Duration timeout) {
        if (!poll(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
        }
    }

    /**
     * Polls until the condition holds or the timeout passes.
     *
     * @return whether the condition held
     */
    public static boolean poll(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
