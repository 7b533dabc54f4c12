package io.sftptest.junit;

import java.util.List;

import io.sftptest.server.SftpTestServer;

/**
 * The hook behind {@link SftpServerTest#failOnUnusedFaults()}: lists the fault rules declared on a server that
 * no request triggered since the last reset.
 *
 * <p>{@link #current()} is {@link #FAULT_RULES}, built on {@code server.faults().unused()}: the extension calls
 * it after each test and fails the test with the rules it lists. {@link #NOT_AVAILABLE} stays for tests of the
 * extension's refusal path (a server library without fault rules).
 */
interface UnusedFaultCheck {
    /** The check of this version: the server's fault rules that never fired, as code. */
    UnusedFaultCheck FAULT_RULES = new UnusedFaultCheck() {
        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public List<String> unusedFaults(SftpTestServer server) {
            return server.faults().unused().stream().map(Object::toString).toList();
        }
    };

    /** A check for a server library without fault rules: {@code failOnUnusedFaults} is refused. */
    UnusedFaultCheck NOT_AVAILABLE = new UnusedFaultCheck() {
        @Override
        public boolean isAvailable() {
            return false;
        }

        @Override
        public List<String> unusedFaults(SftpTestServer server) {
            throw new UnsupportedOperationException(UNAVAILABLE_MESSAGE);
        }
    };

    /** Why {@code failOnUnusedFaults} is refused by {@link #NOT_AVAILABLE}. */
    String UNAVAILABLE_MESSAGE = "failOnUnusedFaults is not available in this version: sftp-test-server has no "
            + "fault rules (server.faults()) yet, so there is nothing to check; remove failOnUnusedFaults";

    /**
     * Returns the check the extension uses.
     *
     * @return the check
     */
    static UnusedFaultCheck current() {
        return FAULT_RULES;
    }

    /**
     * Returns whether this version can check for unused fault rules.
     *
     * @return true when {@link #unusedFaults(SftpTestServer)} works
     */
    boolean isAvailable();

    /**
     * Lists the fault rules of a server that no request triggered since its last reset.
     *
     * @param server the server
     * @return one description per unused rule; empty when every rule was used
     */
    List<String> unusedFaults(SftpTestServer server);
}
