package io.sftptest.junit;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import io.sftptest.server.SftpTestServer;

/**
 * Runs an {@link SftpTestServer} configured with a builder, for everything {@link SftpServerTest @SftpServerTest}
 * cannot say. Register it with {@code @RegisterExtension}: a {@code static} field gives one server per test class
 * (started before {@code @BeforeAll}, reset before each test, closed after the class), an instance field one
 * server per test.
 *
 * <pre>{@code
 * class PartnerDownloadTest {
 *     @RegisterExtension
 *     static SftpServerExtension sftp = new SftpServerExtension(SftpTestServer.builder()
 *             .user("bob", bobsPublicKey)
 *             .file("/out/orders.csv", "id,qty\n1,2\n"));
 *
 *     @Test
 *     void downloadsTheOrders(SftpTestServer server) { ... }
 * }
 * }</pre>
 *
 * <p>Several servers in one class are told apart by name: the field's name, or the one given to
 * {@link Builder#name(String)}. Inject them with {@link SftpServer @SftpServer("name")}, or read them from the
 * field with {@link #server()} (also in static context, e.g. a Spring {@code @DynamicPropertySource} method).
 */
public final class SftpServerExtension extends ServerCallbacks {
    /** The name of the server of {@link SftpServerTest @SftpServerTest}. */
    public static final String DEFAULT_NAME = "default";
    /** How many of its last requests a failed test shows, unless configured otherwise. */
    public static final int DEFAULT_REQUESTS_SHOWN_ON_FAILURE = 20;

    private final String name;
    private final Supplier<SftpTestServer.Builder> settings;
    private final ServerLifecycle lifecycle;
    private final int requestsShownOnFailure;
    private final boolean failOnUnusedFaults;
    private final UnusedFaultCheck faultCheck;
    private volatile SftpTestServer current;

    /** Runs a server with the default settings (see {@link SftpTestServer#builder()}). */
    public SftpServerExtension() {
        this(builder());
    }

    /**
     * Runs a server built from {@code server}; the builder is read each time a server starts.
     *
     * @param server the server's settings
     */
    public SftpServerExtension(SftpTestServer.Builder server) {
        this(builder().server(server));
    }

    private SftpServerExtension(Builder builder) {
        this.name = builder.name;
        this.settings = builder.settings;
        this.lifecycle = builder.lifecycle;
        this.requestsShownOnFailure = builder.requestsShownOnFailure;
        this.failOnUnusedFaults = builder.failOnUnusedFaults;
        this.faultCheck = builder.faultCheck;
    }

    /**
     * Starts configuring an extension with a name, a lifecycle or failure output settings.
     *
     * <pre>{@code
     * @RegisterExtension
     * static SftpServerExtension source = SftpServerExtension.builder()
     *         .name("source")
     *         .server(SftpTestServer.builder().user("alice", "secret"))
     *         .lifecycle(ServerLifecycle.PER_METHOD)
     *         .build();
     * }</pre>
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the server this extension runs. For a static field this works from {@code @BeforeAll} on (and in
     * static methods called after it, such as Spring's {@code @DynamicPropertySource}); for an instance field,
     * from {@code @BeforeEach} on. When the same static field serves several classes running in parallel (a
     * field in a shared base class), inject the server as a parameter instead.
     *
     * @return the running server
     * @throws IllegalStateException when the extension has not started a server yet, or closed it
     */
    public SftpTestServer server() {
        SftpTestServer server = current;
        if (server == null) {
            throw new IllegalStateException("the SFTP server of this SftpServerExtension is not running: it starts "
                    + "before @BeforeAll (static field) or before @BeforeEach (instance field) and is closed after "
                    + "the class or test; inject it as an SftpTestServer parameter where it is needed");
        }
        return server;
    }

    /**
     * Returns the port of {@link #server()}.
     *
     * @return the port
     */
    public int port() {
        return server().port();
    }

    /**
     * Returns the URI of {@link #server()}, {@code sftp://HOST:PORT/}.
     *
     * @return the URI
     */
    public URI uri() {
        return server().uri();
    }

    String configuredName() {
        return name;
    }

    ServerLifecycle configuredLifecycle() {
        return lifecycle;
    }

    Supplier<SftpTestServer.Builder> serverSettings() {
        return settings;
    }

    int requestsShownOnFailure() {
        return requestsShownOnFailure;
    }

    boolean failOnUnusedFaults() {
        return failOnUnusedFaults;
    }

    UnusedFaultCheck faultCheck() {
        return faultCheck;
    }

    void started(SftpTestServer server) {
        current = server;
    }

    void stopped(SftpTestServer server) {
        if (current == server) {
            current = null;
        }
    }

    @Override
    public String toString() {
        return "SftpServerExtension[" + (name != null ? name : "unnamed") + "]";
    }

    /**
     * Configures an {@link SftpServerExtension}.
     */
    public static final class Builder {
        private String name;
        private Supplier<SftpTestServer.Builder> settings = SftpTestServer::builder;
        private ServerLifecycle lifecycle;
        private int requestsShownOnFailure = DEFAULT_REQUESTS_SHOWN_ON_FAILURE;
        private boolean failOnUnusedFaults;
        private UnusedFaultCheck faultCheck = UnusedFaultCheck.current();

        private Builder() {
        }

        /**
         * Names the server, for {@link SftpServer @SftpServer("name")}; by default the field's name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("the server name must not be empty");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets the server's settings; by default those of {@link SftpTestServer#builder()}.
         *
         * @param server the settings, read each time a server starts
         * @return this builder
         */
        public Builder server(SftpTestServer.Builder server) {
            Objects.requireNonNull(server, "server");
            this.settings = () -> server;
            return this;
        }

        /**
         * Sets how long a server lives. By default a static field's server lives for the class, an instance
         * field's for the test (for the class under {@code @TestInstance(PER_CLASS)}).
         *
         * @param lifecycle the lifecycle
         * @return this builder
         */
        public Builder lifecycle(ServerLifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /**
         * Sets how many of its last requests a failed test shows; 0 shows none. Default
         * {@value SftpServerExtension#DEFAULT_REQUESTS_SHOWN_ON_FAILURE}.
         *
         * @param count zero or more
         * @return this builder
         */
        public Builder requestsShownOnFailure(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("requestsShownOnFailure must not be negative, was " + count);
            }
            this.requestsShownOnFailure = count;
            return this;
        }

        /**
         * Fails a test after which a fault rule of the server ({@code server.faults()}) never fired; the failure
         * lists the unused rules ({@code server.faults().unused()}).
         *
         * @param fail true to fail on unused fault rules
         * @return this builder
         */
        public Builder failOnUnusedFaults(boolean fail) {
            this.failOnUnusedFaults = fail;
            return this;
        }

        Builder unusedFaultCheck(UnusedFaultCheck check) {
            this.faultCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Creates the extension.
         *
         * @return the extension, for a {@code @RegisterExtension} field
         */
        public SftpServerExtension build() {
            return new SftpServerExtension(this);
        }
    }
}
