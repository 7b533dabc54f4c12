package io.sftptest.junit.testcontainers;

import java.util.Objects;

import org.testcontainers.lifecycle.Startable;

import io.sftptest.server.SftpTestServer;

/**
 * An {@link SftpTestServer} where Testcontainers expects a {@link Startable}: in a {@code @Container} field under
 * {@code @Testcontainers}, in {@code Startables.deepStart(...)}, or as a dependency of a container
 * ({@code dependsOn}). No Docker is needed to start it: the server runs in the test's JVM.
 *
 * <pre>{@code
 * @Testcontainers
 * class ContainerisedClientTest {
 *     @Container
 *     static SftpTestServerContainer sftp = new SftpTestServerContainer(SftpTestServer.builder().user("alice", "secret"));
 *
 *     @Test
 *     void clientInAContainerUploads() {
 *         ContainerAddress address = sftp.exposeToContainers();
 *         // run the client container against address.host() and address.port() (host.testcontainers.internal)
 *     }
 * }
 * }</pre>
 *
 * <p>Each {@link #start()} after a {@link #stop()} starts a new server from the same settings.
 *
 * <p>Testcontainers starts and stops it; nothing resets it in between. A {@code static} field's server is
 * shared by the tests of the class as it is: files, the recording, fault rules and scripted authentication
 * carry over from one test to the next (unlike {@code @SftpServerTest} and {@code SftpServerExtension}, which
 * reset their server before each test). For a clean server per test, call {@code sftp.server().reset()} in a
 * {@code @BeforeEach}, or use an instance field (one server per test).
 */
public final class SftpTestServerContainer implements Startable {
    private final SftpTestServer.Builder settings;
    private volatile SftpTestServer server;

    /** A server with the default settings (see {@link SftpTestServer#builder()}). */
    public SftpTestServerContainer() {
        this(SftpTestServer.builder());
    }

    /**
     * A server built from {@code settings} when started.
     *
     * @param settings the server's settings
     */
    public SftpTestServerContainer(SftpTestServer.Builder settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts the server; does nothing when it is running. */
    @Override
    public synchronized void start() {
        if (server == null) {
            server = settings.start();
        }
    }

    /** Closes the server; does nothing when it is not running. */
    @Override
    public synchronized void stop() {
        SftpTestServer running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    /**
     * Returns whether the server is running.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return server != null;
    }

    /**
     * Returns the running server.
     *
     * @return the server
     * @throws IllegalStateException before {@link #start()} or after {@link #stop()}
     */
    public SftpTestServer server() {
        SftpTestServer running = server;
        if (running == null) {
            throw new IllegalStateException("the SFTP server is not running: Testcontainers starts it for a "
                    + "@Container field under @Testcontainers, or call start()");
        }
        return running;
    }

    /**
     * Makes the server reachable from containers started after this call, and returns the address they use.
     * Needs a Docker environment; call it only in tests that really start a container.
     *
     * @return {@code host.testcontainers.internal} and the server's port
     * @throws IllegalStateException when there is no Docker environment (the message says so)
     */
    public ContainerAddress exposeToContainers() {
        return ContainerAddress.expose(server());
    }

    @Override
    public String toString() {
        SftpTestServer running = server;
        return "SftpTestServerContainer[" + (running != null ? running.uri() : "stopped") + "]";
    }
}
