package io.sftptest.server.hardening;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import io.sftptest.server.Await;

/** The hardening tests' argument order for {@link Await}: condition first, then what it means. */
final class Waiting {
    private Waiting() {
    }

    static void until(BooleanSupplier condition, String what) {
        until(condition, what, Duration.ofSeconds(20));
    }

    static void until(BooleanSupplier condition, String what, Duration timeout) {
        Await.await(what, condition, timeout);
    }

    /** Polls until the condition holds or the timeout passes; returns whether it held. */
    static boolean poll(BooleanSupplier condition, Duration timeout) {
        return Await.poll(condition, timeout);
    }
}
