package io.sftptest.server.internal;

/**
 * The fault rules of one server as the MINA-side pieces see them. Implementations keep {@link #active()} and
 * {@link #connectionsActive()} to one volatile read, so that a server without rules pays nothing.
 */
public interface FaultHooks {
    /** No rules ever. */
    FaultHooks NONE = new FaultHooks() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public FaultMatch match(RequestInfo request) {
            return null;
        }

        @Override
        public boolean connectionsActive() {
            return false;
        }

        @Override
        public ConnectionFaultMatch matchConnection() {
            return null;
        }
    };

    /**
     * Returns whether any request rule exists.
     *
     * @return true when {@link #match(RequestInfo)} may find one
     */
    boolean active();

    /**
     * Finds the rule that fires on a request, counting the call on every rule whose trigger matches up to it.
     *
     * @param request the parsed request
     * @return the effect to apply, or null
     */
    FaultMatch match(RequestInfo request);

    /**
     * Returns whether any connection rule exists.
     *
     * @return true when {@link #matchConnection()} may find one
     */
    boolean connectionsActive();

    /**
     * Finds the connection rule that fires on a new connection.
     *
     * @return the effect to apply, or null
     */
    ConnectionFaultMatch matchConnection();
}
