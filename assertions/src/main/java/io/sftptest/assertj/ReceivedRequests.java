package io.sftptest.assertj;

import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpStatus;

/**
 * A pending assertion on the requests a server received, started by
 * {@link AbstractRecordingAssert#received(io.sftptest.server.SftpOperation, io.sftptest.server.SftpOperation...)}: narrow it with
 * {@link #path(String)}, {@link #user(String)}, {@link #connection(long)}, then end it with a count
 * ({@link #times(int)}, {@link #once()}, {@link #atLeast(int)}, {@link #never()}, ...) or
 * {@link #answered(SftpStatus)}, which return the assertion it came from, so the chain goes on.
 *
 * <pre>{@code
 * assertThat(server).received(SftpOperation.WRITE).path("/out/*.csv").atLeast(1)
 *                   .received(SftpOperation.REMOVE).never();
 * }</pre>
 *
 * @param <PARENT> the assertion the chain returns to
 */
public final class ReceivedRequests<PARENT extends AbstractRecordingAssert<PARENT, ?>> {
    private final PARENT parent;
    private final RequestFilter filter;

    ReceivedRequests(PARENT parent, RequestFilter filter) {
        this.parent = parent;
        this.filter = filter;
    }

    /**
     * Narrows to requests whose path (or target path) matches a glob.
     *
     * @param pathGlob a client path, or a glob such as {@code /out/*.csv} or {@code /data/**}
     * @return the narrowed pending assertion
     */
    public ReceivedRequests<PARENT> path(String pathGlob) {
        return new ReceivedRequests<>(parent, filter.path(pathGlob));
    }

    /**
     * Narrows to requests from a user.
     *
     * @param user the user name
     * @return the narrowed pending assertion
     */
    public ReceivedRequests<PARENT> user(String user) {
        return new ReceivedRequests<>(parent, filter.user(user));
    }

    /**
     * Narrows to requests on one connection.
     *
     * @param connectionId the connection id
     * @return the narrowed pending assertion
     */
    public ReceivedRequests<PARENT> connection(long connectionId) {
        return new ReceivedRequests<>(parent, filter.connection(connectionId));
    }

    /**
     * Verifies that exactly {@code n} requests matched.
     *
     * @param n the count
     * @return the assertion the chain started from
     */
    public PARENT times(int n) {
        return parent.received(filter, Times.exactly(n));
    }

    /**
     * Verifies that exactly one request matched.
     *
     * @return the assertion the chain started from
     */
    public PARENT once() {
        return parent.received(filter, Times.once());
    }

    /**
     * Verifies that {@code n} or more requests matched.
     *
     * @param n the minimum
     * @return the assertion the chain started from
     */
    public PARENT atLeast(int n) {
        return parent.received(filter, Times.atLeast(n));
    }

    /**
     * Verifies that at least one request matched.
     *
     * @return the assertion the chain started from
     */
    public PARENT atLeastOnce() {
        return parent.received(filter, Times.atLeastOnce());
    }

    /**
     * Verifies that {@code n} or fewer requests matched.
     *
     * @param n the maximum
     * @return the assertion the chain started from
     */
    public PARENT atMost(int n) {
        return parent.received(filter, Times.atMost(n));
    }

    /**
     * Verifies that no request matched.
     *
     * @return the assertion the chain started from
     */
    public PARENT never() {
        return parent.received(filter, Times.never());
    }

    /**
     * Verifies that requests matched and that every one was answered with a status.
     *
     * @param status the status expected
     * @return the assertion the chain started from
     */
    public PARENT answered(SftpStatus status) {
        return parent.answered(filter, status);
    }

    /**
     * Describes the requests this pending assertion selects.
     *
     * @return e.g. {@code OPEN /out/*.csv by alice}
     */
    @Override
    public String toString() {
        return filter.toString();
    }
}
