package io.sftptest.server.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.sftptest.server.ConnectionFault;
import io.sftptest.server.Fault;
import io.sftptest.server.SftpOperation;

/**
 * The working part of one fault rule: its trigger, its effects and its counts. {@code FaultRule} is the face
 * tests hold; the pipeline asks this one whether it fires. Thread-safe.
 */
public final class FaultRuleState {
    /** {@code times} of a rule that fires on every matching call. */
    public static final int ALWAYS = -1;

    private final Set<SftpOperation> operations;
    private final PathGlob path;
    private final String user;
    private final String extension;
    private final PathGlob command;
    private final int nth;
    private final int times;
    private final boolean after;
    private final List<Fault> effects;
    private final List<ConnectionFault> connectionEffects;
    private final Pacer pacer = new Pacer();
    private long matches;
    private long fired;
    private CompletableFuture<Void> released = new CompletableFuture<>();
    private boolean removed;

    private FaultRuleState(Set<SftpOperation> operations, PathGlob path, String user, String extension,
            PathGlob command, int nth, int times, boolean after, List<Fault> effects,
            List<ConnectionFault> connectionEffects) {
        this.operations = operations;
        this.path = path;
        this.user = user;
        this.extension = extension;
        this.command = command;
        this.nth = nth;
        int effectCount = effects != null ? effects.size() : connectionEffects.size();
        this.times = times != 0 ? times : nth > 1 ? effectCount : ALWAYS;
        this.after = after;
        this.effects = effects;
        this.connectionEffects = connectionEffects;
    }

    /**
     * Creates the state of a request rule.
     *
     * @param operations the operations it watches
     * @param path the path glob, or null for any path
     * @param user the user, or null for any user
     * @param extension the extension name, or null for any
     * @param command the command-line glob of an EXEC rule, or null for any
     * @param nth the first matching call that fires, from 1
     * @param times how many calls fire, {@link #ALWAYS}, or 0 for the default (always; with {@code nth}, once
     *     per effect)
     * @param after whether the effects apply after the operation
     * @param effects the effects, in order; the last repeats
     * @return the state
     */
    public static FaultRuleState onRequests(Set<SftpOperation> operations, PathGlob path, String user,
            String extension, PathGlob command, int nth, int times, boolean after, List<Fault> effects) {
        // an EnumSet: every request meets every rule's operations first, with a bit test
        return new FaultRuleState(Collections.unmodifiableSet(EnumSet.copyOf(operations)), path, user, extension,
                command, nth, times, after, List.copyOf(effects), null);
    }

    /**
     * Creates the state of a connection rule.
     *
     * @param nth the first matching connection that fires, from 1
     * @param times how many connections fire, {@link #ALWAYS}, or 0 for the default
     * @param effects the effects, in order; the last repeats
     * @return the state
     */
    public static FaultRuleState onConnections(int nth, int times, List<ConnectionFault> effects) {
        return new FaultRuleState(EnumSet.noneOf(SftpOperation.class), null, null, null, null, nth, times, false,
                null, List.copyOf(effects));
    }

    /**
     * Returns whether this rule watches new connections rather than SFTP requests.
     *
     * @return true for a connection rule
     */
    public boolean isConnectionRule() {
        return connectionEffects != null;
    }

    /**
     * Returns how often the rule fired.
     *
     * @return the count
     */
    public synchronized long fired() {
        return fired;
    }

    /**
     * Returns how many calls fire: {@link #ALWAYS} or a count.
     *
     * @return the resolved count
     */
    public int times() {
        return times;
    }

    /**
     * Waits until the rule fired {@code count} times.
     *
     * @param count the firings to wait for
     * @param timeout how long to wait at most
     * @return true when it fired that often in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized boolean awaitFired(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fired < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        return true;
    }

    /** Releases what the rule holds (hanging requests, stalled connections); later firings hold again. */
    public void release() {
        CompletableFuture<Void> current;
        synchronized (this) {
            current = released;
            released = new CompletableFuture<>();
        }
        current.complete(null);
    }

    /** Stops the rule from firing and releases what it holds. */
    public void remove() {
        synchronized (this) {
            removed = true;
        }
        release();
    }

    /** Counts a request if the trigger matches and returns the effect when the rule fires on it. */
    FaultMatch tryFire(SftpRequest request, String requestUser) {
        if (!operations.contains(request.operation())
                || (user != null && !user.equals(requestUser))
                || (extension != null && !extension.equals(request.extension()))
                || (path != null && !path.matches(request.path()))
                || (command != null && !command.matches(request.command()))) {
            return null;
        }
        synchronized (this) {
            if (!fires()) {
                return null;
            }
            return new FaultMatch(effects.get((int) Math.min(fired - 1, effects.size() - 1)), after, this, released,
                    pacer);
        }
    }

    /** Counts a connection and returns the effect when the rule fires on it. */
    synchronized ConnectionFaultMatch tryFireConnection() {
        if (!fires()) {
            return null;
        }
        return new ConnectionFaultMatch(connectionEffects.get((int) Math.min(fired - 1,
                connectionEffects.size() - 1)), released);
    }

    /** Counts a matching call; true (and counted as fired) when the rule fires on it. Called under the lock. */
    private boolean fires() {
        if (removed) {
            return false;
        }
        matches++;
        if (matches < nth || (times != ALWAYS && fired >= times)) {
            return false;
        }
        fired++;
        notifyAll();
        return true;
    }
}
