package io.sftptest.server.cli.internal;

import io.sftptest.server.FaultRule;
import io.sftptest.server.Faults;

/**
 * The one grammar of fault rules, the {@code --fault} one: the admin API registers a rule through it, so a bad rule
 * gets the same message over HTTP as on the command line.
 */
@FunctionalInterface
public interface FaultRuleGrammar {
    /**
     * Parses a rule and registers it; a rule that does not parse or that the API refuses registers nothing.
     *
     * @param faults where to register it
     * @param rule the rule, e.g. {@code OPEN /in/*.csv status=FAILURE once}
     * @return the registered rule
     * @throws IllegalArgumentException naming the rule, the position and what was expected
     */
    FaultRule register(Faults faults, String rule);
}
