package io.sftptest.server.internal;

import java.util.List;

/**
 * The fault rules of one rule set (the test's, or the builder's) as the pipeline and the connection hook read
 * them: published arrays, so that a server without rules pays one volatile read per request.
 */
public final class FaultRuleSet {
    private static final FaultRuleState[] NONE = new FaultRuleState[0];

    private volatile FaultRuleState[] requestRules = NONE;
    private volatile FaultRuleState[] connectionRules = NONE;

    /**
     * Publishes the rules, in the order they are consulted; the caller serialises the calls.
     *
     * @param rules the registered rules, oldest first
     */
    public void publish(List<FaultRuleState> rules) {
        requestRules = rules.stream().filter(rule -> !rule.isConnectionRule()).toArray(FaultRuleState[]::new);
        connectionRules = rules.stream().filter(FaultRuleState::isConnectionRule).toArray(FaultRuleState[]::new);
    }

    /** Finds the first of the sets' rules that fires on a request, counting it on every rule met on the way. */
    static FaultMatch match(FaultRuleSet[] sets, SftpRequest request, String user) {
        for (FaultRuleSet set : sets) {
            for (FaultRuleState rule : set.requestRules) {
                FaultMatch match = rule.tryFire(request, user);
                if (match != null) {
                    return match;
                }
            }
        }
        return null;
    }

    /** Finds the first of the sets' connection rules that fires on a new connection. */
    static ConnectionFaultMatch matchConnection(FaultRuleSet[] sets) {
        for (FaultRuleSet set : sets) {
            for (FaultRuleState rule : set.connectionRules) {
                ConnectionFaultMatch match = rule.tryFireConnection();
                if (match != null) {
                    return match;
                }
            }
        }
        return null;
    }

    /** Returns whether any set holds a request rule. */
    static boolean anyRequestRule(FaultRuleSet[] sets) {
        for (FaultRuleSet set : sets) {
            if (set.requestRules.length != 0) {
                return true;
            }
        }
        return false;
    }
}
