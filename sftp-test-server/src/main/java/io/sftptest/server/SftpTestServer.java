package io.sftptest.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sftptest.server.internal.Algorithms;
import io.sftptest.server.internal.DirectoryPermissions;
import io.sftptest.server.internal.DisconnectReasons;
import io.sftptest.server.internal.DiskLimits;
import io.sftptest.server.internal.EventHub;
import io.sftptest.server.internal.FileClock;
import io.sftptest.server.internal.FileState;
import io.sftptest.server.internal.ExecChannels;
import io.sftptest.server.internal.LiveSettings;
import io.sftptest.server.internal.InMemoryFileSystem;
import io.sftptest.server.internal.ObservedUserAuthFactory;
import io.sftptest.server.internal.ObservedUserAuthService;
import io.sftptest.server.internal.PathConfinement;
import io.sftptest.server.internal.ServerObserver;
import io.sftptest.server.internal.ServerContext;
import io.sftptest.server.internal.SessionEvents;
import io.sftptest.server.internal.TestSftpSubsystemFactory;
import io.sftptest.server.internal.TestSshServer;
import io.sftptest.server.internal.UserAccount;
import io.sftptest.server.internal.UserDirectory;
import io.sftptest.server.internal.UserFileSystemFactory;

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
public final class SftpTestServer implements AutoCloseable {
    /** The user created when a builder names no user. */
    public static final String DEFAULT_USER = "user";
    /** The password of {@link #DEFAULT_USER}. */
    public static final String DEFAULT_PASSWORD = "password";

    private static final Logger LOG = LoggerFactory.getLogger(SftpTestServer.class);
    // A client that does not answer SSH_MSG_DISCONNECT is cut off hard after this.
    private static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(5);

    private enum State { NEW, RUNNING, CLOSED }

    private final Builder settings;
    private final FileSystem inMemoryFileSystem;
    private final ServerContext context;
    private final TestSshServer sshd;
    private final Recording recording;
    private final Object lifecycle = new Object();
    private volatile State state = State.NEW;
    private volatile SocketAddress boundAddress;
    private volatile boolean listening;
    private final String builtUserAuthBanner;
    private final Faults faults = new Faults();
    private final Faults builtFaults = new Faults();
    private final ScriptedAuth auth;
    private final UserDirectory users;
    private final FileState fileState;
    private final DiskSpace disk;
    private final FileLocks locks;
    private final ServerClock clock;

    private SftpTestServer(Builder builder) {
        this.settings = builder.copy();
        FileClock fileClock = settings.rootDirectory == null
                ? new FileClock(settings.clock != null ? settings.clock : java.time.Clock.systemUTC()) : null;
        this.inMemoryFileSystem = settings.rootDirectory == null
                ? InMemoryFileSystem.create(settings.caseInsensitive, fileClock) : null;
        Path root = inMemoryFileSystem != null
                ? inMemoryFileSystem.getPath("/")
                : settings.rootDirectory.toAbsolutePath().normalize();
        EventHub events = new EventHub(settings.live.copy(), settings.virtual);
        events.listeners().addAll(settings.listeners);
        this.builtUserAuthBanner = settings.userAuthBanner;
        this.context = new ServerContext(root, events);
        context.setFaults(Faults.chain(faults, builtFaults));
        context.setDisabledExtensions(settings.disabledExtensions);
        context.setMaxReadLength(settings.maxReadLength);
        context.setNoSuchPath(settings.noSuchPath);
        applyBuiltFaults();
        this.auth = new ScriptedAuth(this, context, settings.authMethods);
        this.users = new UserDirectory(context, settings.restrictUserToHomeDir);
        users.restore(settings.accounts());
        this.fileState = new FileState(new DiskLimits(context), fileClock);
        context.setFileState(fileState);
        this.disk = new DiskSpace(fileState.disk(), context, this::requireFileSystem);
        this.locks = new FileLocks(fileState.openFiles(), this::path);
        this.clock = fileClock != null ? new ServerClock(fileClock) : null;
        applyBuiltFileState();
        context.statusMessages().putAll(settings.statusMessages);
        context.setProtocolVersions(settings.minVersion, settings.maxVersion);
        this.recording = new Recording(settings.recordingLimit);
        if (settings.recordingEnabled) {
            context.observers().add(new RecordingObserver(recording, context));
        }
        this.sshd = createSshServer();
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

    private TestSshServer createSshServer() {
        TestSshServer server = (TestSshServer) ServerBuilder.builder()
                .factory(TestSshServer::new)
                .cipherFactories(Algorithms.ciphers(settings.ciphers))
                .macFactories(Algorithms.macs(settings.macs))
                .keyExchangeFactories(Algorithms.keyExchanges(settings.keyExchanges))
                .signatureFactories(Algorithms.signatures(settings.signatures))
                .compressionFactories(Algorithms.compression(settings.compression))
                .fileSystemFactory(new UserFileSystemFactory(context))
                .build();
        // Named explicitly: MINA otherwise logs at INFO, on every start, that it picked NIO2 itself.
        server.setIoServiceFactoryFactory(new org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory());
        server.setHost(settings.host);
        server.setPort(settings.port);
        server.setStrictKeyExchange(settings.strictKeyExchange);
        server.setKeyPairProvider(KeyPairProvider.wrap(settings.hostKeys.stream().map(HostKey::keyPair).toList()));
        server.setPasswordAuthenticator((user, password, session) -> {
            UserAccount account = context.users().get(user);
            return account != null && account.passwordMatches(password);
        });
        server.setPublickeyAuthenticator((user, key, session) -> {
            UserAccount account = context.users().get(user);
            return account != null && account.keyMatches(key);
        });
        List<UserAuthFactory> auth = authFactories(settings.authMethods).stream()
                .map(factory -> (UserAuthFactory) new ObservedUserAuthFactory(factory, context))
                .collect(Collectors.toCollection(ArrayList::new));
        server.setUserAuthFactories(auth);
        server.setServiceFactories(List.of(ObservedUserAuthService.factory(context),
                org.apache.sshd.server.session.ServerConnectionServiceFactory.INSTANCE));
        server.setSubsystemFactories(List.of(new TestSftpSubsystemFactory(context)));
        ExecChannels.install(server, context, settings.execRefused);
        server.setSessionStart(new io.sftptest.server.internal.ConnectionFaultInjector(context));
        server.setKeyboardInteractiveAuthenticator(this.auth.keyboardInteractive());
        SessionEvents sessionEvents = new SessionEvents(context);
        server.addSessionListener(sessionEvents.gate());
        server.addSessionListener(context.connections());
        server.addSessionListener(sessionEvents);
        server.addSessionListener(
                new DisconnectReasons(settings.hostKeys, settings.signatures, context.events(), LOG));
        server.addChannelListener(sessionEvents);
        if (settings.userAuthBanner != null) {
            CoreModuleProperties.WELCOME_BANNER.set(server, settings.userAuthBanner);
        }

        CoreModuleProperties.TCP_NODELAY.set(server, settings.tcpNoDelay);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, settings.serverVersion);
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, settings.maxAuthAttempts);
        CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout);
        CoreModuleProperties.AUTH_TIMEOUT.set(server, settings.authTimeout);
        if (!settings.keepAliveInterval.isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(server, settings.keepAliveInterval);
        }
        if (settings.rekeyBytesLimit > 0) {
            CoreModuleProperties.REKEY_BYTES_LIMIT.set(server, settings.rekeyBytesLimit);
        }
        io.sftptest.server.internal.ServerLimits.apply(server, settings.maxChannelsPerConnection,
                settings.maxOpenHandles, settings.maxPacketSize);
        io.sftptest.server.internal.ServerLimits.readLength(server, settings.maxReadLength);
        return server;
    }

    private static List<UserAuthFactory> authFactories(List<String> methods) {
        List<UserAuthFactory> factories = new ArrayList<>();
        for (String method : methods) {
            switch (method) {
                case "password" -> factories.add(UserAuthPasswordFactory.INSTANCE);
                case "publickey" -> factories.add(UserAuthPublicKeyFactory.INSTANCE);
                case "keyboard-interactive" ->
                    factories.add(org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory.INSTANCE);
                default -> throw new IllegalArgumentException("unknown authentication method \"" + method
                        + "\": use password, publickey or keyboard-interactive");
            }
        }
        return factories;
    }

    /**
     * Starts listening. The port is known when this returns.
     *
     * @return this server
     * @throws IllegalStateException when the server was started before, or is closed
     * @throws UncheckedIOException when the address cannot be bound (e.g. the port is taken)
     */
    public SftpTestServer start() {
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                throw closed("");
            }
            if (state != State.NEW) {
                throw new IllegalStateException("the server is already running on " + uri()
                        + ": build a new server with SftpTestServer.builder()");
            }
            try {
                seedFiles();
                sshd.start();
            } catch (IOException e) {
                closeQuietly();
                throw new UncheckedIOException("cannot listen on " + settings.host + ":" + settings.port + ": "
                        + e.getMessage(), e);
            }
            boundAddress = sshd.getBoundAddresses().iterator().next();
            listening = true;
            state = State.RUNNING;
            LOG.debug("listening on {}", uri());
            io.sftptest.server.internal.StartupWarnings.log(boundAddress, LOG);
            return this;
        }
    }

    /**
     * Returns whether the server has been started and not yet closed.
     *
     * @return true while running
     */
    public boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Returns the port the server listens on.
     *
     * @return the port
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        return address().getPort();
    }

    /**
     * Returns the address the server listens on, as a literal that clients can connect to, e.g.
     * {@code 127.0.0.1} or {@code ::1}.
     *
     * @return the host
     */
    public String host() {
        return address().getAddress().getHostAddress();
    }

    /**
     * Returns the server's URI, {@code sftp://HOST:PORT/}.
     *
     * @return the URI
     */
    public URI uri() {
        return URI.create("sftp://" + hostForUri() + ":" + port() + "/");
    }

    /**
     * Returns the server's URI with a user, {@code sftp://USER@HOST:PORT/}.
     *
     * @param user the user name
     * @return the URI
     */
    public URI uri(String user) {
        return URI.create("sftp://" + user + "@" + hostForUri() + ":" + port() + "/");
    }

    private String hostForUri() {
        String host = host();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private InetSocketAddress address() {
        SocketAddress address = boundAddress;
        if (state == State.CLOSED) {
            throw closed(address == null ? "" : " (it listened on " + hostAndPort((InetSocketAddress) address) + ")");
        }
        if (address == null) {
            throw new IllegalStateException("the server has not been started: call start() first");
        }
        return (InetSocketAddress) address;
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** A closed server cannot start again, so its errors point to a new one rather than to start(). */
    private static IllegalStateException closed(String detail) {
        return new IllegalStateException("the server is closed" + detail + ": a closed server cannot be started"
                + " again; build a new one with SftpTestServer.builder()");
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
        return settings.hostKeys.get(0);
    }

    /**
     * Returns the host keys the server offers, in the order they were given: by default the JVM-wide Ed25519 and
     * ECDSA P-256 keys ({@link HostKey#generateEd25519()}, {@link HostKey#generateEcdsaP256()}); a client takes the
     * first of its own preferred algorithms that one of them has.
     *
     * @return the host keys, at least one
     */
    public List<HostKey> hostKeys() {
        return settings.hostKeys;
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
        return settings.hostKeys.stream().map(key -> key.knownHostsLine(host, port)).toList();
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

    void applyUserAuthBanner(String banner) {
        if (banner == null) {
            CoreModuleProperties.WELCOME_BANNER.remove(sshd);
        } else {
            CoreModuleProperties.WELCOME_BANNER.set(sshd, banner);
        }
        settings.userAuthBanner = banner;
    }

    // ---------------------------------------------------------------- files

    /**
     * Returns the {@code java.nio} filesystem the server serves: the Jimfs instance, or the default
     * filesystem in {@link Builder#rootDirectory(Path)} mode.
     *
     * @return the filesystem
     */
    public FileSystem fileSystem() {
        requireFileSystem();
        return context.serverRoot().getFileSystem();
    }

    /**
     * Returns the {@code java.nio} path behind a path as clients see it.
     *
     * @param path an absolute client path, e.g. {@code /in/a.csv}
     * @return the path in {@link #fileSystem()}
     * @throws IllegalArgumentException when the path leaves the root
     */
    public Path path(String path) {
        requireFileSystem();
        Objects.requireNonNull(path, "path");
        return PathConfinement.resolveInside(context.serverRoot(), path);
    }

    /**
     * Writes a file, creating its parent directories; replaces an existing file.
     *
     * @param path the client path
     * @param content the bytes
     * @return this server
     */
    public SftpTestServer putFile(String path, byte[] content) {
        Objects.requireNonNull(content, "content");
        return write(path, target -> Files.write(target, content));
    }

    /**
     * Writes a text file in UTF-8, creating its parent directories; replaces an existing file.
     *
     * @param path the client path
     * @param content the text
     * @return this server
     */
    public SftpTestServer putFile(String path, String content) {
        return putFile(path, content, StandardCharsets.UTF_8);
    }

    /**
     * Writes a text file, creating its parent directories; replaces an existing file.
     *
     * @param path the client path
     * @param content the text
     * @param charset the encoding
     * @return this server
     */
    public SftpTestServer putFile(String path, String content, Charset charset) {
        Objects.requireNonNull(content, "content");
        return putFile(path, content.getBytes(charset));
    }

    /**
     * Streams a file into the server (no copy held in memory), creating its parent directories; the
     * stream is read to its end but not closed.
     *
     * @param path the client path
     * @param content the data
     * @return this server
     */
    public SftpTestServer putFile(String path, InputStream content) {
        Objects.requireNonNull(content, "content");
        return write(path, target -> Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING));
    }

    /**
     * Copies a local file (any filesystem) into the server, creating parent directories.
     *
     * @param path the client path
     * @param source the file to copy
     * @return this server
     */
    public SftpTestServer putFile(String path, Path source) {
        Objects.requireNonNull(source, "source");
        return write(path, target -> {
            try (InputStream in = Files.newInputStream(source)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    private SftpTestServer write(String path, IoAction action) {
        Path target = path(path);
        try {
            Path parent = target.getParent();
            if (parent != null) {
                DirectoryPermissions.createDirectories(parent);
            }
            action.run(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write \"" + path + "\": " + e, e);
        }
        return this;
    }

    /**
     * Creates a directory and its missing parents.
     *
     * @param path the client path
     * @return this server
     */
    public SftpTestServer createDirectory(String path) {
        Path target = path(path);
        try {
            DirectoryPermissions.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory \"" + path + "\": " + e, e);
        }
        return this;
    }

    /**
     * Returns a file's bytes.
     *
     * @param path the client path
     * @return the content
     * @throws UncheckedIOException wrapping {@link NoSuchFileException} when there is no such file
     */
    public byte[] fileContent(String path) {
        Path target = path(path);
        try {
            return Files.readAllBytes(target);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no file \"" + path + "\" on the server; it has " + describeNear(path), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read \"" + path + "\": " + e, e);
        }
    }

    /**
     * Returns a text file's content.
     *
     * @param path the client path
     * @param charset the encoding
     * @return the text
     */
    public String fileContent(String path, Charset charset) {
        return new String(fileContent(path), charset);
    }

    /**
     * Opens a file for streaming (large files need not fit in a byte array).
     *
     * @param path the client path
     * @return a stream the caller closes
     */
    public InputStream openFile(String path) {
        Path target = path(path);
        try {
            return Files.newInputStream(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read \"" + path + "\": " + e, e);
        }
    }

    /**
     * Returns whether a file, directory or link exists (links are not followed).
     *
     * @param path the client path
     * @return true when it exists
     */
    public boolean exists(String path) {
        return Files.exists(path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns whether a regular file exists.
     *
     * @param path the client path
     * @return true for a regular file
     */
    public boolean isFile(String path) {
        return Files.isRegularFile(path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns whether a directory exists.
     *
     * @param path the client path
     * @return true for a directory
     */
    public boolean isDirectory(String path) {
        return Files.isDirectory(path(path), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Returns the names in a directory, sorted.
     *
     * @param directory the client path of a directory
     * @return the entry names (not paths)
     */
    public List<String> list(String directory) {
        try (Stream<Path> entries = Files.list(path(directory))) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list \"" + directory + "\": " + e, e);
        }
    }

    /**
     * Returns the client paths of every file (not directory) below a directory, sorted.
     *
     * @param directory the client path to start from, e.g. "/"
     * @return absolute client paths
     */
    public List<String> listFilesRecursively(String directory) {
        Path start = path(directory);
        Path root = context.serverRoot();
        try (Stream<Path> entries = Files.walk(start)) {
            return entries.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> "/" + root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list \"" + directory + "\": " + e, e);
        }
    }

    /**
     * Deletes a file, a link or a directory with everything below it; does nothing when absent.
     *
     * @param path the client path
     * @return this server
     */
    public SftpTestServer delete(String path) {
        Path target = path(path);
        if (target.equals(context.serverRoot())) {
            deleteAllFiles();
            return this;
        }
        deleteTree(target, true);
        return this;
    }

    /**
     * Deletes everything below the root "/", leaving an empty root.
     *
     * @return this server
     */
    public SftpTestServer deleteAllFiles() {
        requireFileSystem();
        deleteTree(context.serverRoot(), false);
        return this;
    }

    private static void deleteTree(Path top, boolean includingTop) {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(top)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path p : paths) {
                if (includingTop || !p.equals(top)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete \"" + top + "\": " + e, e);
        }
    }

    private String describeNear(String path) {
        String parent = path.contains("/") ? path.substring(0, Math.max(1, path.lastIndexOf('/'))) : "/";
        try {
            if (isDirectory(parent)) {
                return "in \"" + parent + "\": " + list(parent);
            }
            return "no directory \"" + parent + "\" either";
        } catch (RuntimeException e) {
            return "nothing readable there";
        }
    }

    private void requireFileSystem() {
        if (state == State.CLOSED) {
            throw closed(inMemoryFileSystem != null
                    ? ", and its in-memory files went with it: read them before close()"
                    : "; its files are still in " + settings.rootDirectory.toAbsolutePath());
        }
        if (settings.virtual) {
            throw new IllegalStateException("this server has no filesystem (virtual mode): its listeners serve "
                    + "every file; drop .virtualFileSystem() from the builder to use the file helpers");
        }
    }

    private void seedFiles() throws IOException {
        if (settings.virtual) {
            return;
        }
        DirectoryPermissions.applyDefault(context.serverRoot());
        for (Map.Entry<String, byte[]> file : settings.files.entrySet()) {
            if (file.getValue() == null) {
                DirectoryPermissions.createDirectories(path(file.getKey()));
            } else {
                putFile(file.getKey(), file.getValue());
            }
        }
        for (UserAccount account : context.users().values()) {
            Path userRoot = context.userRoot(account);
            DirectoryPermissions.createDirectories(userRoot);
            if (account.homeDirectory() != null) {
                DirectoryPermissions.createDirectories(PathConfinement.resolveInside(userRoot,
                        account.homeDirectory()));
            }
        }
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
        requireFileSystem();
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
        requireFileSystem();
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
        return new GrowingFile.Builder(Builder.absolute(path, "growing file path"), path(path), fileState);
    }

    /** (Re-)applies what the builder set for the files' state: limits, locking, the clock; no growth, no holds. */
    private void applyBuiltFileState() {
        fileState.growth().stopAll();
        fileState.disk().restore(settings.diskCapacity, settings.quotas);
        locks.releaseTestHolds();
        // the files of connections the reset dropped: MINA closes their handles soon, the next test must not wait
        fileState.openFiles().releaseAll(owner -> owner instanceof Long id && context.connections().session(id) == null);
        fileState.openFiles().setLocking(settings.lockOpenFiles);
        if (fileState.clock() != null) {
            fileState.clock().reset();
        }
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
        Session session = context.connections().session(connectionId);
        if (session == null) {
            return false;
        }
        try {
            session.reExchangeKeys();
        } catch (IOException e) {
            throw new UncheckedIOException("key re-exchange on connection " + connectionId + " failed: " + e, e);
        }
        return true;
    }

    /**
     * Closes the listening socket without dropping open connections; new connections are refused
     * until {@link #startListening()}. The port stays reserved for this server in spirit only: the
     * operating system may give it to someone else meanwhile.
     */
    public void stopListening() {
        synchronized (lifecycle) {
            requireRunning();
            if (listening) {
                sshd.unbind(boundAddress);
                listening = false;
            }
        }
    }

    /**
     * Listens again, on the same address and port, after {@link #stopListening()}.
     *
     * @throws UncheckedIOException when the port was taken meanwhile
     */
    public void startListening() {
        synchronized (lifecycle) {
            requireRunning();
            if (!listening) {
                try {
                    sshd.rebind(boundAddress);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot listen on " + boundAddress + " again: " + e, e);
                }
                listening = true;
            }
        }
    }

    /**
     * Returns whether the server accepts new connections.
     *
     * @return true while listening
     */
    public boolean isListening() {
        return state == State.RUNNING && listening;
    }

    private void requireRunning() {
        if (state == State.CLOSED) {
            throw closed("");
        }
        if (state != State.RUNNING) {
            throw new IllegalStateException("the server has not been started: call start() first");
        }
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
     * {@link Builder#faults(java.util.function.Consumer) fault rules} (re-created, with fresh counts) and its
     * {@link Builder#personality(Personality) personalities}. The state of the files returns to the built one: every
     * {@link GrowingFile} stops, the {@link #disk()} limits, the {@link #locks()} switch and the {@link #clock()} are
     * the builder's again, and the test's holds are released.
     */
    public void reset() {
        synchronized (lifecycle) {
            requireRunning();
            disconnectAll();
            applyBuiltFileState();
            if (inMemoryFileSystem != null && !settings.virtual) {
                deleteAllFiles();
            }
            try {
                seedFiles();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot re-create the built files: " + e, e);
            }
            startListening();
            users.restore(settings.accounts());
            context.events().listeners().retainAll(settings.listeners);
            context.events().settings().restoreFrom(settings.live);
            applyUserAuthBanner(builtUserAuthBanner);
            recording.clearAndForgetConnections();
            faults.clear();
            builtFaults.clear();
            applyBuiltFaults();
            auth.clear();
        }
    }

    /** (Re-)creates the rules given to {@link Builder#faults(java.util.function.Consumer)}, with fresh counts. */
    private void applyBuiltFaults() {
        for (java.util.function.Consumer<Faults> rules : settings.faultRules) {
            rules.accept(builtFaults);
        }
    }

    /**
     * Returns the personalities the builder gave this server, in the order they were given.
     *
     * @return the personalities, empty for a plain server
     */
    public List<Personality> personalities() {
        return List.copyOf(settings.personalities);
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
        if (!settings.recordingEnabled) {
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
    public AutoCloseable addRequestListener(java.util.function.Consumer<RecordedRequest> listener) {
        Objects.requireNonNull(listener, "listener");
        ServerObserver observer = new ServerObserver() {
            @Override
            public void requestCompleted(io.sftptest.server.internal.RequestInfo request) {
                listener.accept(request.toRecord());
            }
        };
        context.observers().add(observer);
        return () -> context.observers().remove(observer);
    }

    /**
     * Stops listening, drops all connections and frees the in-memory filesystem (seed: Shutdown).
     * Idempotent; a server cannot be started again after it was closed.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            closeQuietly();
        }
    }

    private void closeQuietly() {
        // Connections first, rules after: a request held by a hang or delay then wakes to a closed connection
        // and is cut off; releasing the rules first would let it run and be answered while the server closes.
        try {
            sshd.stop(true);
        } catch (IOException | RuntimeException e) {
            LOG.debug("stopping the SSH server failed", e);
        }
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
        listening = false;
    }

    @Override
    public String toString() {
        return "SftpTestServer[" + (state == State.RUNNING ? uri().toString() : state.name().toLowerCase(
                java.util.Locale.ROOT)) + "]";
    }

    @FunctionalInterface
    private interface IoAction {
        void run(Path target) throws IOException;
    }

    // ---------------------------------------------------------------- builder

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
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        final Map<String, UserSpec> users = new LinkedHashMap<>();
        boolean restrictUserToHomeDir;
        Path rootDirectory;
        List<HostKey> hostKeys;
        int minVersion = 3;
        int maxVersion = 6;
        int maxConnections;
        int maxAuthAttempts = 20;
        private int maxChannelsPerConnection;
        private int maxOpenHandles;
        private int maxPacketSize = io.sftptest.server.internal.SftpPacketLimit.DEFAULT_MAX_PACKET_SIZE;
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration authTimeout = Duration.ofMinutes(2);
        Duration keepAliveInterval = Duration.ZERO;
        long rekeyBytesLimit;
        List<String> ciphers = Algorithms.DEFAULT_CIPHERS;
        List<String> macs;
        List<String> keyExchanges;
        List<String> signatures;
        boolean compression = true;
        private boolean legacyAlgorithms;
        boolean strictKeyExchange = true;
        final List<SftpServerListener> listeners = new ArrayList<>();
        boolean virtual;
        LiveSettings live = new LiveSettings();
        String userAuthBanner;
        boolean tcpNoDelay = true;
        String serverVersion = "SftpTestServer";
        private List<String> authMethods = List.of("password", "publickey");
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Map<SftpStatus, String> statusMessages = new EnumMap<>(SftpStatus.class);
        private int recordingLimit = Recording.DEFAULT_LIMIT;
        private boolean recordingEnabled = true;
        final List<Personality> personalities = new ArrayList<>();
        final List<java.util.function.Consumer<Faults>> faultRules = new ArrayList<>();
        boolean caseInsensitive;
        boolean execRefused;
        final java.util.Set<String> disabledExtensions = new java.util.LinkedHashSet<>();
        int maxReadLength;
        long diskCapacity = DiskLimits.UNLIMITED;
        final Map<String, Long> quotas = new LinkedHashMap<>();
        boolean lockOpenFiles;
        java.time.Clock clock;
        boolean noSuchPath;

        private Builder() {
        }

        /**
         * Sets the address to bind: {@code 127.0.0.1} by default; {@code ::1} for IPv6 loopback.
         *
         * @param host a host name or address literal
         * @return this builder
         */
        public Builder host(String host) {
            this.host = requireText(host, "host");
            return this;
        }

        /**
         * Sets the port; 0 (the default) picks a free port, known after {@link SftpTestServer#start()}.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is out of range: use 0 (any free port) to 65535");
            }
            this.port = port;
            return this;
        }

        /**
         * Adds a user with a password, or sets the password of a user added before.
         *
         * @param name the user name
         * @param password the password
         * @return this builder
         */
        public Builder user(String name, String password) {
            spec(name).password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Adds a user who authenticates with a public key, or adds a key to a user added before.
         *
         * @param name the user name
         * @param publicKey the authorised key
         * @return this builder
         */
        public Builder user(String name, PublicKey publicKey) {
            spec(name).keys.add(Objects.requireNonNull(publicKey, "publicKey"));
            return this;
        }

        /**
         * Adds a user who authenticates with the public keys in a file: an OpenSSH {@code .pub} file or
         * an {@code authorized_keys} file (one key per line).
         *
         * @param name the user name
         * @param publicKeyFile the file
         * @return this builder
         * @throws IllegalArgumentException when the file holds no readable key
         */
        public Builder user(String name, Path publicKeyFile) {
            Objects.requireNonNull(publicKeyFile, "publicKeyFile");
            List<AuthorizedKeyEntry> entries;
            try {
                entries = AuthorizedKeyEntry.readAuthorizedKeys(publicKeyFile);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read public keys of user \"" + name + "\" from "
                        + publicKeyFile + ": " + e.getMessage() + " (expected an OpenSSH .pub or authorized_keys file)",
                        e);
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("no public key in " + publicKeyFile + " for user \"" + name
                        + "\": expected lines like \"ssh-ed25519 AAAA... comment\"");
            }
            for (AuthorizedKeyEntry entry : entries) {
                spec(name).keys.add(resolve(entry, name));
            }
            return this;
        }

        /**
         * Adds a user who authenticates with the key in one {@code authorized_keys} line, e.g.
         * {@code "ssh-ed25519 AAAAC3Nz... bob@laptop"}.
         *
         * @param name the user name
         * @param authorizedKeysLine the line
         * @return this builder
         */
        public Builder userAuthorizedKey(String name, String authorizedKeysLine) {
            AuthorizedKeyEntry entry;
            try {
                entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(requireText(authorizedKeysLine,
                        "authorizedKeysLine"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot parse the authorized_keys line of user \"" + name + "\": "
                        + e.getMessage() + " (expected \"ssh-ed25519 AAAA... comment\")", e);
            }
            if (entry == null) {
                throw new IllegalArgumentException("the authorized_keys line of user \"" + name
                        + "\" holds no key: expected \"ssh-ed25519 AAAA... comment\"");
            }
            spec(name).keys.add(resolve(entry, name));
            return this;
        }

        private static PublicKey resolve(AuthorizedKeyEntry entry, String name) {
            try {
                return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("cannot decode the " + entry.getKeyType() + " key of user \""
                        + name + "\": " + e.getMessage(), e);
            }
        }

        /**
         * Sets a user's initial directory (seed: HomeDir), an absolute path within the user's root;
         * created at start. Without {@link #restrictUserToHomeDir(boolean)} the user may still leave it.
         *
         * @param name the user name
         * @param directory e.g. {@code /home/alice}
         * @return this builder
         */
        public Builder homeDirectory(String name, String directory) {
            spec(name).home = absolute(directory, "home directory");
            return this;
        }

        /**
         * Gives a user their own root (seed: UserRootDirectory): a directory below the server's root that
         * the user sees as "/" and cannot leave; created at start.
         *
         * @param name the user name
         * @param directory e.g. {@code /users/alice}
         * @return this builder
         */
        public Builder userRootDirectory(String name, String directory) {
            spec(name).root = absolute(directory, "root directory");
            return this;
        }

        /**
         * Confines every user to their home directory (seed: RestrictUserToHomeDir): paths keep their
         * full names (the client sees {@code /home/alice}), but any request outside the home directory,
         * through ".." or a symbolic link, answers PERMISSION_DENIED.
         *
         * @param restrict true to confine users (default false)
         * @return this builder
         */
        public Builder restrictUserToHomeDir(boolean restrict) {
            this.restrictUserToHomeDir = restrict;
            return this;
        }

        /**
         * Confines one user to their home directory; see {@link #restrictUserToHomeDir(boolean)}.
         *
         * @param name the user name
         * @return this builder
         */
        public Builder restrictUserToHomeDir(String name) {
            spec(name).restrict = true;
            return this;
        }

        /**
         * Serves a real directory instead of an in-memory filesystem (seed: RootDirectory). Clients
         * cannot leave it, through ".." or symbolic links.
         *
         * @param directory an existing directory
         * @return this builder
         */
        public Builder rootDirectory(Path directory) {
            Objects.requireNonNull(directory, "directory");
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("root directory " + directory.toAbsolutePath()
                        + " does not exist or is not a directory: create it first");
            }
            this.rootDirectory = directory;
            return this;
        }

        /**
         * Sets the server's only host key (seed: SSHCert): it offers exactly this key, so a client that
         * cannot use its algorithm fails the key exchange (the server logs why and how to fix it). By default a
         * server offers two keys, see {@link #hostKeys(HostKey, HostKey...)}.
         *
         * <pre>{@code
         * builder.hostKey(HostKey.fromFile(Path.of("src/test/resources/ssh_host_ed25519_key")))
         * }</pre>
         *
         * @param hostKey the key
         * @return this builder
         */
        public Builder hostKey(HostKey hostKey) {
            return hostKeys(Objects.requireNonNull(hostKey, "hostKey"));
        }

        /**
         * Sets the host keys the server offers, exactly these, one per algorithm: a client takes the first of its
         * own preferred algorithms that one of them has. By default the JVM-wide {@link HostKey#generateEd25519()}
         * and {@link HostKey#generateEcdsaP256()} (for clients without Ed25519, such as {@code com.jcraft:jsch}
         * 0.1.55).
         *
         * <pre>{@code
         * builder.hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256(), HostKey.generate("ssh-rsa"))
         * }</pre>
         *
         * @param first the preferred key
         * @param more further keys
         * @return this builder
         * @throws IllegalArgumentException when two keys have the same algorithm (a client would only ever be shown
         *         the first)
         */
        public Builder hostKeys(HostKey first, HostKey... more) {
            List<HostKey> keys = new ArrayList<>();
            keys.add(Objects.requireNonNull(first, "first"));
            for (HostKey key : more) {
                HostKey checked = Objects.requireNonNull(key, "host key");
                for (HostKey earlier : keys) {
                    if (earlier.algorithm().equals(checked.algorithm())) {
                        throw new IllegalArgumentException("two " + checked.algorithm() + " host keys (" + earlier
                                + ", " + checked + "): a server shows a client one key per algorithm; keep one");
                    }
                }
                keys.add(checked);
            }
            this.hostKeys = List.copyOf(keys);
            return this;
        }

        /**
         * Adds a listener of the server's events (seed: the component's events); more can be added while
         * the server runs, see {@link SftpTestServer#addListener(SftpServerListener)}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(SftpServerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Runs without a filesystem (seed: RootDirectory unset): listeners serve every file-system request.
         * A {@link io.sftptest.server.event.DirListEvent} supplies listings
         * ({@code setFileList}), a {@link io.sftptest.server.event.FileReadEvent} file content
         * ({@code setData}, nothing set: end of file), a {@link io.sftptest.server.event.FileWriteEvent}
         * receives uploads ({@code data()}), a {@link io.sftptest.server.event.GetAttributesEvent} answers
         * STAT ({@code setAttributes}, nothing set: NO_SUCH_FILE); REALPATH answers the normalised path,
         * OPEN a generated handle, and MKDIR, RMDIR, REMOVE, RENAME and SETSTAT succeed, unless a listener
         * sets a status. Links and most extensions answer OP_UNSUPPORTED. The server's file helpers
         * ({@code putFile}, {@code fileContent}, ...) throw {@link IllegalStateException}.
         *
         * <pre>{@code
         * SftpTestServer server = SftpTestServer.builder().virtualFileSystem()
         *         .listener(new SftpServerListener() {
         *             public void onFileRead(FileReadEvent e) {
         *                 if (e.beforeExec() && e.offset() == 0) {
         *                     e.setData("hello".getBytes(StandardCharsets.UTF_8));
         *                 }
         *             }
         *         })
         *         .start();
         * }</pre>
         *
         * @return this builder
         */
        public Builder virtualFileSystem() {
            this.virtual = true;
            return this;
        }

        /**
         * Applies a setting by its seed name (seed: Config), case-insensitively, e.g.
         * {@code config("MaxAuthAttempts=3")}, {@code config("SSHMacAlgorithms=hmac-sha2-256")},
         * {@code config("UserRootDirectory[alice]=/users/alice")}. The supported names, their meaning and
         * defaults are listed in the README.
         *
         * @param setting {@code NAME=VALUE}
         * @return this builder
         * @throws IllegalArgumentException for an unknown name (the message lists the supported ones) or a
         *         bad value (the message names the expected form)
         */
        public Builder config(String setting) {
            SeedSettings.builderConfig(this, setting);
            return this;
        }

        /**
         * Restricts the SFTP protocol versions offered (seed: ProtocolVersion; default 3 to 6). A client that asks
         * for more gets {@code max}; one that asks for less than {@code min} is refused: it gets a status naming the
         * versions offered, and the connection is closed with the same reason (clients such as curl's libssh2
         * would otherwise wait for a version reply until their timeout).
         *
         * <p>Most clients speak v3 only (OpenSSH {@code sftp}, curl, rclone, paramiko, JSch, sshj), as does
         * OpenSSH's server. lftp and MINA's {@code SftpClient} ask for v6, so against the default they get v6
         * status codes ({@code FILE_ALREADY_EXISTS} for a rename onto an existing name, {@code DIR_NOT_EMPTY}) that
         * an OpenSSH server never sends them; {@code protocolVersions(3, 3)} or {@link Personality#SFTP_V3_ONLY}
         * shows them what they see against OpenSSH. A missing directory answers {@code NO_SUCH_FILE} at every
         * version, as most v4–v6 servers answer; {@link Personality#NO_SUCH_PATH} answers {@code NO_SUCH_PATH}.
         *
         * @param min the lowest version, 3 to 6
         * @param max the highest version, {@code min} to 6
         * @return this builder
         */
        public Builder protocolVersions(int min, int max) {
            if (min < 3 || max > 6 || min > max) {
                throw new IllegalArgumentException("protocol versions " + min + ".." + max
                        + " are invalid: SFTP versions are 3 to 6, and min must not exceed max");
            }
            this.minVersion = min;
            this.maxVersion = max;
            return this;
        }

        /**
         * Offers exactly one SFTP protocol version (seed: ProtocolVersion).
         *
         * @param version 3 to 6
         * @return this builder
         */
        public Builder protocolVersion(int version) {
            return protocolVersions(version, version);
        }

        /**
         * Limits the number of simultaneous connections (seed: MaxConnections); more are closed at
         * once. 0 (the default) means no limit.
         *
         * @param max the limit
         * @return this builder
         */
        public Builder maxConnections(int max) {
            this.maxConnections = nonNegative(max, "maxConnections");
            return this;
        }

        /**
         * Limits the channels open at once on one connection (an SFTP session is one channel; OpenSSH
         * calls these "sessions" in {@code MaxSessions}). A client that opens one more gets
         * {@code SSH_MSG_CHANNEL_OPEN_FAILURE}; its other channels and the connection go on. 0 (the
         * default) means no limit.
         *
         * @param max the limit
         * @return this builder
         */
        public Builder maxChannelsPerConnection(int max) {
            this.maxChannelsPerConnection = nonNegative(max, "maxChannelsPerConnection");
            return this;
        }

        /**
         * Limits the file and directory handles open at once in one SFTP session. An open beyond it is
         * answered with {@code SSH_FX_NO_SPACE_ON_FILESYSTEM} (SFTP v5 and later) or {@code SSH_FX_FAILURE}
         * (v3, v4), message "Too many open handles"; closing a handle makes room again. 0 (the default)
         * means no limit.
         *
         * @param max the limit
         * @return this builder
         */
        public Builder maxOpenHandles(int max) {
            this.maxOpenHandles = nonNegative(max, "maxOpenHandles");
            return this;
        }

        /**
         * Sets the largest SFTP request, in bytes including its length field's payload, that the server
         * reads; default 1 MiB, more than any client sends (MINA answers writes of more than 256 KiB of
         * data with a FAILURE status). A request that declares more, or fewer than 5 bytes, closes the
         * SFTP channel at once, as OpenSSH's sftp-server does: buffering it could not end well, since
         * MINA returns channel window only for complete requests.
         *
         * @param bytes from 34816 to 2097152 (the channel window)
         * @return this builder
         */
        public Builder maxPacketSize(int bytes) {
            if (bytes < io.sftptest.server.internal.SftpPacketLimit.MIN_MAX_PACKET_SIZE || bytes > 2 * 1024 * 1024) {
                throw new IllegalArgumentException("maxPacketSize " + bytes + " is out of range: use "
                        + io.sftptest.server.internal.SftpPacketLimit.MIN_MAX_PACKET_SIZE
                        + " (a 32 KiB write with its header) to 2097152 (the SSH channel window)");
            }
            this.maxPacketSize = bytes;
            return this;
        }

        /**
         * Limits the authentication attempts per connection (seed: MaxAuthAttempts); default 20.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxAuthAttempts(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxAuthAttempts must be at least 1, was " + max);
            }
            this.maxAuthAttempts = max;
            return this;
        }

        /**
         * Closes connections idle for this long (seed: DefaultTimeout); default 10 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * Closes connections that have not authenticated within this time; default 2 minutes.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder authTimeout(Duration timeout) {
            this.authTimeout = positive(timeout, "authTimeout");
            return this;
        }

        /**
         * Sends SSH keep-alive messages at this interval (seed: SSHKeepAliveInterval); zero (the
         * default) sends none.
         *
         * @param interval zero or a positive duration
         * @return this builder
         */
        public Builder keepAliveInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("keepAliveInterval must not be negative, was " + interval);
            }
            this.keepAliveInterval = interval;
            return this;
        }

        /**
         * Re-exchanges keys after this many bytes (seed: KeyRenegotiationThreshold); 0 keeps MINA's
         * default (1 GiB).
         *
         * @param bytes the threshold
         * @return this builder
         */
        public Builder rekeyAfterBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("rekeyAfterBytes must not be negative, was " + bytes);
            }
            this.rekeyBytesLimit = bytes;
            return this;
        }

        /**
         * Sets the ciphers offered, in order of preference (seed: SSHEncryptionAlgorithms). Default:
         * AES-GCM, ChaCha20-Poly1305, AES-CTR.
         *
         * @param names SSH cipher names
         * @return this builder
         */
        public Builder ciphers(String... names) {
            this.ciphers = validated(names, Algorithms::ciphers);
            return this;
        }

        /**
         * Sets the MACs offered, in order of preference (seed: SSHMacAlgorithms). Default: MINA's
         * without {@code hmac-sha1} and {@code hmac-sha1-etm@openssh.com}; see
         * {@link #legacyAlgorithms(boolean)}.
         *
         * @param names SSH MAC names
         * @return this builder
         */
        public Builder macs(String... names) {
            this.macs = validated(names, Algorithms::macs);
            return this;
        }

        /**
         * Sets the key exchanges offered, in order of preference (seed: SSHKeyExchangeAlgorithms).
         * Default: MINA's, without the slow post-quantum hybrids.
         *
         * @param names SSH key exchange names
         * @return this builder
         */
        public Builder keyExchanges(String... names) {
            this.keyExchanges = validated(names, Algorithms::keyExchanges);
            return this;
        }

        /**
         * Sets the signature algorithms for the host key and for public key authentication (seed:
         * SSHPublicKeyAlgorithms). Default: MINA's without {@code ssh-rsa} (RSA with SHA-1); RSA keys
         * work through {@code rsa-sha2-256}/{@code rsa-sha2-512}. See {@link #legacyAlgorithms(boolean)}.
         *
         * @param names SSH signature names, e.g. {@code ssh-ed25519}, {@code rsa-sha2-512}
         * @return this builder
         */
        public Builder signatures(String... names) {
            this.signatures = validated(names, Algorithms::signatures);
            return this;
        }

        /**
         * Also offers the weak algorithms that the defaults leave out, for old clients that need them:
         * {@code ssh-rsa} and {@code ssh-dss} signatures (SHA-1), {@code hmac-sha1} MACs, SHA-1 and
         * 1024-bit Diffie-Hellman key exchanges and AES-CBC ciphers. They are appended, least preferred,
         * to the lists in effect (the defaults or those set with {@link #signatures(String...)},
         * {@link #macs(String...)}, {@link #keyExchanges(String...)} and {@link #ciphers(String...)}),
         * so a modern client still negotiates a strong algorithm. To offer only some of them, name them
         * in those setters instead, e.g. for a client that signs with RSA/SHA-1 only:
         *
         * <pre>{@code
         * builder.signatures("ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
         * }</pre>
         *
         * @param enabled true to offer the legacy algorithms too (default false)
         * @return this builder
         */
        public Builder legacyAlgorithms(boolean enabled) {
            this.legacyAlgorithms = enabled;
            return this;
        }

        /**
         * Allows zlib compression (seed: SSHCompressionAlgorithms); default true.
         *
         * @param enabled false to offer "none" only
         * @return this builder
         */
        public Builder compression(boolean enabled) {
            this.compression = enabled;
            return this;
        }

        /**
         * Offers strict key exchange, the Terrapin countermeasure (seed: UseStrictKeyExchange);
         * default true.
         *
         * @param strict false to behave like a server from before 2024
         * @return this builder
         */
        public Builder strictKeyExchange(boolean strict) {
            this.strictKeyExchange = strict;
            return this;
        }

        /**
         * Sets TCP_NODELAY on connections (seed: TcpNoDelay); default true, since Nagle's algorithm adds
         * about 40 ms to small SFTP request/response round trips.
         *
         * @param noDelay false to let the OS batch small writes
         * @return this builder
         */
        public Builder tcpNoDelay(boolean noDelay) {
            this.tcpNoDelay = noDelay;
            return this;
        }

        /**
         * Sets the software version in the SSH identification string (seed: ServerSSHVersionString);
         * the server sends {@code SSH-2.0-} followed by it.
         *
         * @param version e.g. {@code OpenSSH_9.6}
         * @return this builder
         */
        public Builder serverVersion(String version) {
            String text = requireText(version, "serverVersion");
            if (text.startsWith("SSH-")) {
                throw new IllegalArgumentException("serverVersion \"" + text + "\" must not start with \"SSH-\": "
                        + "give only the software version, e.g. \"OpenSSH_9.6\"");
            }
            this.serverVersion = text;
            return this;
        }

        /**
         * Sets the authentication methods offered, in order (seed: DefaultAuthMethods); default
         * {@code password, publickey}.
         *
         * @param methods any of {@code password}, {@code publickey}, {@code keyboard-interactive}
         * @return this builder
         */
        public Builder authMethods(String... methods) {
            List<String> list = List.of(methods);
            authFactories(list);
            if (list.isEmpty()) {
                throw new IllegalArgumentException("authMethods is empty: name at least one of password, publickey, "
                        + "keyboard-interactive");
            }
            this.authMethods = list;
            return this;
        }

        /**
         * Declares a file the server holds when it starts and again after {@link SftpTestServer#reset()}.
         *
         * @param path the client path
         * @param content the bytes
         * @return this builder
         */
        public Builder file(String path, byte[] content) {
            files.put(absolute(path, "file path"), content.clone());
            return this;
        }

        /**
         * Declares a UTF-8 text file the server holds when it starts and after a reset.
         *
         * @param path the client path
         * @param content the text
         * @return this builder
         */
        public Builder file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Declares a directory the server holds when it starts and after a reset.
         *
         * @param path the client path
         * @return this builder
         */
        public Builder directory(String path) {
            files.put(absolute(path, "directory path"), null);
            return this;
        }

        /**
         * Replaces the message text sent with a status code, whatever produced it (seed:
         * SFTPErrorMessage), e.g. "quota exceeded" for every FAILURE.
         *
         * @param status the status
         * @param message the text clients show
         * @return this builder
         */
        public Builder statusMessage(SftpStatus status, String message) {
            statusMessages.put(Objects.requireNonNull(status, "status"), Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Turns the recording off (it is on by default), e.g. for a long-running load where nobody
         * asserts on requests; {@link SftpTestServer#recording()} then throws. The benchmarks measure
         * what recording costs with this switch.
         *
         * @param enabled false to record nothing
         * @return this builder
         */
        public Builder recording(boolean enabled) {
            this.recordingEnabled = enabled;
            return this;
        }

        /**
         * Sets how many records the {@link SftpTestServer#recording()} keeps (default
         * {@value Recording#DEFAULT_LIMIT}); later records are dropped and the recording reports itself
         * truncated.
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder recordingLimit(int limit) {
            if (limit < 1) {
                throw new IllegalArgumentException("recordingLimit must be at least 1, was " + limit);
            }
            this.recordingLimit = limit;
            return this;
        }

        /**
         * Makes the server behave like a kind of real SFTP server that client code meets in production: one that
         * refuses attribute changes, a write-only drop box, a server that never overwrites, an SFTP v3-only
         * server, legacy crypto, short reads, case-insensitive names, a slow link. Personalities compose: each
         * call adds one, on top of the settings made so far; settings made after it override the personality's.
         *
         * <pre>{@code
         * SftpTestServer.builder()
         *         .personality(Personality.NO_SETSTAT)
         *         .personality(Personality.SFTP_V3_ONLY)
         *         .start();
         * }</pre>
         *
         * <p>What a personality sets survives {@link SftpTestServer#reset()}. See {@link Personality} for the
         * presets, and {@link Personality#of(String, String, java.util.function.Consumer)} for your own.
         *
         * @param personality a preset such as {@link Personality#NO_SETSTAT}, or your own; giving the same one
         *        twice has no further effect
         * @return this builder
         * @throws IllegalArgumentException when a personality already given sets the same setting
         *         differently (e.g. {@link Personality#SFTP_V3_ONLY} and {@link Personality#SFTP_V6_ONLY})
         */
        public Builder personality(Personality personality) {
            Objects.requireNonNull(personality, "personality");
            if (personalities.contains(personality)) {
                return this;
            }
            for (Personality given : personalities) {
                personality.checkCompatible(given);
            }
            personalities.add(personality);
            personality.applyTo(this);
            return this;
        }

        /**
         * Adds fault rules that belong to the server rather than to one test: they are created when the server is
         * built, and again (with fresh counts) by {@link SftpTestServer#reset()}, which removes the rules added
         * through {@link SftpTestServer#faults()}. They are not listed in {@code server.faults().rules()}; a
         * request meets the rules of {@code server.faults()} first, and these only when none of those fired.
         *
         * <pre>{@code
         * SftpTestServer.builder()
         *         .faults(rules -> rules.on(SftpOperation.READ).respond(Fault.shortRead(16 * 1024)))
         *         .start();
         * }</pre>
         *
         * @param rules adds rules to the {@link Faults} it is given; called once per build and per reset
         * @return this builder
         */
        public Builder faults(java.util.function.Consumer<Faults> rules) {
            faultRules.add(Objects.requireNonNull(rules, "rules"));
            return this;
        }

        /**
         * Gives the filesystem a capacity: a client write that would make the files hold more fails with
         * {@code NO_SPACE_ON_FILESYSTEM} ({@code FAILURE} for SFTP v3/v4 clients). See {@link DiskSpace}.
         *
         * @param bytes at least 0
         * @return this builder
         */
        public Builder diskCapacity(long bytes) {
            this.diskCapacity = DiskSpace.checkCapacity(bytes);
            return this;
        }

        /**
         * Gives a user a quota: a client write that would make the files below the user's home directory (their
         * root when they have none) hold more fails with {@code QUOTA_EXCEEDED} ({@code FAILURE} for SFTP v3/v4
         * clients). See {@link DiskSpace}.
         *
         * @param user a user of this server (checked when the server is built)
         * @param bytes at least 0
         * @return this builder
         */
        public Builder quota(String user, long bytes) {
            quotas.put(requireText(user, "quota user"), DiskSpace.checkQuota(user, bytes));
            return this;
        }

        /**
         * Locks files while they are open, as a Windows server does: a file another connection holds open cannot
         * be opened for writing, renamed or deleted ({@code LOCK_CONFLICT}, {@code FAILURE} for SFTP v3/v4
         * clients). See {@link FileLocks}.
         *
         * @param lock true to lock (default false, as a Unix server)
         * @return this builder
         */
        public Builder lockOpenFiles(boolean lock) {
            this.lockOpenFiles = lock;
            return this;
        }

        /**
         * Sets the clock that stamps file times, e.g. {@code Clock.fixed(instant, ZoneOffset.UTC)} or the clock the
         * code under test uses; default the system clock. The test can still stop, set and advance it through
         * {@link SftpTestServer#clock()}. Only for the in-memory filesystem.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(java.time.Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Leaves an extension out of the version packet and answers its requests OP_UNSUPPORTED (personalities). */
        void disableExtension(String name) {
            disabledExtensions.add(name);
        }

        /** Sets the banner verbatim, trailing newline and all (personality files; the setting trims its value). */
        void userAuthBanner(String text) {
            this.userAuthBanner = text;
        }

        /**
         * Creates the server, not yet listening.
         *
         * @return the server
         * @throws IllegalStateException when a setting is inconsistent, e.g. a user has no password or key
         */
        public SftpTestServer build() {
            if (caseInsensitive && (rootDirectory != null || virtual)) {
                throw new IllegalStateException("personality " + Personality.CASE_INSENSITIVE.name() + " folds the "
                        + "case of names in the in-memory filesystem: drop "
                        + (virtual ? ".virtualFileSystem()" : ".rootDirectory(" + rootDirectory + ")")
                        + ", or drop the personality");
            }
            checkFileState();
            if (virtual && (rootDirectory != null || !files.isEmpty())) {
                throw new IllegalStateException("virtualFileSystem() serves no files of its own: drop "
                        + (rootDirectory != null ? ".rootDirectory(" + rootDirectory + ")" : ".file(...)/.directory(...)")
                        + ", or drop .virtualFileSystem()");
            }
            return new SftpTestServer(this);
        }

        private void checkFileState() {
            boolean clockSet = clock != null;
            if (clockSet && rootDirectory != null) {
                throw new IllegalStateException("clock(...) stamps the times of the in-memory filesystem, but a real "
                        + "root directory (" + rootDirectory + ") gets its file times from the operating system: drop "
                        + ".clock(...) or .rootDirectory(...)");
            }
            if (virtual && (clockSet || diskCapacity != DiskLimits.UNLIMITED || !quotas.isEmpty() || lockOpenFiles)) {
                throw new IllegalStateException("virtualFileSystem() has no files for a clock, disk limits or locks: "
                        + "drop .clock(...), .diskCapacity(...), .quota(...) and .lockOpenFiles(true), or drop "
                        + ".virtualFileSystem()");
            }
            for (String user : quotas.keySet()) {
                if (!users.containsKey(user) && !(users.isEmpty() && user.equals(DEFAULT_USER))) {
                    throw new IllegalStateException("quota for user \"" + user + "\", who is not a user of this server "
                            + (users.isEmpty() ? "[" + DEFAULT_USER + "]" : users.keySet()) + ": add .user(\"" + user
                            + "\", ...) or drop .quota(\"" + user + "\", ...)");
                }
            }
        }

        /**
         * Creates and starts the server.
         *
         * @return the running server
         */
        public SftpTestServer start() {
            return build().start();
        }

        private UserSpec spec(String name) {
            requireText(name, "user name");
            return users.computeIfAbsent(name, UserSpec::new);
        }

        List<UserAccount> accounts() {
            List<UserAccount> accounts = new ArrayList<>();
            for (UserSpec spec : users.values()) {
                if (spec.password == null && spec.keys.isEmpty()) {
                    throw new IllegalStateException("user \"" + spec.name + "\" has no password or key: call .user(\""
                            + spec.name + "\", \"secret\") or .user(\"" + spec.name + "\", publicKey)");
                }
                accounts.add(new UserAccount(spec.name, spec.password, spec.keys, spec.home, spec.root,
                        spec.restrict || restrictUserToHomeDir));
            }
            if (accounts.isEmpty()) {
                accounts.add(new UserAccount(DEFAULT_USER, DEFAULT_PASSWORD, List.of(), null, null,
                        restrictUserToHomeDir));
            }
            return accounts;
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.host = host;
            copy.port = port;
            users.forEach((name, spec) -> copy.users.put(name, spec.copy()));
            copy.restrictUserToHomeDir = restrictUserToHomeDir;
            copy.rootDirectory = rootDirectory;
            copy.hostKeys = hostKeys != null ? hostKeys
                    : List.of(HostKey.generateEd25519(), HostKey.generateEcdsaP256());
            copy.minVersion = minVersion;
            copy.maxVersion = maxVersion;
            copy.maxConnections = maxConnections;
            copy.maxAuthAttempts = maxAuthAttempts;
            copy.maxChannelsPerConnection = maxChannelsPerConnection;
            copy.maxOpenHandles = maxOpenHandles;
            copy.maxPacketSize = maxPacketSize;
            copy.idleTimeout = idleTimeout;
            copy.authTimeout = authTimeout;
            copy.keepAliveInterval = keepAliveInterval;
            copy.rekeyBytesLimit = rekeyBytesLimit;
            copy.ciphers = ciphers;
            copy.macs = macs != null ? macs : Algorithms.defaultMacs();
            copy.keyExchanges = keyExchanges != null ? keyExchanges : Algorithms.defaultKeyExchanges();
            copy.signatures = signatures != null ? signatures : Algorithms.defaultSignatures();
            if (legacyAlgorithms) {
                copy.ciphers = Algorithms.withLegacy(copy.ciphers, Algorithms.LEGACY_CIPHERS);
                copy.macs = Algorithms.withLegacy(copy.macs, Algorithms.LEGACY_MACS);
                copy.keyExchanges = Algorithms.withLegacy(copy.keyExchanges, Algorithms.LEGACY_KEY_EXCHANGES);
                copy.signatures = Algorithms.withLegacy(copy.signatures, Algorithms.LEGACY_SIGNATURES);
            }
            copy.legacyAlgorithms = legacyAlgorithms;
            copy.compression = compression;
            copy.strictKeyExchange = strictKeyExchange;
            copy.listeners.addAll(listeners);
            copy.virtual = virtual;
            copy.live = live.copy();
            copy.live.maxConnections(maxConnections);
            copy.userAuthBanner = userAuthBanner;
            copy.tcpNoDelay = tcpNoDelay;
            copy.serverVersion = serverVersion;
            copy.authMethods = authMethods;
            copy.files.putAll(files);
            copy.statusMessages.putAll(statusMessages);
            copy.recordingLimit = recordingLimit;
            copy.recordingEnabled = recordingEnabled;
            copy.personalities.addAll(personalities);
            copy.faultRules.addAll(faultRules);
            copy.caseInsensitive = caseInsensitive;
            copy.execRefused = execRefused;
            copy.maxReadLength = maxReadLength;
            copy.noSuchPath = noSuchPath;
            copy.disabledExtensions.addAll(disabledExtensions);
            copy.diskCapacity = diskCapacity;
            copy.quotas.putAll(quotas);
            copy.lockOpenFiles = lockOpenFiles;
            copy.clock = clock;
            return copy;
        }

        private static List<String> validated(String[] names, java.util.function.Function<List<String>, ?> check) {
            List<String> list = List.of(names);
            check.apply(list);
            return list;
        }

        static String absolute(String path, String what) {
            requireText(path, what);
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException(what + " \"" + path + "\" must be absolute: write \"/" + path + "\"");
            }
            return path;
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }

        private static int nonNegative(int value, String what) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must not be negative, was " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + value);
            }
            return value;
        }
    }

    static final class UserSpec {
        private final String name;
        private String password;
        private final List<PublicKey> keys = new ArrayList<>();
        private String home;
        String root;
        boolean restrict;

        UserSpec(String name) {
            this.name = name;
        }

        UserSpec copy() {
            UserSpec copy = new UserSpec(name);
            copy.password = password;
            copy.keys.addAll(keys);
            copy.home = home;
            copy.root = root;
            copy.restrict = restrict;
            return copy;
        }
    }
}
