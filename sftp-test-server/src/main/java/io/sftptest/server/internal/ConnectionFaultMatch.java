package io.sftptest.server.internal;

import java.util.concurrent.CompletableFuture;

import io.sftptest.server.ConnectionFault;

/**
 * A connection rule fired on a new connection.
 *
 * @param fault the effect
 * @param released completes when the rule is released (ends a stalled key exchange)
 */
record ConnectionFaultMatch(ConnectionFault fault, CompletableFuture<Void> released) {
}
