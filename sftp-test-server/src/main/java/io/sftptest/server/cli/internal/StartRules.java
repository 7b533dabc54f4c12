package io.sftptest.server.cli.internal;

import java.util.ArrayList;
import java.util.List;

import io.sftptest.server.FaultRule;

/**
 * The fault rules given at start ({@code --fault}, {@code --faults-file}) as the server currently has them. They
 * are the builder's rules, so {@code reset()} re-creates them with fresh counts: the runner tells this holder
 * each time, and the admin API lists them beside the rules it added. Thread-safe.
 */
public final class StartRules {
    /**
     * One rule given at start.
     *
     * @param text the rule as written on the command line
     * @param rule the registered rule
     */
    public record Started(String text, FaultRule rule) {
        /**
         * Returns the rule as code without its count, as the runner prints it at start.
         *
         * @return e.g. {@code on(OPEN).path("/in/*.csv").times(1) -> status(FAILURE)}
         */
        public String code() {
            return FaultEndpoints.code(rule);
        }
    }

    private List<Started> current = List.of();

    /**
     * Records the rules just (re-)created by the server's builder.
     *
     * @param rules the rules, in the order given
     */
    public synchronized void created(List<Started> rules) {
        current = List.copyOf(rules);
    }

    /**
     * Returns the rules given at start that are still registered.
     *
     * @return a snapshot, in the order given
     */
    public synchronized List<Started> current() {
        return current;
    }

    /** Forgets a rule removed through the API (until the next reset re-creates it). */
    synchronized void removed(FaultRule rule) {
        List<Started> rest = new ArrayList<>(current);
        rest.removeIf(started -> started.rule() == rule);
        current = List.copyOf(rest);
    }
}
