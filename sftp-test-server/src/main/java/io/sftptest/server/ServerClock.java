package io.sftptest.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.sftptest.server.internal.FileClock;

/**
 * The clock that stamps the times of the server's files ({@link SftpTestServer#clock()}): the creation,
 * modification and access times of uploads, of files the test puts, of directories and of
 * {@link GrowingFile growing files}. Code that handles "files older than 10 minutes" can be tested without
 * waiting, and without setting times on each file.
 *
 * <pre>{@code
 * server.clock().set(Instant.now().minus(Duration.ofHours(2)));  // stopped two hours ago
 * server.putFile("/in/old.csv", "a,b\n");                          // modified two hours ago
 * server.clock().resume();                                          // runs again, still two hours behind
 * server.clock().advance(Duration.ofHours(2));                      // back in step with the wall clock
 * }</pre>
 *
 * <p>It follows the {@link SftpTestServer.Builder#clock(java.time.Clock) builder's clock} (by default the system
 * clock) until the test stops it with {@link #set(Instant)} or moves it with {@link #advance(Duration)};
 * {@link SftpTestServer#reset()} returns to the builder's clock. Times a client sets explicitly (SETSTAT, {@code
 * put -p}) are kept as sent. The recording's timestamps are wall-clock times: they say when requests arrived.
 * Only the in-memory filesystem has this clock; a {@link SftpTestServer.Builder#rootDirectory(java.nio.file.Path)
 * real directory} gets its times from the operating system.
 */
public final class ServerClock {
    private final FileClock clock;

    ServerClock(FileClock clock) {
        this.clock = clock;
    }

    /**
     * Returns the time a file written now gets.
     *
     * @return the reading
     */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Stops the clock at an instant: every file written from now on gets this time, until the clock is set again,
     * advanced or resumed.
     *
     * @param instant the reading
     * @return this clock
     */
    public ServerClock set(Instant instant) {
        clock.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    /**
     * Moves the clock forward (or back, for a negative amount), whether it stands still or runs.
     *
     * @param amount how far
     * @return this clock
     */
    public ServerClock advance(Duration amount) {
        clock.advance(Objects.requireNonNull(amount, "amount"));
        return this;
    }

    /**
     * Lets a stopped clock run again, from its reading and at the pace of the builder's clock.
     *
     * @return this clock
     */
    public ServerClock resume() {
        clock.resume();
        return this;
    }

    /**
     * Returns whether the clock stands still.
     *
     * @return true after {@link #set(Instant)} until {@link #resume()} or a reset
     */
    public boolean isStopped() {
        return clock.isStopped();
    }

    @Override
    public String toString() {
        return "ServerClock[" + now() + (isStopped() ? ", stopped" : "") + "]";
    }
}
