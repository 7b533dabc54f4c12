package io.sftptest.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sftptest.server.internal.DiskLimits;
import io.sftptest.server.internal.EventHub;
import io.sftptest.server.internal.FileClock;
import io.sftptest.server.internal.FileState;
import io.sftptest.server.internal.InMemoryFileSystem;
import io.sftptest.server.internal.MinaServer;
import io.sftptest.server.internal.ServerContext;
import io.sftptest.server.internal.ServerFiles;
import io.sftptest.server.internal.ServerLifecycle;
import io.sftptest.server.internal.ServerSettings;
import io.sftptest.server.internal.UserDirectory;

/**
 * A real SSH/SFTP server for tests: Apache MINA SSHD on a random loopback port, serving an in-memory
 * Jimfs filesystem (or a real directory), started in a few milliseconds.
 *
 * <pre>{@code
 * try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").build()) {
 *     server.start();
 *     server.putFile("/in/a.csv", "x,y\n");
 *     // ... point the code under test at server.host(), server.port(), user "alice", password "secret"
 *     assertEquals("done", server.fileContent("/out/status.txt", StandardCharsets.UTF_8));
 * }
 * }</pre>
 *
 * <p>Paths given to the file helpers ({@link #putFile(String, String)}, {@link #fileContent(String)}
 * and so on) are the paths a client sees: absolute, slash-separated, below the server's root "/".
 * All methods are thread-safe.
 */
public final class SftpTestServer extends ServedFiles implements AutoCloseable {
    /** The user created when a builder names no user. */
    public static final String DEFAULT_USER = "user";
    /** The password of {@link #DEFAULT_USER}. */
    public static final String DEFAULT_PASSWORD = "password";

    private static final Logger LOG = LoggerFactory.getLogger(SftpTestServer.class);
    // A client that does not answer SSH_MSG_DISCONNECT is cut off hard after this.
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSettings settings;
    private final List<Personality> personalities;
    private final List<Consumer<Faults>> builtFaultRules;
    private final FileSystem inMemoryFileSystem;
    private final ServerContext context;
    private final ServerFiles files;
    private final MinaServer mina;
    private final ServerLifecycle lifecycle;
    private final Recording recording;
    private final Faults faults = new Faults();
    private final Faults builtFaults = new Faults();
    private final ScriptedAuth auth;
    private final UserDirectory users;
    private final FileState fileState;
    private final DiskSpace disk;
    private final FileLocks locks;
    private final ServerClock clock;

    private SftpTestServer(Builder builder) {
        this.settings = builder.settings();
        this.personalities = builder.personalities();
        this.builtFaultRules = builder.faultRules();
        FileClock fileClock = settings.rootDirectory() == null ? new FileClock(settings.clock()) : null;
        this.inMemoryFileSystem = fileClock != null
                ? InMemoryFileSystem.create(settings.caseInsensitive(), fileClock) : null;
        Path root = inMemoryFileSystem != null
                ? inMemoryFileSystem.getPath("/")
                : settings.rootDirectory().toAbsolutePath().normalize();
        EventHub events = new EventHub(settings.live(), settings.virtual());
        events.listeners().addAll(settings.listeners());
        this.context = new ServerContext(root, events);
        context.setFaultRules(faults.published(), builtFaults.published());
        applyBuiltFaults();
        this.auth = new ScriptedAuth(this, context, settings.authMethods());
        this.users = new UserDirectory(context, settings.restrictUserToHomeDir());
        users.restore(settings.accounts());
        this.fileState = new FileState(new DiskLimits(context), fileClock);
        context.setFileState(fileState);
        context.apply(settings);
        this.recording = new Recording(settings.recordingLimit());
        if (settings.recordingEnabled()) {
            context.observers().add(new RecordingObserver(recording, context));
            context.requestRecorders().add(recording::append);
        }
        this.mina = new MinaServer(settings, context, auth.keyboardInteractive(), LOG);
        this.lifecycle = new ServerLifecycle(mina, settings.host(), settings.port(), LOG);
        this.files = new ServerFiles(context, settings.virtual(), lifecycle);
        this.disk = new DiskSpace(fileState.disk(), context, files::requireFileSystem);
        this.locks = new FileLocks(fileState.openFiles(), this::path);
        this.clock = fileClock != null ? new ServerClock(fileClock) : null;
        applyBuiltFileState();
    }

    @Override
    ServerFiles files() {
        return files;
    }

    /**
     * Starts configuring a server.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds and starts a server with the default settings: user {@value #DEFAULT_USER}, password
     * {@value #DEFAULT_PASSWORD}, a random port on 127.0.0.1, an empty in-memory filesystem.
     *
     * @return the running server
     */
    public static SftpTestServer startDefault() {
        return builder().start();
    }

    /**
     * Starts listening. The port is known when this returns.
     *
     * @return this server
     * @throws IllegalStateException when the server was started before, or is closed
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public SftpTestServer start() {
        lifecycle.start(() -> files.seed(settings.files()), this::release);
        LOG.debug("listening on {}", uri());
        return this;
    }

    /**
     * Returns whether the server has been started and not yet closed.
     *
     * @return true while running
     */
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        return lifecycle.address().getPort();
    }

    /**
     * Returns the address the server listens on, as a literal that clients can connect to, e.g.
     * {@code 127.0.0.1} or {@code ::1}.
     *
     * @return the host
     */
    public String host() {
        return lifecycle.address().getAddress().getHostAddress();
    }

    /**
     * Returns the server's URI, {@code sftp://HOST:PORT/}.
     *
     * @return the URI
     */
    public URI uri() {
        return URI.create(lifecycle.uri());
    }

    /**
     * Returns the server's URI with a user, {@code sftp://USER@HOST:PORT/}.
     *
     * @param user the user name
     * @return the URI
     */
    public URI uri(String user) {
        return URI.create(lifecycle.uri().replace("sftp://", "sftp://" + user + "@"));
    }

    /**
     * Returns the server's first host key: its only one when the builder set one with
     * {@link Builder#hostKey(HostKey)}, else the Ed25519 key of the two it offers by default. A client may
     * negotiate another of {@link #hostKeys()}: to pin the server, trust them all ({@link #knownHostsLine()}), or
     * build it with the one key the client must see.
     *
     * @return the first host key
     */
    public HostKey hostKey() {
        return settings.hostKeys().get(0);
    }

    /**
     * Returns the host keys the server offers, in the order they were given: by default the JVM-wide Ed25519 and
     * ECDSA P-256 keys ({@link HostKey#generateEd25519()}, {@link HostKey#generateEcdsaP256()}); a client takes the
     * first of its own preferred algorithms that one of them has.
     *
     * @return the host keys, at least one
     */
    public List<HostKey> hostKeys() {
        return settings.hostKeys();
    }

    /**
     * Returns the {@code known_hosts} lines that make a client trust this server: one line per host key, joined by
     * {@code "\n"} (no newline at the end), for this server's address.
     *
     * <pre>{@code
     * Files.writeString(knownHosts, server.knownHostsLine() + "\n");
     * }</pre>
     *
     * @return e.g. {@code [127.0.0.1]:41234 ssh-ed25519 AAAA...\n[127.0.0.1]:41234 ecdsa-sha2-nistp256 AAAA...}
     */
    public String knownHostsLine() {
        return String.join("\n", knownHostsLines());
    }

    /**
     * Returns one {@code known_hosts} line per host key for this server's address, in the order of
     * {@link #hostKeys()}.
     *
     * @return e.g. {@code [[127.0.0.1]:41234 ssh-ed25519 AAAA..., [127.0.0.1]:41234 ecdsa-sha2-nistp256 AAAA...]}
     */
    public List<String> knownHostsLines() {
        String host = host();
        int port = port();
        return settings.hostKeys().stream().map(key -> key.knownHostsLine(host, port)).toList();
    }

    // ---------------------------------------------------------------- users

    /**
     * Adds a user with a password while the server runs, or sets the password of an existing user (its keys and
     * directories stay). The next authentication attempt sees it; connections already open are not affected.
     * {@link #reset()} puts back the users the server was built with.
     *
     * <pre>{@code
     * server.addUser("carol", "secret");
     * }</pre>
     *
     * @param name the user name
     * @param password the password
     * @return this server
     */
    public SftpTestServer addUser(String name, String password) {
        users.addPassword(name, password);
        return this;
    }

    /**
     * Adds a user with a public key while the server runs, or adds a key to an existing user (its password and
     * directories stay). See {@link #addUser(String, String)}.
     *
     * @param name the user name
     * @param publicKey the authorised key
     * @return this server
     */
    public SftpTestServer addUser(String name, PublicKey publicKey) {
        users.addKey(name, publicKey);
        return this;
    }

    /**
     * Removes a user while the server runs: from now on the user cannot log in, and every connection logged in as
     * that user is dropped before this returns (its {@code DISCONNECT} record says {@code user "NAME" was removed}),
     * so that the removal takes effect at once. Removing the last user leaves a server nobody can log in to (unless
     * {@code auth().allUsers().accept()}). {@link #reset()} puts back the users the server was built with.
     *
     * @param name the user name
     * @return true when the server had that user
     */
    public boolean removeUser(String name) {
        return users.remove(name, DISCONNECT_TIMEOUT);
    }

    // ---------------------------------------------------------------- events and settings

    /**
     * Adds a listener of the server's events (seed: the component's events); it sees connections and
     * requests that arrive from now on. Thread-safe; listeners are called in the order they were added.
     *
     * <pre>{@code
     * try (AutoCloseable registration = server.addListener(new SftpServerListener() {
     *     public void onFileRemove(FileRemoveEvent e) {
     *         if (e.beforeExec()) {
     *             e.setStatusCode(SftpStatus.PERMISSION_DENIED);
     *         }
     *     }
     * })) {
     *     // ... removes fail with PERMISSION_DENIED
     * }
     * }</pre>
     *
     * @param listener the listener
     * @return a handle whose {@code close()} removes the listener
     */
    public AutoCloseable addListener(SftpServerListener listener) {
        Objects.requireNonNull(listener, "listener");
        context.events().listeners().add(listener);
        return () -> removeListener(listener);
    }

    /**
     * Removes a listener added with {@link #addListener(SftpServerListener)} or
     * {@link Builder#listener(SftpServerListener)}.
     *
     * @param listener the listener
     * @return true when it was registered
     */
    public boolean removeListener(SftpServerListener listener) {
        return context.events().listeners().remove(listener);
    }

    /**
     * Reads or changes a setting by its seed name (seed: Config), case-insensitively:
     * {@code config("MaxConnections")} returns the current value, {@code config("MaxConnections=5")}
     * changes it while the server runs and returns the new value. Settings that only take effect when the
     * server is built (e.g. ProtocolVersion) are read-only here: set them with
     * {@link Builder#config(String)}. The supported names are listed in the README.
     *
     * @param setting {@code NAME} or {@code NAME=VALUE}
     * @return the (new) value
     * @throws IllegalArgumentException for an unknown name (the message lists the supported ones) or a bad
     *         value (the message names the expected form)
     * @throws IllegalStateException for a setting that cannot change after the server was built
     */
    public String config(String setting) {
        return SeedSettings.serverConfig(this, settings, context.events().settings(), setting);
    }

    /** Changes the banner shown before authentication while the server runs (seed: UserAuthBanner). */
    void applyUserAuthBanner(String banner) {
        context.events().settings().userAuthBanner(banner);
        mina.userAuthBanner(banner);
    }

    // ---------------------------------------------------------------- the state of the files

    /**
     * Returns the disk space: a capacity for the filesystem and quotas per user, which client writes run into.
     *
     * <pre>{@code
     * server.disk().capacity(64 * 1024);   // the next write beyond 64 KiB fails with NO_SPACE_ON_FILESYSTEM
     * }</pre>
     *
     * @return the disk space of this server (live, thread-safe)
     */
    public DiskSpace disk() {
        return disk;
    }

    /**
     * Returns the clock that stamps file times, which a test can stop, set and advance.
     *
     * <pre>{@code
     * server.clock().set(Instant.now().minus(Duration.ofHours(1)));
     * server.putFile("/in/stale.csv", "x\n");   // an hour old to every client
     * }</pre>
     *
     * @return the clock of this server (live, thread-safe)
     * @throws IllegalStateException for a real root directory or a virtual filesystem, whose times the server
     *         does not stamp
     */
    public ServerClock clock() {
        if (clock == null) {
            throw new IllegalStateException("this server serves a real directory, whose file times come from the "
                    + "operating system: the test clock needs the in-memory filesystem (drop rootDirectory(...))");
        }
        files.requireFileSystem();
        return clock;
    }

    /**
     * Returns Windows-like file locking: with it on, a file another party holds open cannot be opened for
     * writing, renamed or deleted.
     *
     * <pre>{@code
     * server.locks().enable();
     * }</pre>
     *
     * @return the locks of this server (live, thread-safe)
     */
    public FileLocks locks() {
        files.requireFileSystem();
        return locks;
    }

    /**
     * Starts describing a file that the server writes over time, as another party still uploading it would.
     *
     * <pre>{@code
     * GrowingFile export = server.growFile("/out/export.csv").size(1 << 20).bytesPerSecond(256 * 1024).start();
     * }</pre>
     *
     * @param path the client path; parent directories are created
     * @return the description; {@link GrowingFile.Builder#start()} starts the growth
     */
    public GrowingFile.Builder growFile(String path) {
        return new GrowingFile.Builder(ServerSetup.absolute(path, "growing file path"), path(path), fileState);
    }

    // ---------------------------------------------------------------- connections

    /**
     * Returns the open connections, oldest first.
     *
     * @return a snapshot
     */
    public List<SftpConnection> connections() {
        return context.connections().snapshot();
    }

    /**
     * Drops one connection at once (the client sees the connection closed).
     *
     * @param connectionId the id from {@link #connections()}
     * @return true when that connection was open
     */
    public boolean disconnect(long connectionId) {
        return context.connections().disconnect(connectionId, DISCONNECT_TIMEOUT);
    }

    /**
     * Drops every open connection.
     */
    public void disconnectAll() {
        for (SftpConnection connection : connections()) {
            disconnect(connection.id());
        }
    }

    /**
     * Starts a new key exchange on a connection (seed: ExchangeKeys).
     *
     * @param connectionId the id from {@link #connections()}
     * @return true when that connection was open
     */
    public boolean exchangeKeys(long connectionId) {
        return context.connections().exchangeKeys(connectionId);
    }

    /**
     * Closes the listening socket without dropping open connections; new connections are refused
     * until {@link #startListening()}. The port stays reserved for this server in spirit only: the
     * operating system may give it to someone else meanwhile.
     */
    public void stopListening() {
        lifecycle.stopListening();
    }

    /**
     * Listens again, on the same address and port, after {@link #stopListening()}.
     *
     * @throws UncheckedIOException when the port was taken meanwhile
     */
    public void startListening() {
        lifecycle.startListening();
    }

    /**
     * Returns whether the server accepts new connections.
     *
     * @return true while listening
     */
    public boolean isListening() {
        return lifecycle.isListening();
    }

    /**
     * Puts the server back into its built state while it keeps its port: drops all connections,
     * deletes all files (in-memory mode only; a real root directory is left alone) and re-creates
     * the files, directories and home directories the builder declared, listens again if it
     * had stopped listening, puts back the users it was built with (see {@link #addUser(String, String)}),
     * clears the {@link #recording()}, removes the listeners added with
     * {@link #addListener(SftpServerListener)} (the builder's stay), undoes settings changed with
     * {@link #config(String)}, and removes every fault rule ({@link #faults()}) and authentication script
     * ({@link #auth()}) (seed: Reset). What the builder set stays: its listeners, its
     * {@link Builder#faults(Consumer) fault rules} (re-created, with fresh counts) and its
     * {@link Builder#personality(Personality) personalities}. The state of the files returns to the built one: every
     * {@link GrowingFile} stops, the {@link #disk()} limits, the {@link #locks()} switch and the {@link #clock()} are
     * the builder's again, and the test's holds are released.
     */
    public void reset() {
        lifecycle.whileRunning(() -> {
            disconnectAll();
            applyBuiltFileState();
            if (inMemoryFileSystem != null && !settings.virtual()) {
                files.deleteAll();
            }
            files.seed(settings.files());
            startListening();
            users.restore(settings.accounts());
            context.events().listeners().retainAll(settings.listeners());
            context.events().settings().restoreFrom(settings.live());
            mina.userAuthBanner(context.events().settings().userAuthBanner());
            recording.clearAndForgetConnections();
            faults.clear();
            builtFaults.clear();
            applyBuiltFaults();
            auth.clear();
        });
    }

    /** (Re-)applies what the builder set for the files' state: limits, locking, the clock; no growth, no holds. */
    private void applyBuiltFileState() {
        locks.releaseTestHolds();
        fileState.restore(settings, context.connections());
    }

    /** (Re-)creates the rules given to {@link Builder#faults(Consumer)}, with fresh counts. */
    private void applyBuiltFaults() {
        builtFaultRules.forEach(rules -> rules.accept(builtFaults));
    }

    /**
     * Returns the personalities the builder gave this server, in the order they were given.
     *
     * @return the personalities, empty for a plain server
     */
    public List<Personality> personalities() {
        return personalities;
    }

    // ---------------------------------------------------------------- faults and scripted auth

    /**
     * Returns the fault rules: declarative failures of SFTP requests and of new connections.
     *
     * <pre>{@code
     * server.faults().on(SftpOperation.OPEN).nth(3).respond(Fault.status(SftpStatus.FAILURE));
     * server.faults().on(SftpOperation.WRITE).after().once().respond(Fault.status(SftpStatus.FAILURE));
     * server.faults().onConnection().once().respond(ConnectionFault.refuse());
     * }</pre>
     *
     * @return the rules of this server (live, thread-safe)
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Returns the scripted authentication outcomes: accept, reject, partial success, keyboard-interactive
     * prompts, a banner, attempt limits and delays, per user or for all users.
     *
     * <pre>{@code
     * server.auth().user("alice").requireMethods("publickey", "password");
     * }</pre>
     *
     * @return the scripts of this server (live, thread-safe)
     */
    public ScriptedAuth auth() {
        return auth;
    }

    /**
     * Returns the journal of every SFTP request, connection, authentication verdict and
     * disconnection this server saw since it started (or since {@link #reset()}).
     *
     * <pre>{@code
     * server.recording().awaitFile("/out/a.csv", Duration.ofSeconds(5));
     * server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)).size();
     * }</pre>
     *
     * @return the recording (live; each of its reads is a snapshot)
     * @throws IllegalStateException when the builder turned the recording off
     */
    public Recording recording() {
        if (!settings.recordingEnabled()) {
            throw new IllegalStateException("this server records nothing: it was built with .recording(false); "
                    + "remove that call to assert on requests");
        }
        return recording;
    }

    /**
     * Adds a listener called with every SFTP request once it was answered, on the connection's
     * thread (keep it quick; a slow listener slows the client down). Being called after the answer
     * went out, it may see a request after the client call that made it returned, and, after
     * {@link #reset()}, a last request of a connection from before the reset; {@link Recording#subscribe}
     * is called before the answer goes out and leaves those out.
     *
     * <pre>{@code
     * server.addRequestListener(request -> System.out.println(request.summary()));
     * }</pre>
     *
     * @param listener the listener
     * @return a handle whose {@code close()} removes the listener
     */
    public AutoCloseable addRequestListener(Consumer<RecordedRequest> listener) {
        Objects.requireNonNull(listener, "listener");
        context.requestListeners().add(listener);
        return () -> context.requestListeners().remove(listener);
    }

    /**
     * Stops listening, drops all connections and frees the in-memory filesystem (seed: Shutdown).
     * Idempotent; a server cannot be started again after it was closed.
     */
    @Override
    public void close() {
        lifecycle.close(this::release);
    }

    /** Frees what a stopped server holds once its connections are gone. */
    private void release() {
        faults.close();
        builtFaults.close();
        fileState.growth().close();
        if (inMemoryFileSystem != null) {
            try {
                inMemoryFileSystem.close();
            } catch (IOException e) {
                LOG.debug("closing the in-memory filesystem failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "SftpTestServer[" + lifecycle.describe() + "]";
    }

    /**
     * Configures a {@link SftpTestServer}. Every setting has a default that suits a test: a random port
     * on 127.0.0.1, an in-memory filesystem, cached Ed25519 and ECDSA P-256 host keys, SFTP versions 3 to 6, and user
     * {@value SftpTestServer#DEFAULT_USER} / {@value SftpTestServer#DEFAULT_PASSWORD} when no user is
     * named.
     *
     * <pre>{@code
     * SftpTestServer server = SftpTestServer.builder()
     *         .user("alice", "secret")
     *         .user("bob", bobsPublicKey)
     *         .homeDirectory("alice", "/home/alice")
     *         .restrictUserToHomeDir(true)
     *         .build();
     * }</pre>
     */
    public static final class Builder extends ServerSetup {
        private Builder() {
        }

        /**
         * Creates the server, not yet listening.
         *
         * @return the server
         * @throws IllegalStateException when a setting is inconsistent, e.g. a user has no password or key
         */
        public SftpTestServer build() {
            validate();
            return new SftpTestServer(this);
        }

        /**
         * Creates and starts the server.
         *
         * @return the running server
         */
        public SftpTestServer start() {
            return build().start();
        }
    }
}
