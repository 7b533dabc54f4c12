package io.sftptest.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.sftptest.server.internal.Algorithms;
import io.sftptest.server.internal.MinaServer;

/**
 * The SSH settings of {@link SftpTestServer.Builder}: where the server listens, how it identifies itself, its
 * host key, algorithms, authentication methods, timeouts and per-connection limits, each with its default and its
 * check. {@link ServerSetup} adds what the server serves; only the builder extends them, and their methods are
 * the builder's.
 */
abstract sealed class SshSetup permits ServerSetup {
    static {
        CryptoProviders.configure(); // before a key is parsed: MINA's KeyUtils reads the Ed25519 support once
    }

    String host = "127.0.0.1";
    int port;
    List<HostKey> hostKeys;
    int maxAuthAttempts = 20;
    int maxChannelsPerConnection;
    Duration idleTimeout = Duration.ofMinutes(10);
    Duration authTimeout = Duration.ofMinutes(2);
    Duration keepAliveInterval = Duration.ZERO;
    long rekeyBytesLimit;
    List<String> ciphers = Algorithms.DEFAULT_CIPHERS;
    List<String> macs;
    List<String> keyExchanges;
    List<String> signatures;
    boolean compression = true;
    boolean legacyAlgorithms;
    boolean strictKeyExchange = true;
    boolean tcpNoDelay = true;
    String serverVersion = "SftpTestServer";
    List<String> authMethods = List.of("password", "publickey");

    SshSetup() {
    }

    /** Returns this setup as the builder it is, for chaining. */
    final SftpTestServer.Builder self() {
        return (SftpTestServer.Builder) this;
    }

    /**
     * Sets the address to bind: {@code 127.0.0.1} by default; {@code ::1} for IPv6 loopback.
     *
     * @param host a host name or address literal
     * @return this builder
     */
    public SftpTestServer.Builder host(String host) {
        this.host = requireText(host, "host");
        return self();
    }

    /**
     * Sets the port; 0 (the default) picks a free port, known after {@link SftpTestServer#start()}.
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public SftpTestServer.Builder port(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range: use 0 (any free port) to 65535");
        }
        this.port = port;
        return self();
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
    public SftpTestServer.Builder hostKey(HostKey hostKey) {
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
    public SftpTestServer.Builder hostKeys(HostKey first, HostKey... more) {
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
        return self();
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
    public SftpTestServer.Builder maxChannelsPerConnection(int max) {
        this.maxChannelsPerConnection = nonNegative(max, "maxChannelsPerConnection");
        return self();
    }

    /**
     * Limits the authentication attempts per connection (seed: MaxAuthAttempts); default 20.
     *
     * @param max at least 1
     * @return this builder
     */
    public SftpTestServer.Builder maxAuthAttempts(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxAuthAttempts must be at least 1, was " + max);
        }
        this.maxAuthAttempts = max;
        return self();
    }

    /**
     * Closes connections idle for this long (seed: DefaultTimeout); default 10 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public SftpTestServer.Builder idleTimeout(Duration timeout) {
        this.idleTimeout = positive(timeout, "idleTimeout");
        return self();
    }

    /**
     * Closes connections that have not authenticated within this time; default 2 minutes.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public SftpTestServer.Builder authTimeout(Duration timeout) {
        this.authTimeout = positive(timeout, "authTimeout");
        return self();
    }

    /**
     * Sends SSH keep-alive messages at this interval (seed: SSHKeepAliveInterval); zero (the
     * default) sends none.
     *
     * @param interval zero or a positive duration
     * @return this builder
     */
    public SftpTestServer.Builder keepAliveInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval must not be negative, was " + interval);
        }
        this.keepAliveInterval = interval;
        return self();
    }

    /**
     * Re-exchanges keys after this many bytes (seed: KeyRenegotiationThreshold); 0 keeps MINA's
     * default (1 GiB).
     *
     * @param bytes the threshold
     * @return this builder
     */
    public SftpTestServer.Builder rekeyAfterBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("rekeyAfterBytes must not be negative, was " + bytes);
        }
        this.rekeyBytesLimit = bytes;
        return self();
    }

    /**
     * Sets the ciphers offered, in order of preference (seed: SSHEncryptionAlgorithms). Default:
     * AES-GCM, ChaCha20-Poly1305, AES-CTR.
     *
     * @param names SSH cipher names
     * @return this builder
     */
    public SftpTestServer.Builder ciphers(String... names) {
        this.ciphers = validated(names, Algorithms::ciphers);
        return self();
    }

    /**
     * Sets the MACs offered, in order of preference (seed: SSHMacAlgorithms). Default: MINA's
     * without {@code hmac-sha1} and {@code hmac-sha1-etm@openssh.com}; see
     * {@link #legacyAlgorithms(boolean)}.
     *
     * @param names SSH MAC names
     * @return this builder
     */
    public SftpTestServer.Builder macs(String... names) {
        this.macs = validated(names, Algorithms::macs);
        return self();
    }

    /**
     * Sets the key exchanges offered, in order of preference (seed: SSHKeyExchangeAlgorithms).
     * Default: MINA's, without the slow post-quantum hybrids.
     *
     * @param names SSH key exchange names
     * @return this builder
     */
    public SftpTestServer.Builder keyExchanges(String... names) {
        this.keyExchanges = validated(names, Algorithms::keyExchanges);
        return self();
    }

    /**
     * Sets the signature algorithms for the host key and for public key authentication (seed:
     * SSHPublicKeyAlgorithms). Default: MINA's without {@code ssh-rsa} (RSA with SHA-1); RSA keys
     * work through {@code rsa-sha2-256}/{@code rsa-sha2-512}. See {@link #legacyAlgorithms(boolean)}.
     *
     * @param names SSH signature names, e.g. {@code ssh-ed25519}, {@code rsa-sha2-512}
     * @return this builder
     */
    public SftpTestServer.Builder signatures(String... names) {
        this.signatures = validated(names, Algorithms::signatures);
        return self();
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
    public SftpTestServer.Builder legacyAlgorithms(boolean enabled) {
        this.legacyAlgorithms = enabled;
        return self();
    }

    /**
     * Allows zlib compression (seed: SSHCompressionAlgorithms); default true.
     *
     * @param enabled false to offer "none" only
     * @return this builder
     */
    public SftpTestServer.Builder compression(boolean enabled) {
        this.compression = enabled;
        return self();
    }

    /**
     * Offers strict key exchange, the Terrapin countermeasure (seed: UseStrictKeyExchange);
     * default true.
     *
     * @param strict false to behave like a server from before 2024
     * @return this builder
     */
    public SftpTestServer.Builder strictKeyExchange(boolean strict) {
        this.strictKeyExchange = strict;
        return self();
    }

    /**
     * Sets TCP_NODELAY on connections (seed: TcpNoDelay); default true, since Nagle's algorithm adds
     * about 40 ms to small SFTP request/response round trips.
     *
     * @param noDelay false to let the OS batch small writes
     * @return this builder
     */
    public SftpTestServer.Builder tcpNoDelay(boolean noDelay) {
        this.tcpNoDelay = noDelay;
        return self();
    }

    /**
     * Sets the software version in the SSH identification string (seed: ServerSSHVersionString);
     * the server sends {@code SSH-2.0-} followed by it.
     *
     * @param version e.g. {@code OpenSSH_9.6}
     * @return this builder
     */
    public SftpTestServer.Builder serverVersion(String version) {
        String text = requireText(version, "serverVersion");
        if (text.startsWith("SSH-")) {
            throw new IllegalArgumentException("serverVersion \"" + text + "\" must not start with \"SSH-\": "
                    + "give only the software version, e.g. \"OpenSSH_9.6\"");
        }
        this.serverVersion = text;
        return self();
    }

    /**
     * Sets the authentication methods offered, in order (seed: DefaultAuthMethods); default
     * {@code password, publickey}.
     *
     * @param methods any of {@code password}, {@code publickey}, {@code keyboard-interactive}
     * @return this builder
     */
    public SftpTestServer.Builder authMethods(String... methods) {
        List<String> list = List.of(methods);
        MinaServer.authFactories(list);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("authMethods is empty: name at least one of password, publickey, "
                    + "keyboard-interactive");
        }
        this.authMethods = list;
        return self();
    }

    static List<String> validated(String[] names, Function<List<String>, ?> check) {
        List<String> list = List.of(names);
        try {
            check.apply(list);
        } catch (IllegalArgumentException unsupported) {
            // Some algorithms (sntrup761, ML-KEM before Java 24, ...) are Bouncy Castle's, which is registered only
            // when something needs it: register it and check again (the message then lists what it adds too).
            if (!CryptoProviders.bouncyCastle()) {
                throw unsupported;
            }
            check.apply(list);
        }
        return list;
    }
    static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }
    static int nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative, was " + value);
        }
        return value;
    }
    static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
