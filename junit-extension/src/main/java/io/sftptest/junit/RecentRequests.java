package io.sftptest.junit;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpTestServer;

/**
 * The last N requests one server received during one test, kept for the failure output. Thread-safe: the
 * server calls {@link #record(RecordedRequest)} on its connection threads.
 */
final class RecentRequests implements AutoCloseable {
    private final ServerDeclaration declaration;
    private final URI uri;
    private final int capacity;
    private final ArrayDeque<RecordedRequest> last;
    private final AutoCloseable subscription;
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
        this.subscription = server.recording().subscribe(request -> {
            if (!request.operation().isConnectionEvent()) {
                record(request);
            }
        });
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

    /** Adds the summary to a failure once, however many handlers see the same failure. */
    synchronized void attachTo(Throwable failure) {
        if (reported) {
            return;
        }
        reported = true;
        failure.addSuppressed(new SftpRequestLog(describe()));
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
