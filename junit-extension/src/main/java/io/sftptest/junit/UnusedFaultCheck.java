package io.sftptest.junit;

import java.util.List;

import io.sftptest.server.SftpTestServer;

/**
 * The hook behind {@link SftpServerTest#failOnUnusedFaults()}: lists the fault rules declared on a server that
 * no request triggered since the last reset.
 *
 * <p>The server has no fault rules in this version, so {@link #current()} is {@link #NOT_AVAILABLE} and the
 * extension refuses {@code failOnUnusedFaults = true} with a clear message. Once {@code server.faults()}
 * exists, {@link #current()} returns a check built on {@code server.faults().unused()}; the extension already
 * calls it after each test and fails the test with the rules it lists.
 */
interface UnusedFaultCheck {
    /** The check of this version: fault rules do not exist yet. */
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

    /** Why {@code failOnUnusedFaults} is refused in this version. */
    String UNAVAILABLE_MESSAGE = "failOnUnusedFaults is not available in this version: sftp-test-server has no "
            + "fault rules (server.faults()) yet, so there is nothing to check; remove failOnUnusedFaults";

    /**
     * Returns the check the extension uses.
     *
     * @return the check
     */
    static UnusedFaultCheck current() {
        return NOT_AVAILABLE;
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
