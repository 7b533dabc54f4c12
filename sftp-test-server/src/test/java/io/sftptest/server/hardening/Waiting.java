package io.sftptest.server.hardening;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, parking between checks; never sleeps a fixed time. */
final class Waiting {
    private Waiting() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, what, Duration.ofSeconds(20));
    }

    static void until(BooleanSupplier condition, String what, Duration timeout) {
        if (!poll(condition, timeout)) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    static boolean poll(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return true;
    }
}
