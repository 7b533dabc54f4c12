package io.sftptest.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.sftptest.server.internal.FaultRuleState;
import io.sftptest.server.internal.PathGlob;

/**
 * One fault rule of a server: a trigger (which requests or connections) and the effect(s) applied to them.
 * Made with {@link Faults#on(SftpOperation, SftpOperation...)} or {@link Faults#onConnection()}; thread-safe.
 *
 * <pre>{@code
 * FaultRule rule = server.faults().on(SftpOperation.OPEN).path("/in/*.csv").nth(3)
 *         .respond(Fault.status(SftpStatus.PERMISSION_DENIED, "locked"));
 * // ... run the code under test
 * assertEquals(1, rule.fired());
 * }</pre>
 *
 * <p>Counting: every call whose trigger matches counts as a <em>matching call</em>; the rule fires from the
 * {@link Builder#nth(int) nth} matching call on, {@link Builder#times(int) times} times (by default: always; when
 * {@code nth} is given, once per effect). With several effects ({@code respond(a, b, c)}) the first firing applies
 * {@code a}, the second {@code b}, and so on; the last one repeats while the rule still fires. Rules are
 * consulted in the order they were added; the first that fires on a call applies, and later rules do not see
 * that call.
 */
public final class FaultRule {
    private final Faults owner;
    private final FaultRuleState state;
    private final String description;

    private FaultRule(Faults owner, Trigger<?> trigger, List<Fault> effects, List<ConnectionFault> connectionEffects) {
        this.owner = owner;
        this.state = trigger instanceof Builder b
                ? FaultRuleState.onRequests(b.operations, b.path, b.user, b.extension, b.command, b.nth, b.times,
                        b.after, effects)
                : FaultRuleState.onConnections(trigger.nth, trigger.times, connectionEffects);
        this.description = describe(trigger, effects != null ? effects : connectionEffects);
    }

    // ------------------------------------------------------------------ public

    /**
     * Returns how often the rule fired (applied one of its effects, {@link Fault#none()} included).
     *
     * @return the count
     */
    public long fired() {
        return state.fired();
    }

    /**
     * Returns whether the rule fired at least once; a rule that never fired at the end of a test usually
     * means that the test did not do what it meant to (see {@link Faults#unused()}).
     *
     * @return true once fired
     */
    public boolean isUsed() {
        return fired() > 0;
    }

    /**
     * Waits until the rule fired at least {@code count} times, e.g. until a request is hanging in
     * {@link Fault#hang()} before the test releases it.
     *
     * @param count the firings to wait for
     * @param timeout how long to wait at most
     * @return true when the rule fired that often in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitFired(long count, Duration timeout) throws InterruptedException {
        return state.awaitFired(count, timeout);
    }

    /**
     * Releases every request this rule holds in {@link Fault#hang()} and every connection it holds in
     * {@link ConnectionFault#stallKeyExchange()}; they go on normally. Calls that fire later hang again.
     */
    public void release() {
        state.release();
    }

    /**
     * Removes the rule (and releases what it holds); it no longer fires.
     *
     * @return true when it was still registered
     */
    public boolean remove() {
        state.remove();
        return owner.removeRule(this);
    }

    /** Returns the rule as code, e.g. {@code on(OPEN).path("/in/*.csv").nth(3) -> status(FAILURE)}, with its count. */
    @Override
    public String toString() {
        return description + " (fired " + fired() + "x)";
    }

    // ------------------------------------------------------------------ for Faults

    FaultRuleState state() {
        return state;
    }

    private String describe(Trigger<?> trigger, List<?> list) {
        StringBuilder text = new StringBuilder();
        if (trigger instanceof Builder b) {
            text.append("on(").append(String.join(", ", b.operations.stream().map(Enum::name).toList())).append(')');
            if (b.path != null) {
                text.append(".path(\"").append(b.path).append("\")");
            }
            if (b.user != null) {
                text.append(".user(\"").append(b.user).append("\")");
            }
            if (b.extension != null) {
                text.append(".extension(\"").append(b.extension).append("\")");
            }
            if (b.command != null) {
                text.append(".command(\"").append(b.command).append("\")");
            }
        } else {
            text.append("onConnection()");
        }
        if (trigger.nth > 1) {
            text.append(".nth(").append(trigger.nth).append(')');
        }
        if (trigger.times == FaultRuleState.ALWAYS) {
            text.append(".always()");
        } else if (trigger.times > 0) {
            text.append(".times(").append(trigger.times).append(')');
        }
        if (trigger instanceof Builder b && b.after) {
            text.append(".after()");
        }
        text.append(" -> ").append(String.join(", ", list.stream().map(Object::toString).toList()));
        return text.toString();
    }

    // ------------------------------------------------------------------ builders

    /**
     * What the trigger builders share: which of the matching calls fire.
     *
     * @param <B> the builder type
     */
    public abstract static class Trigger<B extends Trigger<B>> {
        final Faults owner;
        int nth = 1;
        int times;

        Trigger(Faults owner) {
            this.owner = owner;
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * Fires from the nth matching call on (and, unless {@link #times(int)} says otherwise, only on it, or
         * with a sequence of effects on as many calls as there are effects): {@code nth(3)} lets two calls
         * through and fails the third.
         *
         * @param n the call, counting from 1
         * @return this builder
         */
        public B nth(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("nth must be at least 1, was " + n
                        + " (matching calls are counted from 1: nth(1) is the first)");
            }
            this.nth = n;
            return self();
        }

        /**
         * Fires on {@code n} matching calls, then never again.
         *
         * @param n the firings, at least 1
         * @return this builder
         */
        public B times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be at least 1, was " + n
                        + " (to stop a rule, call remove() on it)");
            }
            this.times = n;
            return self();
        }

        /**
         * Fires once: {@code times(1)}.
         *
         * @return this builder
         */
        public B once() {
            return times(1);
        }

        /**
         * Fires on every matching call (the default unless {@link #nth(int)} is given).
         *
         * @return this builder
         */
        public B always() {
            this.times = FaultRuleState.ALWAYS;
            return self();
        }
    }

    /**
     * The trigger of a request rule: the operations it watches, narrowed by path, user, extension and command line,
     * and which of the matching calls fire. {@link #respond(Fault, Fault...)} registers the rule.
     */
    public static final class Builder extends Trigger<Builder> {
        private final EnumSet<SftpOperation> operations;
        private PathGlob path;
        private String user;
        private String extension;
        private PathGlob command;
        private boolean after;

        Builder(Faults owner, EnumSet<SftpOperation> operations) {
            super(owner);
            this.operations = operations;
        }

        /**
         * Matches only requests whose path (or, for a handle, the path it was opened with) matches a glob:
         * {@code *} within a segment, {@code **} across segments, {@code ?}, {@code [a-z]}, {@code {csv,txt}}.
         * The path is the one the client sent, as it sent it.
         *
         * @param glob e.g. {@code /in/*.csv} or {@code /data/**}
         * @return this builder
         * @throws IllegalArgumentException when the glob is malformed
         */
        public Builder path(String glob) {
            if (operations.contains(SftpOperation.EXEC)) {
                throw new IllegalArgumentException("path(\"" + glob + "\") does not apply to EXEC, whose command line "
                        + "has no one path: match the command line with command(\"md5sum " + glob + "\")");
            }
            this.path = PathGlob.compile(Objects.requireNonNull(glob, "glob"));
            return this;
        }

        /**
         * Matches only requests of one user.
         *
         * @param name the user name
         * @return this builder
         */
        public Builder user(String name) {
            this.user = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Matches only {@code SSH_FXP_EXTENDED} requests of one extension; the rule must watch
         * {@link SftpOperation#EXTENDED}.
         *
         * @param name e.g. {@code posix-rename@openssh.com}
         * @return this builder
         */
        public Builder extension(String name) {
            if (!operations.contains(SftpOperation.EXTENDED)) {
                throw new IllegalArgumentException("extension(\"" + name + "\") needs a rule on EXTENDED: use "
                        + "faults().on(SftpOperation.EXTENDED).extension(\"" + name + "\")");
            }
            this.extension = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Matches only {@link SftpOperation#EXEC} requests whose command line matches a glob: the syntax of
         * {@link #path(String)}, but {@code *} and {@code ?} also match "/" ({@code md5sum *} matches
         * {@code md5sum /in/a.csv}). The command line is the one the client sent, quotes and all; a shell request has
         * none and never matches. The rule must watch {@code EXEC}.
         *
         * @param glob e.g. {@code md5sum *}, {@code id -u} or {@code {md5sum,sha1sum} *}
         * @return this builder
         * @throws IllegalArgumentException when the glob is malformed or the rule does not watch {@code EXEC}
         */
        public Builder command(String glob) {
            if (!operations.contains(SftpOperation.EXEC)) {
                throw new IllegalArgumentException("command(\"" + glob + "\") needs a rule on EXEC: use "
                        + "faults().on(SftpOperation.EXEC).command(\"" + glob + "\")");
            }
            this.command = PathGlob.compileCommand(Objects.requireNonNull(glob, "glob"));
            return this;
        }

        /**
         * Applies the effect after the operation was performed, instead of before it: with
         * {@link Fault#status(SftpStatus)} the operation happened but the client is told it failed (the lost
         * acknowledgement); with {@link Fault#delay(Duration)} the answer is late. On {@code EXEC}, the command ran
         * and its output went out; {@link Fault#exitStatus(int, String)} then replaces its exit status.
         *
         * @return this builder
         */
        public Builder after() {
            this.after = true;
            return this;
        }

        /**
         * Registers the rule: the first firing applies {@code first}, the next ones {@code then} in order, the
         * last effect repeating. {@code respond(status(FAILURE), status(FAILURE), none())} fails two calls and
         * lets the rest succeed.
         *
         * @param first the first effect
         * @param then the effects of the following firings
         * @return the registered rule
         * @throws IllegalArgumentException when an effect does not suit the operations (e.g. a short read on
         *         anything but READ, an SFTP status on EXEC)
         */
        public FaultRule respond(Fault first, Fault... then) {
            List<Fault> effects = new ArrayList<>();
            effects.add(Objects.requireNonNull(first, "first"));
            for (Fault fault : then) {
                effects.add(Objects.requireNonNull(fault, "effect"));
            }
            for (Fault fault : effects) {
                checkExec(fault);
                boolean shortRead = fault instanceof Fault.ShortRead;
                boolean dataOnly = shortRead || fault instanceof Fault.DisconnectAfterBytes
                        || fault instanceof Fault.Throttle;
                Set<SftpOperation> allowed = shortRead ? EnumSet.of(SftpOperation.READ)
                        : EnumSet.of(SftpOperation.READ, SftpOperation.WRITE);
                if (dataOnly && !allowed.containsAll(operations)) {
                    throw new IllegalArgumentException(fault + " works on file data, so only on " + allowed
                            + ", but the rule watches " + operations + ": use faults().on("
                            + (shortRead ? "READ" : "READ, WRITE") + ")");
                }
                if (dataOnly && after) {
                    throw new IllegalArgumentException(fault + " paces or cuts the data while it moves, so it has "
                            + "no after() phase: remove after()");
                }
            }
            FaultRule rule = new FaultRule(owner, this, List.copyOf(effects), null);
            owner.addRule(rule);
            return rule;
        }

        /** Refuses an exit status on SFTP requests, and an SFTP status on EXEC: each has no place for the other. */
        private void checkExec(Fault fault) {
            boolean exec = operations.contains(SftpOperation.EXEC);
            if (fault instanceof Fault.ExitStatus && (!exec || operations.size() > 1)) {
                EnumSet<SftpOperation> others = EnumSet.copyOf(operations);
                others.remove(SftpOperation.EXEC);
                throw new IllegalArgumentException(fault + " ends a command, so only on EXEC, but the rule watches "
                        + others + ": use faults().on(SftpOperation.EXEC), or Fault.status(...) for SFTP requests");
            }
            if (fault instanceof Fault.Status && exec) {
                throw new IllegalArgumentException(fault + " answers an SFTP status, which an EXEC has no place for: "
                        + "use Fault.exitStatus(1, \"message on stderr\") in a rule on EXEC alone");
            }
        }
    }

    /**
     * The trigger of a connection rule: which new connections it affects. {@link #respond(ConnectionFault,
     * ConnectionFault...)} registers the rule.
     */
    public static final class ConnectionBuilder extends Trigger<ConnectionBuilder> {
        ConnectionBuilder(Faults owner) {
            super(owner);
        }

        /**
         * Registers the rule: the first firing applies {@code first}, the next ones {@code then} in order, the
         * last effect repeating.
         *
         * @param first the first effect
         * @param then the effects of the following firings
         * @return the registered rule
         */
        public FaultRule respond(ConnectionFault first, ConnectionFault... then) {
            List<ConnectionFault> effects = new ArrayList<>();
            effects.add(Objects.requireNonNull(first, "first"));
            for (ConnectionFault fault : then) {
                effects.add(Objects.requireNonNull(fault, "effect"));
            }
            FaultRule rule = new FaultRule(owner, this, null, List.copyOf(effects));
            owner.addRule(rule);
            return rule;
        }
    }
}
