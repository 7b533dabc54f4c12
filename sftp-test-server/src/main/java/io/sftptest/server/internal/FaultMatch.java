package io.sftptest.server.internal;

import java.util.concurrent.CompletableFuture;

import io.sftptest.server.Fault;

/**
 * A fault rule fired on one SFTP request: the effect to apply and what it needs.
 *
 * @param fault the effect
 * @param after whether it applies after the operation
 * @param rule identifies the rule (the key of per-connection byte counts)
 * @param released completes when the rule is released (for hangs)
 * @param pacer the rule's pace (for throttling)
 */
record FaultMatch(Fault fault, boolean after, Object rule, CompletableFuture<Void> released, Pacer pacer) {
}
