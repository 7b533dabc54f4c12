package io.sftptest.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

import io.sftptest.server.internal.ConnectionFaultMatch;
import io.sftptest.server.internal.FaultHooks;
import io.sftptest.server.internal.FaultMatch;
import io.sftptest.server.internal.RequestInfo;

/**
 * The fault rules of a server ({@link SftpTestServer#faults()}): declarative failures for testing what client
 * code does when things go wrong, without listener code. A rule is a trigger plus an effect:
 *
 * <pre>{@code
 * server.faults().on(SftpOperation.OPEN).nth(3).respond(Fault.status(SftpStatus.FAILURE));
 * server.faults().on(SftpOperation.WRITE).after().once().respond(Fault.status(SftpStatus.FAILURE)); // lost ack
 * server.faults().on(SftpOperation.WRITE).respond(Fault.disconnectAfterBytes(1 << 20));
 * server.faults().on(SftpOperation.READ).respond(Fault.throttle(512 * 1024));
 * server.faults().on(SftpOperation.OPEN).path("/in/*.csv")
 *         .respond(Fault.status(SftpStatus.FAILURE), Fault.status(SftpStatus.FAILURE), Fault.none()); // retry
 * server.faults().onConnection().once().respond(ConnectionFault.refuse());
 * }</pre>
 *
 * <p>Rules can be added and removed at any time, from any thread; they apply to requests that arrive from then
 * on. With no rule, the server does one volatile read per request. {@link SftpTestServer#reset()} clears them.
 * The effect applied to a request shows in {@link RecordedRequest#fault()}.
 */
public final class Faults {
    private final Object lock = new Object();
    private volatile FaultRule[] requestRules = new FaultRule[0];
    private volatile FaultRule[] connectionRules = new FaultRule[0];
    private final List<FaultRule> all = new ArrayList<>();
    private volatile boolean closed;
    private final FaultHooks hooks = new Hooks();

    Faults() {
    }

    /**
     * Starts a rule on one or more SFTP operations, or on {@link SftpOperation#EXEC} (exec and shell requests,
     * narrowed with {@link FaultRule.Builder#command(String)}).
     *
     * @param operation an operation, e.g. {@link SftpOperation#OPEN}
     * @param more further operations the same rule watches
     * @return the trigger builder; finish with {@link FaultRule.Builder#respond(Fault, Fault...)}
     * @throws IllegalArgumentException for the pseudo-operations (CONNECT, AUTH, DISCONNECT), INIT and UNKNOWN
     */
    public FaultRule.Builder on(SftpOperation operation, SftpOperation... more) {
        EnumSet<SftpOperation> operations = EnumSet.of(Objects.requireNonNull(operation, "operation"), more);
        for (SftpOperation op : operations) {
            if (op.isConnectionEvent() || op == SftpOperation.INIT || op == SftpOperation.UNKNOWN) {
                throw new IllegalArgumentException(op + " is no SFTP request a rule can fail: for connections use "
                        + "faults().onConnection(), for authentication server.auth()");
            }
        }
        return new FaultRule.Builder(this, operations);
    }

    /**
     * Starts a rule on new connections (refuse, close, delay the banner, stall key exchange).
     *
     * @return the trigger builder; finish with {@link FaultRule.ConnectionBuilder#respond(ConnectionFault,
     *         ConnectionFault...)}
     */
    public FaultRule.ConnectionBuilder onConnection() {
        return new FaultRule.ConnectionBuilder(this);
    }

    /**
     * Returns the registered rules, oldest first.
     *
     * @return a snapshot
     */
    public List<FaultRule> rules() {
        synchronized (lock) {
            return List.copyOf(all);
        }
    }

    /**
     * Returns the registered rules that never fired: usually a sign that a test did not send what it meant to.
     *
     * @return a snapshot, oldest first
     */
    public List<FaultRule> unused() {
        return rules().stream().filter(rule -> !rule.isUsed()).toList();
    }

    /**
     * Removes every rule and releases every request or connection they hold.
     */
    public void clear() {
        List<FaultRule> removed;
        synchronized (lock) {
            removed = new ArrayList<>(all);
        }
        for (FaultRule rule : removed) {
            rule.remove();
        }
    }

    @Override
    public String toString() {
        return "Faults" + rules();
    }

    // ------------------------------------------------------------------ for the server

    /** The view the MINA-side pieces use. */
    FaultHooks hooks() {
        return hooks;
    }

    /**
     * Joins two rule sets: a request or connection meets the rules of {@code first}, then, when none of them
     * fired, those of {@code then}.
     */
    static FaultHooks chain(Faults first, Faults then) {
        FaultHooks a = first.hooks;
        FaultHooks b = then.hooks;
        return new FaultHooks() {
            @Override
            public boolean active() {
                return a.active() || b.active();
            }

            @Override
            public FaultMatch match(RequestInfo request) {
                FaultMatch match = a.active() ? a.match(request) : null;
                return match != null || !b.active() ? match : b.match(request);
            }

            @Override
            public boolean connectionsActive() {
                return a.connectionsActive() || b.connectionsActive();
            }

            @Override
            public ConnectionFaultMatch matchConnection() {
                ConnectionFaultMatch match = a.connectionsActive() ? a.matchConnection() : null;
                return match != null || !b.connectionsActive() ? match : b.matchConnection();
            }

            @Override
            public String toString() {
                return a + " then " + b;
            }
        };
    }

    /** Removes all rules for good: requests no longer hang once the server closes. */
    void close() {
        closed = true;
        clear();
    }

    void addRule(FaultRule rule) {
        if (closed) {
            throw new IllegalStateException("the server is closed: fault rules can no longer be added");
        }
        synchronized (lock) {
            all.add(rule);
            publish();
        }
    }

    boolean removeRule(FaultRule rule) {
        synchronized (lock) {
            boolean removed = all.remove(rule);
            publish();
            return removed;
        }
    }

    private void publish() {
        requestRules = all.stream().filter(rule -> !rule.isConnectionRule()).toArray(FaultRule[]::new);
        connectionRules = all.stream().filter(FaultRule::isConnectionRule).toArray(FaultRule[]::new);
    }

    private final class Hooks implements FaultHooks {
        @Override
        public boolean active() {
            return requestRules.length != 0;
        }

        @Override
        public FaultMatch match(RequestInfo request) {
            for (FaultRule rule : requestRules) {
                FaultMatch match = rule.tryFire(request);
                if (match != null) {
                    return match;
                }
            }
            return null;
        }

        @Override
        public boolean connectionsActive() {
            return connectionRules.length != 0;
        }

        @Override
        public ConnectionFaultMatch matchConnection() {
            for (FaultRule rule : connectionRules) {
                ConnectionFaultMatch match = rule.tryFireConnection();
                if (match != null) {
                    return match;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return Arrays.toString(requestRules) + Arrays.toString(connectionRules);
        }
    }
}
