package io.sftptest.server;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.sftptest.server.internal.PathGlob;

/**
 * Selects recorded requests by operation, path glob, user, connection and status. Immutable: each
 * method returns a new filter that also requires its condition.
 *
 * <pre>{@code
 * RequestFilter uploads = RequestFilter.operation(SftpOperation.OPEN).path("/out/*.csv").user("alice");
 * List<RecordedRequest> opens = server.recording().requests(uploads);
 * }</pre>
 *
 * <p>Paths are matched against the path string the client sent, as a {@code PathMatcher} "glob:"
 * would: {@code *} within one segment, {@code **} across segments, {@code ?}, {@code [a-z]},
 * {@code {csv,txt}}. A path without wildcards must be equal. A filter with a path never matches a
 * record without one; the target path of a rename or link matches too.
 */
public final class RequestFilter implements Predicate<RecordedRequest> {
    private static final RequestFilter ANY = new RequestFilter(null, null, null, null, 0, null);

    private final Set<SftpOperation> operations;
    private final String pathGlob;
    private final PathGlob glob;
    private final String user;
    private final long connectionId;
    private final SftpStatus status;

    private RequestFilter(Set<SftpOperation> operations, String pathGlob, PathGlob glob, String user,
            long connectionId, SftpStatus status) {
        this.operations = operations;
        this.pathGlob = pathGlob;
        this.glob = glob;
        this.user = user;
        this.connectionId = connectionId;
        this.status = status;
    }

    /**
     * Returns the filter that matches every record, connection events included.
     *
     * @return the filter
     */
    public static RequestFilter any() {
        return ANY;
    }

    /**
     * Returns a filter matching any of the given operations.
     *
     * @param operation an operation
     * @param more further operations
     * @return the filter
     */
    public static RequestFilter operation(SftpOperation operation, SftpOperation... more) {
        return ANY.operations(EnumSet.of(Objects.requireNonNull(operation, "operation"), more));
    }

    /**
     * Returns a filter matching one operation on paths matching a glob.
     *
     * @param operation the operation
     * @param pathGlob the path or glob, e.g. {@code /out/*.csv}
     * @return the filter
     */
    public static RequestFilter of(SftpOperation operation, String pathGlob) {
        return operation(operation).path(pathGlob);
    }

    /**
     * Returns a filter that also requires one of the given operations (replacing earlier operations).
     *
     * @param operations the operations
     * @return the new filter
     */
    public RequestFilter operations(Set<SftpOperation> operations) {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("no operation given: name at least one, e.g. SftpOperation.OPEN");
        }
        return new RequestFilter(EnumSet.copyOf(operations), pathGlob, glob, user, connectionId, status);
    }

    /**
     * Returns a filter that also requires the path (or the target path) to match a glob.
     *
     * @param pathGlob a client path or a glob, e.g. {@code /out/*.csv} or {@code /data/**}
     * @return the new filter
     * @throws IllegalArgumentException when the glob is malformed
     */
    public RequestFilter path(String pathGlob) {
        Objects.requireNonNull(pathGlob, "pathGlob");
        return new RequestFilter(operations, pathGlob, PathGlob.compile(pathGlob), user, connectionId, status);
    }

    /**
     * Returns a filter that also requires the request to come from a user.
     *
     * @param user the user name
     * @return the new filter
     */
    public RequestFilter user(String user) {
        return new RequestFilter(operations, pathGlob, glob, Objects.requireNonNull(user, "user"), connectionId,
                status);
    }

    /**
     * Returns a filter that also requires the request to come on a connection.
     *
     * @param connectionId the id (see {@link SftpConnection#id()})
     * @return the new filter
     */
    public RequestFilter connection(long connectionId) {
        if (connectionId < 1) {
            throw new IllegalArgumentException("connection ids count from 1, was " + connectionId);
        }
        return new RequestFilter(operations, pathGlob, glob, user, connectionId, status);
    }

    /**
     * Returns a filter that also requires the request to have been answered with a status.
     *
     * @param status the status
     * @return the new filter
     */
    public RequestFilter status(SftpStatus status) {
        return new RequestFilter(operations, pathGlob, glob, user, connectionId,
                Objects.requireNonNull(status, "status"));
    }

    /**
     * Returns the operations required, or null when any operation matches.
     *
     * @return an unmodifiable set, or null
     */
    public Set<SftpOperation> operations() {
        return operations == null ? null : Set.copyOf(operations);
    }

    /**
     * Returns the path glob required, or null.
     *
     * @return the glob as given
     */
    public String pathGlob() {
        return pathGlob;
    }

    /**
     * Returns whether a record matches every condition of this filter.
     *
     * @param request a record
     * @return true on a match
     */
    @Override
    public boolean test(RecordedRequest request) {
        return (operations == null || operations.contains(request.operation()))
                && (glob == null || glob.matches(request.path()) || glob.matches(request.targetPath()))
                && (user == null || user.equals(request.user()))
                && (connectionId == 0 || connectionId == request.connectionId())
                && (status == null || status == request.status());
    }

    /**
     * Returns whether a record matches this filter's path (or it has no path condition).
     *
     * @param request a record
     * @return true when the path condition holds
     */
    public boolean matchesPath(RecordedRequest request) {
        return glob == null || glob.matches(request.path()) || glob.matches(request.targetPath());
    }

    /**
     * Returns whether a record has one of this filter's operations (or it has no operation condition).
     *
     * @param request a record
     * @return true when the operation condition holds
     */
    public boolean matchesOperation(RecordedRequest request) {
        return operations == null || operations.contains(request.operation());
    }

    /**
     * Describes the filter, e.g. {@code OPEN /out/*.csv by alice}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(operations == null ? "any request"
                : operations.stream().map(Enum::name).collect(Collectors.joining(" or ")));
        if (pathGlob != null) {
            text.append(' ').append(pathGlob);
        }
        if (user != null) {
            text.append(" by ").append(user);
        }
        if (connectionId != 0) {
            text.append(" on connection ").append(connectionId);
        }
        if (status != null) {
            text.append(" answered ").append(status);
        }
        return text.toString();
    }
}
