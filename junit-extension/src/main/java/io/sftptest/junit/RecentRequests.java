package io.sftptest.junit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;

/**
 * The last N requests one server received during one test, kept for the failure output. Thread-safe: the
 * server calls {@link #record(RecordedRequest)} on its connection threads.
 */
final class RecentRequests implements AutoCloseable {
    /** How long a failure's output waits for connections still in their key exchange (they end within ms). */
    private static final Duration KEY_EXCHANGE_WAIT = Duration.ofSeconds(2);

    private final ServerDeclaration declaration;
    private final URI uri;
    private final int capacity;
    private final ArrayDeque<RecordedRequest> last;
    private final AutoCloseable subscription;
    private final Set<Long> inKeyExchange = new HashSet<>();
    private long total;
    private boolean reported;

    RecentRequests(ServerDeclaration declaration, SftpTestServer server) {
        this.declaration = declaration;
        this.uri = server.uri();
        this.capacity = declaration.requestsShownOnFailure();
        this.last = new ArrayDeque<>(capacity);
        // The recording's own feed: it calls before the answer goes out (so a client call that returned is
        // in), and it drops what connections of the previous test still send after the reset between
        // tests (a request listener is called after the answer and would show those here).
        this.subscription = server.recording().subscribe(this::accept);
    }

    /** A connection the server ended says why, e.g. how to let in a client whose key exchange failed. */
    private static boolean isDroppedByTheServer(RecordedRequest request) {
        return request.operation() == SftpOperation.DISCONNECT && request.message() != null;
    }

    ServerDeclaration declaration() {
        return declaration;
    }

    synchronized void record(RecordedRequest request) {
        total++;
        if (last.size() == capacity) {
            last.removeFirst();
        }
        last.addLast(request);
    }

    /** Keeps a request, and notes the end of a key exchange only once the request is kept (one monitor hold). */
    private synchronized void accept(RecordedRequest request) {
        if (!request.operation().isConnectionEvent() || isDroppedByTheServer(request)) {
            record(request);
        }
        trackKeyExchange(request);
    }

    /** A connection is in its key exchange from its CONNECT record until its first AUTH or its DISCONNECT. */
    private void trackKeyExchange(RecordedRequest request) {
        switch (request.operation()) {
            case CONNECT -> inKeyExchange.add(request.connectionId());
            case AUTH, DISCONNECT -> {
                if (inKeyExchange.remove(request.connectionId())) {
                    notifyAll();
                }
            }
            default -> {
                // requests come after authentication
            }
        }
    }

    /** Adds the summary to a failure once, however many handlers see the same failure. */
    synchronized void attachTo(Throwable failure) {
        if (reported) {
            return;
        }
        reported = true;
        awaitKeyExchanges();
        failure.addSuppressed(new SftpRequestLog(describe()));
    }

    /**
     * A client whose key exchange failed fails its test at about the moment the server records why (each side
     * finds the mismatch on its own thread): wait a little for connections still in their key exchange to end, so
     * that the explanation is in the failure output.
     */
    private void awaitKeyExchanges() {
        long deadline = System.nanoTime() + KEY_EXCHANGE_WAIT.toNanos();
        while (!inKeyExchange.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    synchronized String describe() {
        StringBuilder text = new StringBuilder("SFTP server \"").append(declaration.name()).append("\" (")
                .append(uri).append(')');
        if (total == 0) {
            return text.append(" received no SFTP request during this test").toString();
        }
        text.append(" received ").append(total).append(total == 1 ? " request" : " requests")
                .append(" during this test");
        text.append(total > last.size() ? ", the last " + last.size() + ":" : ":");
        List<RecordedRequest> copy = new ArrayList<>(last);
        for (RecordedRequest request : copy) {
            text.append(System.lineSeparator()).append("    ").append(request.summary());
        }
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }

    /** The failure output: only its message matters, so it has no stack trace and prints as the message. */
    static final class SftpRequestLog extends Exception {
        private static final long serialVersionUID = 1L;

        SftpRequestLog(String message) {
            super(message, null, false, false);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
