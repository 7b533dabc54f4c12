package io.sftptest.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import io.sftptest.server.internal.Algorithms;
import io.sftptest.server.internal.DiskLimits;
import io.sftptest.server.internal.LiveSettings;
import io.sftptest.server.internal.MinaServer;
import io.sftptest.server.internal.ServerSettings;
import io.sftptest.server.internal.SftpQuirks;
import io.sftptest.server.internal.UserAccount;

/**
 * The settings of {@link SftpTestServer.Builder}, each with its default and its check: what the builder collects
 * until {@link SftpTestServer.Builder#build()} turns it into the immutable settings the server keeps. Only the
 * builder extends it; its methods are the builder's.
 */
abstract sealed class ServerSetup extends SshSetup permits SftpTestServer.Builder {
    private final Map<String, UserSpec> users = new LinkedHashMap<>();
    private boolean restrictUserToHomeDir;
    private Path rootDirectory;
    private int minVersion = 3;
    private int maxVersion = 6;
    private int maxOpenHandles;
    private int maxPacketSize = ServerSettings.DEFAULT_MAX_PACKET_SIZE;
    private final List<SftpServerListener> listeners = new ArrayList<>();
    private boolean virtual;
    private final LiveSettings live = new LiveSettings();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<SftpStatus, String> statusMessages = new EnumMap<>(SftpStatus.class);
    private int recordingLimit = Recording.DEFAULT_LIMIT;
    private boolean recordingEnabled = true;
    private final List<Personality> personalities = new ArrayList<>();
    private final List<Consumer<Faults>> faultRules = new ArrayList<>();
    private boolean caseInsensitive;
    private boolean noSuchPath;
    private boolean execRefused;
    private boolean appendIgnored;
    private final Set<String> disabledExtensions = new LinkedHashSet<>();
    private int maxReadLength;
    private SftpQuirks quirks = SftpQuirks.NONE;
    private long diskCapacity = DiskLimits.UNLIMITED;
    private final Map<String, Long> quotas = new LinkedHashMap<>();
    private boolean lockOpenFiles;
    private Clock clock;

    ServerSetup() {
    }

    /**
     * Adds a user with a password, or sets the password of a user added before.
     *
     * @param name the user name
     * @param password the password
     * @return this builder
     */
    public SftpTestServer.Builder user(String name, String password) {
        spec(name).password = Objects.requireNonNull(password, "password");
        return self();
    }

    /**
     * Adds a user who authenticates with a public key, or adds a key to a user added before.
     *
     * @param name the user name
     * @param publicKey the authorised key
     * @return this builder
     */
    public SftpTestServer.Builder user(String name, PublicKey publicKey) {
        spec(name).keys.add(Objects.requireNonNull(publicKey, "publicKey"));
        return self();
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
    public SftpTestServer.Builder user(String name, Path publicKeyFile) {
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
        return self();
    }

    /**
     * Adds a user who authenticates with the key in one {@code authorized_keys} line, e.g.
     * {@code "ssh-ed25519 AAAAC3Nz... bob@laptop"}.
     *
     * @param name the user name
     * @param authorizedKeysLine the line
     * @return this builder
     */
    public SftpTestServer.Builder userAuthorizedKey(String name, String authorizedKeysLine) {
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
        return self();
    }

    private static PublicKey resolve(AuthorizedKeyEntry entry, String name) {
        try {
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
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
    public SftpTestServer.Builder homeDirectory(String name, String directory) {
        spec(name).home = absolute(directory, "home directory");
        return self();
    }

    /**
     * Gives a user their own root (seed: UserRootDirectory): a directory below the server's root that
     * the user sees as "/" and cannot leave; created at start.
     *
     * @param name the user name
     * @param directory e.g. {@code /users/alice}
     * @return this builder
     */
    public SftpTestServer.Builder userRootDirectory(String name, String directory) {
        spec(name).root = absolute(directory, "root directory");
        return self();
    }

    /**
     * Confines every user to their home directory (seed: RestrictUserToHomeDir): paths keep their
     * full names (the client sees {@code /home/alice}), but any request outside the home directory,
     * through ".." or a symbolic link, answers PERMISSION_DENIED.
     *
     * @param restrict true to confine users (default false)
     * @return this builder
     */
    public SftpTestServer.Builder restrictUserToHomeDir(boolean restrict) {
        this.restrictUserToHomeDir = restrict;
        return self();
    }

    /**
     * Confines one user to their home directory; see {@link #restrictUserToHomeDir(boolean)}.
     *
     * @param name the user name
     * @return this builder
     */
    public SftpTestServer.Builder restrictUserToHomeDir(String name) {
        spec(name).restrict = true;
        return self();
    }

    /**
     * Serves a real directory instead of an in-memory filesystem (seed: RootDirectory). Clients
     * cannot leave it, through ".." or symbolic links.
     *
     * @param directory an existing directory
     * @return this builder
     */
    public SftpTestServer.Builder rootDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("root directory " + directory.toAbsolutePath()
                    + " does not exist or is not a directory: create it first");
        }
        this.rootDirectory = directory;
        return self();
    }

    /**
     * Adds a listener of the server's events (seed: the component's events); more can be added while
     * the server runs, see {@link SftpTestServer#addListener(SftpServerListener)}.
     *
     * @param listener the listener
     * @return this builder
     */
    public SftpTestServer.Builder listener(SftpServerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return self();
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
    public SftpTestServer.Builder virtualFileSystem() {
        this.virtual = true;
        return self();
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
    public SftpTestServer.Builder config(String setting) {
        SeedSettings.builderConfig(self(), setting);
        return self();
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
    public SftpTestServer.Builder protocolVersions(int min, int max) {
        if (min < 3 || max > 6 || min > max) {
            throw new IllegalArgumentException("protocol versions " + min + ".." + max
                    + " are invalid: SFTP versions are 3 to 6, and min must not exceed max");
        }
        this.minVersion = min;
        this.maxVersion = max;
        return self();
    }

    /**
     * Offers exactly one SFTP protocol version (seed: ProtocolVersion).
     *
     * @param version 3 to 6
     * @return this builder
     */
    public SftpTestServer.Builder protocolVersion(int version) {
        return protocolVersions(version, version);
    }

    /**
     * Limits the number of simultaneous connections (seed: MaxConnections); more are closed at
     * once. 0 (the default) means no limit.
     *
     * @param max the limit
     * @return this builder
     */
    public SftpTestServer.Builder maxConnections(int max) {
        live.maxConnections(nonNegative(max, "maxConnections"));
        return self();
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
    public SftpTestServer.Builder maxOpenHandles(int max) {
        this.maxOpenHandles = nonNegative(max, "maxOpenHandles");
        return self();
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
    public SftpTestServer.Builder maxPacketSize(int bytes) {
        if (bytes < ServerSettings.MIN_MAX_PACKET_SIZE || bytes > 2 * 1024 * 1024) {
            throw new IllegalArgumentException("maxPacketSize " + bytes + " is out of range: use "
                    + ServerSettings.MIN_MAX_PACKET_SIZE
                    + " (a 32 KiB write with its header) to 2097152 (the SSH channel window)");
        }
        this.maxPacketSize = bytes;
        return self();
    }

    /**
     * Declares a file the server holds when it starts and again after {@link SftpTestServer#reset()}.
     *
     * @param path the client path
     * @param content the bytes
     * @return this builder
     */
    public SftpTestServer.Builder file(String path, byte[] content) {
        files.put(absolute(path, "file path"), content.clone());
        return self();
    }

    /**
     * Declares a UTF-8 text file the server holds when it starts and after a reset.
     *
     * @param path the client path
     * @param content the text
     * @return this builder
     */
    public SftpTestServer.Builder file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Declares a directory the server holds when it starts and after a reset.
     *
     * @param path the client path
     * @return this builder
     */
    public SftpTestServer.Builder directory(String path) {
        files.put(absolute(path, "directory path"), null);
        return self();
    }

    /**
     * Gives the filesystem a capacity: a client write that would make the files hold more fails with
     * {@code NO_SPACE_ON_FILESYSTEM} ({@code FAILURE} for SFTP v3/v4 clients). See {@link DiskSpace}.
     *
     * @param bytes at least 0
     * @return this builder
     */
    public SftpTestServer.Builder diskCapacity(long bytes) {
        this.diskCapacity = DiskSpace.checkCapacity(bytes);
        return self();
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
    public SftpTestServer.Builder quota(String user, long bytes) {
        quotas.put(requireText(user, "quota user"), DiskSpace.checkQuota(user, bytes));
        return self();
    }

    /**
     * Locks files while they are open, as a Windows server does: a file another connection holds open cannot
     * be opened for writing, renamed or deleted ({@code LOCK_CONFLICT}, {@code FAILURE} for SFTP v3/v4
     * clients). See {@link FileLocks}.
     *
     * @param lock true to lock (default false, as a Unix server)
     * @return this builder
     */
    public SftpTestServer.Builder lockOpenFiles(boolean lock) {
        this.lockOpenFiles = lock;
        return self();
    }

    /**
     * Sets the clock that stamps file times, e.g. {@code Clock.fixed(instant, ZoneOffset.UTC)} or the clock the
     * code under test uses; default the system clock. The test can still stop, set and advance it through
     * {@link SftpTestServer#clock()}. Only for the in-memory filesystem.
     *
     * @param clock the clock
     * @return this builder
     */
    public SftpTestServer.Builder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Replaces the message text sent with a status code, whatever produced it (seed:
     * SFTPErrorMessage), e.g. "quota exceeded" for every FAILURE.
     *
     * @param status the status
     * @param message the text clients show
     * @return this builder
     */
    public SftpTestServer.Builder statusMessage(SftpStatus status, String message) {
        statusMessages.put(Objects.requireNonNull(status, "status"), Objects.requireNonNull(message, "message"));
        return self();
    }

    /**
     * Turns the recording off (it is on by default), e.g. for a long-running load where nobody
     * asserts on requests; {@link SftpTestServer#recording()} then throws. The benchmarks measure
     * what recording costs with this switch.
     *
     * @param enabled false to record nothing
     * @return this builder
     */
    public SftpTestServer.Builder recording(boolean enabled) {
        this.recordingEnabled = enabled;
        return self();
    }

    /**
     * Sets how many records the {@link SftpTestServer#recording()} keeps (default
     * {@value Recording#DEFAULT_LIMIT}); later records are dropped and the recording reports itself
     * truncated.
     *
     * @param limit at least 1
     * @return this builder
     */
    public SftpTestServer.Builder recordingLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("recordingLimit must be at least 1, was " + limit);
        }
        this.recordingLimit = limit;
        return self();
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
     * presets, and {@link Personality#of(String, String, Consumer)} for your own.
     *
     * @param personality a preset such as {@link Personality#NO_SETSTAT}, or your own; giving the same one
     *        twice has no further effect
     * @return this builder
     * @throws IllegalArgumentException when a personality already given sets the same setting
     *         differently (e.g. {@link Personality#SFTP_V3_ONLY} and {@link Personality#SFTP_V6_ONLY})
     */
    public SftpTestServer.Builder personality(Personality personality) {
        Objects.requireNonNull(personality, "personality");
        if (personalities.contains(personality)) {
            return self();
        }
        for (Personality given : personalities) {
            personality.checkCompatible(given);
        }
        personalities.add(personality);
        personality.applyTo(self());
        return self();
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
    public SftpTestServer.Builder faults(Consumer<Faults> rules) {
        faultRules.add(Objects.requireNonNull(rules, "rules"));
        return self();
    }

    private UserSpec spec(String name) {
        requireText(name, "user name");
        return users.computeIfAbsent(name, UserSpec::new);
    }

    private List<UserAccount> accounts() {
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
            accounts.add(new UserAccount(SftpTestServer.DEFAULT_USER, SftpTestServer.DEFAULT_PASSWORD, List.of(), null, null,
                    restrictUserToHomeDir));
        }
        return accounts;
    }

    static String absolute(String path, String what) {
        requireText(path, what);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException(what + " \"" + path + "\" must be absolute: write \"/" + path + "\"");
        }
        return path;
    }

    // ------------------------------------------------------------------ for the server, personalities and settings

    /** Produces the immutable settings the server keeps. */
    ServerSettings settings() {
        List<String> builtCiphers = ciphers;
        List<String> builtMacs = macs != null ? macs : Algorithms.defaultMacs();
        List<String> builtKeyExchanges = keyExchanges != null ? keyExchanges : Algorithms.defaultKeyExchanges();
        List<String> builtSignatures = signatures != null ? signatures : Algorithms.defaultSignatures();
        if (legacyAlgorithms) {
            builtCiphers = Algorithms.withLegacy(builtCiphers, Algorithms.LEGACY_CIPHERS);
            builtMacs = Algorithms.withLegacy(builtMacs, Algorithms.LEGACY_MACS);
            builtKeyExchanges = Algorithms.withLegacy(builtKeyExchanges, Algorithms.LEGACY_KEY_EXCHANGES);
            builtSignatures = Algorithms.withLegacy(builtSignatures, Algorithms.LEGACY_SIGNATURES);
        }
        LiveSettings builtLive = live.copy();
        List<HostKey> builtHostKeys = hostKeys != null ? hostKeys
                : List.of(HostKey.generateEd25519(), HostKey.generateEcdsaP256());
        return new ServerSettings(host, port, builtHostKeys, accounts(),
                restrictUserToHomeDir, rootDirectory, virtual, caseInsensitive, noSuchPath, execRefused, appendIgnored,
                files, minVersion, maxVersion,
                disabledExtensions, maxReadLength, quirks, statusMessages, authMethods, maxAuthAttempts,
                maxChannelsPerConnection, maxOpenHandles, maxPacketSize, idleTimeout, authTimeout, keepAliveInterval,
                rekeyBytesLimit, builtCiphers, builtMacs, builtKeyExchanges, builtSignatures, compression,
                strictKeyExchange, tcpNoDelay, serverVersion, listeners, builtLive, recordingEnabled, recordingLimit,
                diskCapacity, quotas, lockOpenFiles, clock != null ? clock : Clock.systemUTC());
    }

    /** Checks what only the whole configuration can tell. */
    void validate() {
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
            if (!users.containsKey(user) && !(users.isEmpty() && user.equals(SftpTestServer.DEFAULT_USER))) {
                throw new IllegalStateException("quota for user \"" + user + "\", who is not a user of this server "
                        + (users.isEmpty() ? "[" + SftpTestServer.DEFAULT_USER + "]" : users.keySet())
                        + ": add .user(\"" + user + "\", ...) or drop .quota(\"" + user + "\", ...)");
            }
        }
    }

    List<Personality> personalities() {
        return List.copyOf(personalities);
    }

    List<Consumer<Faults>> faultRules() {
        return List.copyOf(faultRules);
    }

    /** The settings a running server may change, as the builder sets them ({@code config("LogLevel=3")}). */
    LiveSettings live() {
        return live;
    }

    int minVersion() {
        return minVersion;
    }

    /** The host keys given to the builder, or null for the default ones. */
    List<HostKey> hostKeys() {
        return hostKeys;
    }

    /** Caps what one read returns (the small-reads personality). */
    void maxReadLength(int bytes) {
        this.maxReadLength = bytes;
    }

    /** Changes how the SFTP answers differ from MINA's (the personalities of real servers' quirks). */
    void quirks(UnaryOperator<SftpQuirks> change) {
        this.quirks = change.apply(quirks);
    }

    /** Folds the case of names in the in-memory filesystem (the case-insensitive personality). */
    void caseInsensitive() {
        this.caseInsensitive = true;
    }

    /** Answers {@code NO_SUCH_PATH} for a missing directory to v4+ clients (the no-such-path personality). */
    void noSuchPath() {
        this.noSuchPath = true;
    }

    /** Refuses exec and shell requests (the no-exec personality). */
    void refuseExec() {
        this.execRefused = true;
    }

    /** Writes each WRITE at its offset on a file opened to append (personality files of such servers). */
    void ignoreAppend() {
        this.appendIgnored = true;
    }

    /** Neither announces nor accepts an SFTP extension (the no-posix-rename personality). */
    void disableExtension(String name) {
        disabledExtensions.add(name);
    }

    private static final class UserSpec {
        private final String name;
        private String password;
        private final List<PublicKey> keys = new ArrayList<>();
        private String home;
        private String root;
        private boolean restrict;

        UserSpec(String name) {
            this.name = name;
        }
    }
}
