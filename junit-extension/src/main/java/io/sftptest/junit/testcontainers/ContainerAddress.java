package io.sftptest.junit.testcontainers;

import java.net.URI;
import java.util.Objects;

import org.testcontainers.Testcontainers;

import io.sftptest.server.SftpTestServer;

/**
 * Where a client running in a container reaches an {@link SftpTestServer} of the test's JVM:
 * {@value #HOST} and the server's port, once {@link #expose(SftpTestServer)} has made that port reachable.
 *
 * <pre>{@code
 * ContainerAddress address = ContainerAddress.expose(server);
 * try (GenericContainer<?> client = new GenericContainer<>("alpine:3.20")
 *         .withCommand("sh", "-c", "apk add -q openssh-client sshpass && sshpass -p secret sftp -P "
 *                 + address.port() + " -o StrictHostKeyChecking=no alice@" + address.host() + " <<< 'ls /'")) {
 *     client.start();
 * }
 * }</pre>
 *
 * @param host the host name a container uses, {@value #HOST}
 * @param port the port a container uses (the server's own port)
 */
public record ContainerAddress(String host, int port) {
    /** The host name under which containers reach ports that Testcontainers exposed from the host. */
    public static final String HOST = "host.testcontainers.internal";

    /**
     * Checks the address.
     *
     * @param host the host name
     * @param port the port, 1 to 65535
     */
    public ContainerAddress {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1..65535");
        }
    }

    /**
     * Makes a running server's port reachable from containers started after this call
     * ({@code Testcontainers.exposeHostPorts}), and returns the address they use. Needs a Docker environment:
     * call it only in tests that really start a container.
     *
     * @param server a running server
     * @return {@value #HOST} and the server's port
     * @throws IllegalStateException when Testcontainers finds no Docker environment (the message says so)
     */
    public static ContainerAddress expose(SftpTestServer server) {
        Objects.requireNonNull(server, "server");
        int port = server.port();
        try {
            Testcontainers.exposeHostPorts(port);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot make SFTP server " + server.uri() + " reachable from containers: "
                    + "Testcontainers.exposeHostPorts(" + port + ") failed (" + e.getMessage() + "). It needs a "
                    + "Docker environment; a client in the test's JVM needs no exposure: connect it to "
                    + server.host() + ":" + port + " directly", e);
        }
        return new ContainerAddress(HOST, port);
    }

    /**
     * Returns {@code sftp://HOST:PORT/} as a container sees the server.
     *
     * @return the URI
     */
    public URI uri() {
        return URI.create("sftp://" + host + ":" + port + "/");
    }

    /**
     * Returns {@code sftp://USER@HOST:PORT/} as a container sees the server.
     *
     * @param user the user name
     * @return the URI
     */
    public URI uri(String user) {
        return URI.create("sftp://" + user + "@" + host + ":" + port + "/");
    }
}
