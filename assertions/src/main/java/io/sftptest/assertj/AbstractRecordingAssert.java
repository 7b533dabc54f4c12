package io.sftptest.assertj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.assertj.core.api.AbstractAssert;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.FileTransfer;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.Recording;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * Assertions on what a server received, shared by {@link SftpServerAssert} and {@link RecordingAssert}.
 * Failure messages show what the server did receive, nearest misses first.
 *
 * <pre>{@code
 * assertThat(server)
 *         .authenticatedAs("alice")
 *         .received(SftpOperation.MKDIR).path("/out").once()
 *         .received(SftpOperation.OPEN).path("/out/*.csv").times(3)
 *         .received(SftpOperation.REMOVE).never()
 *         .uploaded("/out/a.csv");
 * }</pre>
 *
 * <p>{@link #receivedNothingElse()} fails for every SFTP request that no earlier assertion of the same
 * chain expected (as Mockito's {@code verifyNoMoreInteractions}).
 *
 * @param <SELF> the concrete assertion type
 * @param <ACTUAL> the type of the object under test
 */
public abstract class AbstractRecordingAssert<SELF extends AbstractRecordingAssert<SELF, ACTUAL>, ACTUAL>
        extends AbstractAssert<SELF, ACTUAL> {
    private final Set<Long> expected = new HashSet<>();

    /**
     * Creates the assertion.
     *
     * @param actual the object under test
     * @param selfType the concrete assertion type
     */
    protected AbstractRecordingAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Returns the recording to assert on.
     *
     * @return the recording of {@code actual}
     */
    protected abstract Recording recording();

    /**
     * Starts an assertion on the requests of an operation; narrow it with {@code path}, {@code user},
     * {@code connection}, then end it with {@code times}, {@code once}, {@code atLeast}, {@code never}
     * or {@code answered}.
     *
     * @param operation the operation
     * @param more further operations, any of which matches
     * @return the pending assertion
     */
    public ReceivedRequests<SELF> received(SftpOperation operation, SftpOperation... more) {
        return new ReceivedRequests<>(myself, RequestFilter.operation(operation, more));
    }

    /**
     * Starts an assertion on the requests a filter matches.
     *
     * @param filter the filter
     * @return the pending assertion
     */
    public ReceivedRequests<SELF> received(RequestFilter filter) {
        return new ReceivedRequests<>(myself, Objects.requireNonNull(filter, "filter"));
    }

    /**
     * Verifies that the server received requests matching the filter the expected number of times.
     *
     * @param filter the filter
     * @param times the expected count
     * @return this assertion
     */
    public SELF received(RequestFilter filter, Times times) {
        isNotNull();
        Recording recording = recording();
        List<RecordedRequest> matching = recording.requests(filter);
        matching.forEach(r -> expected.add(r.sequence()));
        if (times.test(matching.size())) {
            return myself;
        }
        StringBuilder message = new StringBuilder();
        if (times.isNever()) {
            message.append("\nExpecting server not to have received:\n  ").append(filter)
                    .append("\nbut it received it ").append(Times.count(matching.size())).append(':')
                    .append(FailureText.lines(matching));
        } else {
            message.append("\nExpecting server to have received:\n  ").append(filter).append("\n").append(times)
                    .append(", but it received it ").append(Times.count(matching.size()));
            if (matching.isEmpty()) {
                message.append('.').append(FailureText.nearMissText(recording, filter))
                        .append(FailureText.received(recording));
            } else {
                message.append(':').append(FailureText.lines(matching)).append(FailureText.truncation(recording));
            }
        }
        throw failed(message.toString());
    }

    /**
     * Verifies that every request matching the filter (and at least one) was answered with a status.
     *
     * @param filter the filter
     * @param status the status expected
     * @return this assertion
     */
    public SELF answered(RequestFilter filter, SftpStatus status) {
        isNotNull();
        Objects.requireNonNull(status, "status");
        Recording recording = recording();
        List<RecordedRequest> matching = recording.requests(filter);
        matching.forEach(r -> expected.add(r.sequence()));
        if (matching.isEmpty()) {
            throw failed("\nExpecting server to have answered:\n  " + filter + "\nwith " + status
                    + ", but it received no such request." + FailureText.nearMissText(recording, filter)
                    + FailureText.received(recording));
        }
        List<RecordedRequest> other = matching.stream().filter(r -> r.status() != status).toList();
        if (!other.isEmpty()) {
            throw failed("\nExpecting server to have answered every:\n  " + filter + "\nwith " + status
                    + ", but it answered:" + FailureText.lines(other));
        }
        return myself;
    }

    /**
     * Verifies that the server received requests matching the filters in this order (others may come
     * between them).
     *
     * <pre>{@code
     * assertThat(server).receivedInOrder(
     *         RequestFilter.of(SftpOperation.OPEN, "/out/a.csv.part"),
     *         RequestFilter.of(SftpOperation.CLOSE, "/out/a.csv.part"),
     *         RequestFilter.of(SftpOperation.RENAME, "/out/a.csv.part"));
     * }</pre>
     *
     * @param filters the filters, in the order expected
     * @return this assertion
     */
    public SELF receivedInOrder(RequestFilter... filters) {
        isNotNull();
        Recording recording = recording();
        List<RecordedRequest> requests = recording.requests();
        List<RecordedRequest> found = new ArrayList<>();
        int next = 0;
        for (RequestFilter filter : filters) {
            RecordedRequest match = null;
            while (next < requests.size() && match == null) {
                RecordedRequest candidate = requests.get(next++);
                if (filter.test(candidate)) {
                    match = candidate;
                }
            }
            if (match == null) {
                found.forEach(r -> expected.add(r.sequence()));
                StringBuilder message = new StringBuilder("\nExpecting server to have received in order:");
                for (RequestFilter f : filters) {
                    message.append("\n  ").append(f);
                }
                if (found.isEmpty()) {
                    message.append("\nbut it never received:\n  ").append(filter);
                } else {
                    message.append("\nbut it received no:\n  ").append(filter).append("\nafter:\n  ")
                            .append(found.get(found.size() - 1).summary());
                }
                List<RecordedRequest> tooEarly = recording.requests(filter);
                if (!tooEarly.isEmpty()) {
                    message.append("\nIt received it only before that:").append(FailureText.lines(tooEarly));
                }
                throw failed(message + FailureText.nearMissText(recording, filter)
                        + FailureText.received(recording));
            }
            found.add(match);
        }
        found.forEach(r -> expected.add(r.sequence()));
        return myself;
    }

    /**
     * Verifies that the server received these operations in this order (others may come between them).
     *
     * @param operations the operations, in the order expected
     * @return this assertion
     */
    public SELF receivedInOrder(SftpOperation... operations) {
        RequestFilter[] filters = new RequestFilter[operations.length];
        for (int i = 0; i < operations.length; i++) {
            filters[i] = RequestFilter.operation(operations[i]);
        }
        return receivedInOrder(filters);
    }

    /**
     * Verifies that every SFTP request was expected by an earlier assertion of this chain
     * ({@code received(...)}, {@code receivedInOrder}, {@code answered}, {@code uploaded},
     * {@code downloaded}). Connection events do not count.
     *
     * @return this assertion
     */
    public SELF receivedNothingElse() {
        isNotNull();
        Recording recording = recording();
        List<RecordedRequest> unexpected = recording.sftpRequests().stream()
                .filter(r -> !expected.contains(r.sequence())).toList();
        if (!unexpected.isEmpty()) {
            throw failed("\nExpecting server to have received nothing else, but it also received:"
                    + FailureText.lines(unexpected) + FailureText.truncation(recording));
        }
        return myself;
    }

    /**
     * Verifies that the server received no SFTP request at all (connections and authentication may
     * have happened).
     *
     * @return this assertion
     */
    public SELF receivedNoRequests() {
        isNotNull();
        Recording recording = recording();
        List<RecordedRequest> requests = recording.sftpRequests();
        if (!requests.isEmpty()) {
            throw failed("\nExpecting server to have received no requests, but it received "
                    + requests.size() + ":" + FailureText.lines(requests) + FailureText.truncation(recording));
        }
        return myself;
    }

    /**
     * Verifies that a file was uploaded: opened for writing and closed with OK.
     *
     * @param pathGlob the client path, or a glob
     * @return this assertion
     */
    public SELF uploaded(String pathGlob) {
        return transferred(pathGlob, true);
    }

    /**
     * Verifies that a file was downloaded: opened for reading only, read, and closed with OK.
     *
     * @param pathGlob the client path, or a glob
     * @return this assertion
     */
    public SELF downloaded(String pathGlob) {
        return transferred(pathGlob, false);
    }

    private SELF transferred(String pathGlob, boolean upload) {
        isNotNull();
        Objects.requireNonNull(pathGlob, "pathGlob");
        Recording recording = recording();
        List<FileTransfer> matching = recording.files(pathGlob).stream()
                .filter(upload ? FileTransfer::isCompletedUpload : FileTransfer::isCompletedDownload).toList();
        if (!matching.isEmpty()) {
            for (FileTransfer transfer : matching) {
                recording.requests(RequestFilter.any().connection(transfer.connectionId())).stream()
                        .filter(r -> transfer.handle().equals(r.handle()) && pathGlob(transfer, r))
                        .forEach(r -> expected.add(r.sequence()));
            }
            return myself;
        }
        List<FileTransfer> files = recording.files();
        StringBuilder message = new StringBuilder("\nExpecting server to have received ")
                .append(upload ? "an upload" : "a download").append(" of:\n  ").append(pathGlob)
                .append(upload ? "\n(opened for writing, closed with OK)" : "\n(opened for reading, read, closed with OK)")
                .append(", but it did not.");
        if (files.isEmpty()) {
            message.append("\nNo file was opened.");
        } else {
            message.append("\nFiles opened (").append(files.size()).append("):");
            files.stream().limit(FailureText.MAX_LISTED).forEach(f -> message.append("\n  ").append(f));
        }
        message.append(FailureText.nearMissText(recording, RequestFilter.of(SftpOperation.OPEN, pathGlob)));
        throw failed(message + FailureText.truncation(recording));
    }

    private static boolean pathGlob(FileTransfer transfer, RecordedRequest request) {
        return request.path() == null || request.path().equals(transfer.path());
    }

    /**
     * Verifies the number of connections the server accepted.
     *
     * @param times the exact number
     * @return this assertion
     */
    public SELF connected(int times) {
        isNotNull();
        List<RecordedRequest> connects = recording().requests(RequestFilter.operation(SftpOperation.CONNECT));
        if (connects.size() != times) {
            throw failed("\nExpecting server to have accepted " + plural(times, "connection") + ", but it accepted "
                    + connects.size() + (connects.isEmpty() ? "." : ":" + FailureText.lines(connects))
                    + FailureText.truncation(recording()));
        }
        return myself;
    }

    /**
     * Verifies that a user authenticated fully at least once: an {@code AUTH} record whose outcome is
     * {@link AuthOutcome#SUCCESS}. A partial success (a method accepted, another still due, as under
     * {@code server.auth().user("alice").requireMethods("publickey", "password")}) does not count: see
     * {@link #partiallyAuthenticatedAs(String)}.
     *
     * @param user the user name
     * @return this assertion
     */
    public SELF authenticatedAs(String user) {
        return authenticated(user, AuthOutcome.SUCCESS, "authenticated");
    }

    /**
     * Verifies that a method accepted a user's credentials with SSH partial success at least once: the
     * client had to go on with another method (an {@code AUTH} record whose outcome is
     * {@link AuthOutcome#PARTIAL_SUCCESS}, summary {@code AUTH(publickey) : OK (partial success)}). Whether the
     * next method succeeded is {@link #authenticatedAs(String)}'s question:
     *
     * <pre>{@code
     * server.auth().user("alice").requireMethods("publickey", "password");
     * // ... the client logs in with its key and its password ...
     * assertThat(server).partiallyAuthenticatedAs("alice").authenticatedAs("alice");
     * }</pre>
     *
     * @param user the user name
     * @return this assertion
     */
    public SELF partiallyAuthenticatedAs(String user) {
        return authenticated(user, AuthOutcome.PARTIAL_SUCCESS, "partially authenticated");
    }

    private SELF authenticated(String user, AuthOutcome outcome, String verb) {
        isNotNull();
        Objects.requireNonNull(user, "user");
        Recording recording = recording();
        List<RecordedRequest> attempts = recording.requests(RequestFilter.operation(SftpOperation.AUTH));
        if (attempts.stream().anyMatch(r -> user.equals(r.user()) && r.authOutcome() == outcome)) {
            return myself;
        }
        throw failed("\nExpecting server to have " + verb + " user:\n  \"" + user + "\"\nbut "
                + (attempts.isEmpty() ? "there was no authentication attempt."
                        : "the authentication attempts were:" + FailureText.lines(attempts))
                + FailureText.truncation(recording));
    }

    /**
     * Verifies that the recording kept every record (its limit was not reached).
     *
     * @return this assertion
     */
    public SELF isNotTruncated() {
        isNotNull();
        Recording recording = recording();
        if (recording.isTruncated()) {
            throw failed("\nExpecting the recording to be complete, but it keeps " + recording.limit()
                    + " records and dropped " + recording.droppedCount()
                    + ": raise SftpTestServer.Builder#recordingLimit");
        }
        return myself;
    }

    static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Returns the error to throw for a message built from the server's data (which may hold "%"), with
     * the assertion's description in front.
     *
     * @param message the complete message
     * @return the error
     */
    protected AssertionError failed(String message) {
        return failure("%s", message);
    }
}
