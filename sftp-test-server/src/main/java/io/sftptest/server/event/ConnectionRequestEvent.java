package io.sftptest.server.event;

/**
 * A client opens a TCP connection, before any SSH traffic (seed: ConnectionRequest). {@link #accept()} is
 * pre-filled with the server's own verdict (AllowedClients, BlockedClients, MaxConnections); a listener may
 * change it. A refused connection is closed at once and fires no further events.
 */
public final class ConnectionRequestEvent {
    private final String address;
    private final int port;
    private boolean accept;

    /**
     * Creates the event.
     *
     * @param address the client's IP address
     * @param port the client's port
     * @param accept the server's own verdict
     */
    public ConnectionRequestEvent(String address, int port, boolean accept) {
        this.address = address;
        this.port = port;
        this.accept = accept;
    }

    /**
     * Returns the client's IP address, e.g. {@code 127.0.0.1}.
     *
     * @return the address
     */
    public String address() {
        return address;
    }

    /**
     * Returns the client's port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns whether the connection will be accepted.
     *
     * @return the verdict
     */
    public boolean accept() {
        return accept;
    }

    /**
     * Accepts or refuses the connection.
     *
     * @param accept false to close it at once
     */
    public void setAccept(boolean accept) {
        this.accept = accept;
    }

    @Override
    public String toString() {
        return "ConnectionRequestEvent[" + address + ":" + port + " accept=" + accept + "]";
    }
}
