package io.sftptest.server.internal;

import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.google.common.jimfs.FileTimeSource;

/**
 * The time the in-memory filesystem stamps on files (creation, modification, access): a base clock (the system
 * clock, or the one the builder gave), which a test can stop at an instant, move forward, and let run again.
 */
public final class FileClock implements FileTimeSource {
    private final Clock base;
    private Instant stoppedAt;
    private Duration offset = Duration.ZERO;

    /**
     * Creates a clock that follows {@code base} until a test changes it.
     *
     * @param base the clock of the built server
     */
    public FileClock(Clock base) {
        this.base = Objects.requireNonNull(base, "clock");
    }

    @Override
    public FileTime now() {
        return FileTime.from(instant());
    }

    /**
     * Returns the current reading.
     *
     * @return the instant file times get now
     */
    public synchronized Instant instant() {
        return stoppedAt != null ? stoppedAt : base.instant().plus(offset);
    }

    /**
     * Stops the clock at an instant.
     *
     * @param instant the reading from now on
     */
    public synchronized void set(Instant instant) {
        stoppedAt = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the reading forward (or back, for a negative amount), stopped or running.
     *
     * @param amount how far
     */
    public synchronized void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (stoppedAt != null) {
            stoppedAt = stoppedAt.plus(amount);
        } else {
            offset = offset.plus(amount);
        }
    }

    /** Lets a stopped clock run again from its reading, at the pace of the base clock. */
    public synchronized void resume() {
        if (stoppedAt != null) {
            offset = Duration.between(base.instant(), stoppedAt);
            stoppedAt = null;
        }
    }

    /**
     * Returns whether the clock stands still.
     *
     * @return true after {@link #set(Instant)} until {@link #resume()}
     */
    public synchronized boolean isStopped() {
        return stoppedAt != null;
    }

    /** Returns to the base clock: no stop, no offset. */
    public synchronized void reset() {
        stoppedAt = null;
        offset = Duration.ZERO;
    }
}
