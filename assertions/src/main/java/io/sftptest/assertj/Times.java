package io.sftptest.assertj;

/**
 * How many times a request is expected: {@link #exactly(int)}, {@link #atLeast(int)},
 * {@link #atMost(int)}, {@link #never()}, for
 * {@link AbstractRecordingAssert#received(io.sftptest.server.RequestFilter, Times)}.
 *
 * <pre>{@code
 * assertThat(server).received(RequestFilter.of(SftpOperation.OPEN, "/out/*.csv"), Times.exactly(3));
 * }</pre>
 */
public final class Times {
    private final int min;
    private final int max;

    private Times(int min, int max) {
        this.min = min;
        this.max = max;
    }

    /**
     * Expects exactly {@code n} times.
     *
     * @param n zero or more
     * @return the expectation
     */
    public static Times exactly(int n) {
        return new Times(nonNegative(n), n);
    }

    /**
     * Expects exactly once.
     *
     * @return the expectation
     */
    public static Times once() {
        return exactly(1);
    }

    /**
     * Expects {@code n} times or more.
     *
     * @param n zero or more
     * @return the expectation
     */
    public static Times atLeast(int n) {
        return new Times(nonNegative(n), Integer.MAX_VALUE);
    }

    /**
     * Expects at least once.
     *
     * @return the expectation
     */
    public static Times atLeastOnce() {
        return atLeast(1);
    }

    /**
     * Expects {@code n} times or fewer.
     *
     * @param n zero or more
     * @return the expectation
     */
    public static Times atMost(int n) {
        return new Times(0, nonNegative(n));
    }

    /**
     * Expects no time at all.
     *
     * @return the expectation
     */
    public static Times never() {
        return new Times(0, 0);
    }

    /**
     * Returns whether a count meets the expectation.
     *
     * @param count the actual count
     * @return true when it does
     */
    public boolean test(int count) {
        return count >= min && count <= max;
    }

    boolean isNever() {
        return max == 0;
    }

    /**
     * Describes the expectation, e.g. {@code exactly 2 times}, {@code at least 1 time}, {@code never}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        if (max == 0) {
            return "never";
        }
        if (min == max) {
            return "exactly " + count(min);
        }
        if (max == Integer.MAX_VALUE) {
            return "at least " + count(min);
        }
        return min == 0 ? "at most " + count(max) : "between " + min + " and " + count(max);
    }

    static String count(int n) {
        return n + (n == 1 ? " time" : " times");
    }

    private static int nonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("a count must not be negative, was " + n);
        }
        return n;
    }
}
