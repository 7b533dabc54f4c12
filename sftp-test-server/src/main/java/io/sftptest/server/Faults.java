package io.sftptest.server;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

import io.sftptest.server.internal.FaultRuleSet;

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
    private final List<FaultRule> all = new ArrayList<>();
    private final FaultRuleSet published = new FaultRuleSet();
    private volatile boolean closed;

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

    /** The rules as the server's request pipeline and connection hook read them. */
    FaultRuleSet published() {
        return published;
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
        published.publish(all.stream().map(FaultRule::state).toList());
    }
}
