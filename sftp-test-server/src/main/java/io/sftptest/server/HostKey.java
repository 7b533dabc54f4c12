package io.sftptest.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;


import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.loader.KeyPairResourceParser;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.putty.PuttyKeyUtils;

/**
 * The SSH host key of a test server: a key pair plus what clients need to trust it (fingerprint, public key line,
 * {@code known_hosts} line).
 *
 * <pre>{@code
 * HostKey key = HostKey.generateEd25519();              // cached per JVM, so per-test servers stay fast
 * HostKey ecdsa = HostKey.generateEcdsaP256();           // the other default key, for clients without Ed25519
 * HostKey fromFile = HostKey.fromFile(Path.of("src/test/resources/host.ppk"), "secret");
 * String line = key.knownHostsLine("127.0.0.1", server.port()); // "[127.0.0.1]:41234 ssh-ed25519 AAAA..."
 * key.fingerprint();                                     // "SHA256:..." as ssh-keygen -lf prints it
 * }</pre>
 *
 * <p>
 * Supported key files (the format is detected from the content, not from the file name):
 * OpenSSH ({@code -----BEGIN OPENSSH PRIVATE KEY-----}, also with a passphrase), PEM PKCS#1 and SEC1
 * ({@code -----BEGIN RSA PRIVATE KEY-----}, {@code -----BEGIN EC PRIVATE KEY-----}, also encrypted the OpenSSL way),
 * PEM PKCS#8 ({@code -----BEGIN PRIVATE KEY-----} and {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}), PuTTY
 * {@code .ppk} versions 2 and 3 (also with a passphrase), and PKCS#12 ({@code .p12}/{@code .pfx}) and JKS keystores.
 * Key algorithms: Ed25519, ECDSA (nistp256/384/521) and RSA.
 *
 * <p>
 * Errors: every factory method throws {@link IllegalArgumentException} when it cannot produce a key from what it
 * was given (missing file, wrong or missing password, unknown format, keystore without a private key, unknown
 * alias, unsupported algorithm). The message names the file, what is wrong and how to fix it; the checked exception
 * behind it, if any, is the cause. Instances are immutable and thread-safe; {@link #toString()} never shows private
 * key material.
 */
public final class HostKey {

    /** The algorithms {@link #generate(String)} accepts, in order of preference. */
    public static final List<String> GENERATED_ALGORITHMS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa");

    private static final String ECDSA_P256 = "ecdsa-sha2-nistp256";
    private static final int RSA_BITS = 2048;
    private static final int ECDSA_BITS = 256;

    private static final String SUPPORTED_FORMATS = "supported formats: OpenSSH (-----BEGIN OPENSSH PRIVATE KEY-----),"
            + " PEM PKCS#1/SEC1 (-----BEGIN RSA PRIVATE KEY-----, -----BEGIN EC PRIVATE KEY-----),"
            + " PEM PKCS#8 (-----BEGIN PRIVATE KEY-----, -----BEGIN ENCRYPTED PRIVATE KEY-----),"
            + " PuTTY .ppk v2/v3, PKCS#12 (.p12/.pfx) and JKS keystores";

    static {
        CryptoProviders.configure(); // before MINA's KeyUtils reads which Ed25519 support there is
    }

    private final KeyPair keyPair;
    private final String algorithm;
    private final String fingerprint;
    private final String publicKeyLine;

    private HostKey(KeyPair keyPair, String algorithm) {
        this.keyPair = keyPair;
        this.algorithm = algorithm;
        // Computed once, also to fail here rather than later: MINA returns an error text as the "fingerprint" of a
        // key it cannot encode, and throws from PublicKeyEntry.toString for it.
        this.publicKeyLine = PublicKeyEntry.toString(keyPair.getPublic());
        this.fingerprint = KeyUtils.getFingerPrint(keyPair.getPublic());
        if (!fingerprint.startsWith("SHA256:")) {
            throw new IllegalArgumentException("host key " + algorithm + " has no SSH fingerprint: " + fingerprint);
        }
    }

    /**
     * MINA's PEM + OpenSSH parsers and the PuTTY parser, tried in that order; with Bouncy Castle registered first, for
     * encrypted PEM files. Made on the first key file, so that servers with generated keys never load Bouncy Castle.
     */
    private static final class TextKeyParser {
        static final KeyPairResourceParser INSTANCE = create();

        private static KeyPairResourceParser create() {
            CryptoProviders.bouncyCastle();
            return KeyPairResourceParser.aggregate(SecurityUtils.getKeyPairResourceParser(),
                    PuttyKeyUtils.DEFAULT_INSTANCE);
        }
    }

    /** Lazy holder: the JVM initialises it once, on first use, without locks on later calls. */
    private static final class CachedEd25519 {
        static final HostKey INSTANCE = generateEd25519Fresh();
    }

    /** Lazy holder of the JVM-wide ECDSA P-256 key, apart from the Ed25519 one so that each costs only when used. */
    private static final class CachedEcdsaP256 {
        static final HostKey INSTANCE = generate(ECDSA_P256);
    }

    // ---------------------------------------------------------------- generated keys

    /**
     * The Ed25519 host key shared by the whole JVM: generated on the first call, then the same instance on every
     * call, from any thread. Servers that don't care which key they have should use this one, so that starting a
     * server per test costs no key generation.
     *
     * <pre>{@code
     * SftpTestServer.builder().hostKey(HostKey.generateEd25519())
     * }</pre>
     *
     * @return the JVM-wide Ed25519 host key
     */
    public static HostKey generateEd25519() {
        return CachedEd25519.INSTANCE;
    }

    /**
     * The ECDSA P-256 ({@code ecdsa-sha2-nistp256}) host key shared by the whole JVM: generated on the first call, then
     * the same instance on every call. A server whose builder names no host key offers it beside
     * {@link #generateEd25519()}: clients that know no Ed25519, such as {@code com.jcraft:jsch} 0.1.55, use it.
     * Generated with the JDK's own provider.
     *
     * <pre>{@code
     * SftpTestServer.builder().hostKey(HostKey.generateEcdsaP256())   // this key only
     * }</pre>
     *
     * @return the JVM-wide ECDSA P-256 host key
     */
    public static HostKey generateEcdsaP256() {
        return CachedEcdsaP256.INSTANCE;
    }

    /**
     * A new Ed25519 host key on every call, for tests that need distinct keys (for example, a client that must
     * notice a changed host key).
     *
     * @return a newly generated Ed25519 host key
     */
    public static HostKey generateEd25519Fresh() {
        return generate(KeyPairProvider.SSH_ED25519);
    }

    /**
     * A new host key of the given SSH algorithm: {@code "ssh-ed25519"}, {@code "ecdsa-sha2-nistp256"} or
     * {@code "ssh-rsa"} (RSA 2048 bits; RSA generation takes about a tenth of a second).
     *
     * <pre>{@code
     * HostKey rsa = HostKey.generate("ssh-rsa");
     * }</pre>
     *
     * @param algorithm the SSH name of the key algorithm, one of {@link #GENERATED_ALGORITHMS}
     * @return a newly generated host key
     * @throws IllegalArgumentException if the algorithm is not one of {@link #GENERATED_ALGORITHMS}
     */
    public static HostKey generate(String algorithm) {
        int bits = switch (String.valueOf(algorithm)) {
            case "ssh-ed25519" -> ECDSA_BITS; // ignored: Ed25519 has one size
            case ECDSA_P256 -> ECDSA_BITS;
            case "ssh-rsa" -> RSA_BITS;
            default -> throw new IllegalArgumentException("host key algorithm \"" + algorithm
                    + "\" cannot be generated: use one of " + GENERATED_ALGORITHMS);
        };
        try {
            if ("ssh-ed25519".equals(algorithm)) {
                // The JDK's Ed25519, not MINA's generator (Bouncy Castle's when it is registered): see CryptoProviders.
                return new HostKey(CryptoProviders.forMina(CryptoProviders.generateEd25519()), algorithm);
            }
            if (ECDSA_P256.equals(algorithm)) {
                // The JDK's provider, not MINA's choice (Bouncy Castle when present): no Bouncy Castle set-up on the
                // way to a default server's first start.
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return new HostKey(generator.generateKeyPair(), algorithm);
            }
            return new HostKey(KeyUtils.generateKeyPair(algorithm, bits), algorithm);
        } catch (GeneralSecurityException e) {
            // Only possible if the JVM lacks the algorithm (Ed25519 needs Java 15 or later, which Java 17 is).
            throw new IllegalStateException("this JVM cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- existing keys

    /**
     * A host key made of an existing key pair, for example one a test built with
     * {@link java.security.KeyPairGenerator}. The two halves are checked to belong together (one signature).
     *
     * <pre>{@code
     * HostKey key = HostKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
     * }</pre>
     *
     * @param keyPair an Ed25519, ECDSA or RSA key pair with both halves present
     * @return the host key
     * @throws IllegalArgumentException if a half is missing or they don't match, or SSH has no name for the key's
     *         algorithm
     */
    public static HostKey of(KeyPair keyPair) {
        Objects.requireNonNull(keyPair, "keyPair");
        if (keyPair.getPublic() == null || keyPair.getPrivate() == null) {
            throw new IllegalArgumentException("host key pair needs both a public and a private key, but "
                    + (keyPair.getPublic() == null ? "the public" : "the private") + " key is null");
        }
        KeyPair usable = toMinaKeys(keyPair);
        String algorithm = KeyUtils.getKeyType(usable);
        if (algorithm == null) {
            throw new IllegalArgumentException("host key algorithm " + keyPair.getPublic().getAlgorithm()
                    + " has no SSH name: use an Ed25519, ECDSA (P-256/384/521) or RSA key pair");
        }
        checkBelongTogether(usable, algorithm);
        return new HostKey(usable, algorithm);
    }

    /**
     * Loads an unencrypted host key file; see the class comment for the formats.
     *
     * <pre>{@code
     * HostKey key = HostKey.fromFile(Path.of("src/test/resources/ssh_host_ed25519_key"));
     * }</pre>
     *
     * @param file the private key file or keystore
     * @return the host key
     * @throws IllegalArgumentException if the file is missing, encrypted, or not a supported key file
     */
    public static HostKey fromFile(Path file) {
        return fromFile(file, null);
    }

    /**
     * Loads a host key file, decrypting it with the password if it is encrypted; see the class comment for the
     * formats. For a PKCS#12 or JKS keystore the password opens both the store and the key (as {@code keytool} and
     * {@code openssl pkcs12} make them by default), and the private key entry whose alias sorts first is used; use
     * {@link #fromKeyStore(Path, String, String, String)} to choose the entry or give a separate key password.
     *
     * <p>
     * Decrypting is slow on purpose for some formats (OpenSSH's bcrypt KDF, PuTTY v3's Argon2: up to a second):
     * load such a file once, e.g. into a {@code static} field, rather than in every test.
     *
     * <pre>{@code
     * HostKey key = HostKey.fromFile(Path.of("src/test/resources/host.p12"), "changeit");
     * }</pre>
     *
     * @param file the private key file or keystore
     * @param password the password or passphrase; {@code null} if the file is not encrypted (it is ignored then)
     * @return the host key
     * @throws IllegalArgumentException if the file is missing, the password is missing or wrong, or the file is not a
     *         supported key file
     */
    public static HostKey fromFile(Path file, String password) {
        Objects.requireNonNull(file, "file");
        byte[] content = read(file);
        KeyFileFormat format = KeyFileFormat.detect(content);
        return switch (format) {
            case TEXT -> fromTextKey(file, content, password);
            case PKCS12, JKS, JCEKS -> fromKeyStore(file, content, format, password, null, password);
            case UNKNOWN -> throw unknownFormat(file);
        };
    }

    /**
     * Loads the private key entry with the given alias from a PKCS#12 ({@code .p12}/{@code .pfx}) or JKS keystore.
     *
     * <pre>{@code
     * HostKey key = HostKey.fromKeyStore(Path.of("server.jks"), "storepass", "sftp-host", "keypass");
     * }</pre>
     *
     * @param file the keystore
     * @param storePassword the keystore's password
     * @param alias the alias of a private key entry; {@code null} for the private key entry whose alias sorts first
     * @param keyPassword the entry's password; {@code null} if it is the store password
     * @return the host key
     * @throws IllegalArgumentException if the file is missing or not a keystore, a password is missing or wrong, or
     *         the alias does not name a private key entry
     */
    public static HostKey fromKeyStore(Path file, String storePassword, String alias, String keyPassword) {
        Objects.requireNonNull(file, "file");
        byte[] content = read(file);
        KeyFileFormat format = KeyFileFormat.detect(content);
        if (!format.isKeyStore()) {
            throw new IllegalArgumentException("host key file " + file + " is not a PKCS#12 or JKS keystore: load it"
                    + " with HostKey.fromFile(path, password) instead (" + SUPPORTED_FORMATS + ")");
        }
        return fromKeyStore(file, content, format, storePassword, alias,
                keyPassword == null ? storePassword : keyPassword);
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The key pair, as MINA SSHD uses it.
     *
     * @return the key pair
     */
    public KeyPair keyPair() {
        return keyPair;
    }

    /**
     * The public half of the key, which clients pin.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * The SSH name of the key's algorithm.
     *
     * @return for example {@code "ssh-ed25519"}, {@code "ecdsa-sha2-nistp256"} or {@code "ssh-rsa"}
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The SHA-256 fingerprint of the public key, exactly as {@code ssh-keygen -lf} and the OpenSSH client print it.
     *
     * @return for example {@code "SHA256:qqKftBpaZ6PY68zct1yKXsJ4NitiBWIYNqn8J/2FnEk"}
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The public key as one OpenSSH line, as in {@code id_ed25519.pub} or {@code authorized_keys}.
     *
     * @return for example {@code "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA..."}
     */
    public String publicKeyLine() {
        return publicKeyLine;
    }

    /**
     * A {@code known_hosts} line that makes OpenSSH (and JSch, sshj, MINA clients) trust this key for the given
     * host and port: the host is written {@code [host]:port}, or plain for port 22, as {@code ssh} looks it up.
     *
     * <pre>{@code
     * Files.writeString(knownHosts, key.knownHostsLine("127.0.0.1", server.port()) + "\n");
     * // ssh -o UserKnownHostsFile=<knownHosts> -o StrictHostKeyChecking=yes -p <port> alice@127.0.0.1
     * }</pre>
     *
     * @param host the host name or address the client connects to, e.g. {@code "127.0.0.1"} or {@code "localhost"}
     * @param port the port the client connects to, 1 to 65535
     * @return for example {@code "[127.0.0.1]:41234 ssh-ed25519 AAAA..."}
     * @throws IllegalArgumentException if the host is blank or contains white space, or the port is out of range
     */
    public String knownHostsLine(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("known_hosts host \"" + host + "\" must be a host name or address"
                    + " without white space, e.g. \"127.0.0.1\"");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("known_hosts port " + port + " is out of range: use 1 to 65535");
        }
        String hostPattern = port == 22 ? host : "[" + host + "]:" + port;
        return hostPattern + " " + publicKeyLine();
    }

    /**
     * Two host keys are equal when they hold the same public key, whichever file format or security provider they
     * came from. (Every host key's halves are checked to belong together when it is made, so the same public key
     * means the same key pair.)
     *
     * @param other the object to compare with
     * @return whether {@code other} is a host key with the same public key
     */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof HostKey that)) {
            return false;
        }
        return algorithm.equals(that.algorithm) && KeyUtils.compareKeys(publicKey(), that.publicKey());
    }

    /**
     * A hash of the public key's fingerprint, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    /**
     * The algorithm and fingerprint; never private key material.
     *
     * @return for example {@code "HostKey[ssh-ed25519 SHA256:qqKf...]"}
     */
    @Override
    public String toString() {
        return "HostKey[" + algorithm + " " + fingerprint + "]";
    }

    // ---------------------------------------------------------------- loading

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("host key file " + file.toAbsolutePath() + " does not exist: check the"
                    + " path, or use HostKey.generateEd25519() for a generated key", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("host key file " + file + " cannot be read: " + e, e);
        }
    }

    private static HostKey fromTextKey(Path file, byte[] content, String password) {
        PasswordWitness witness = new PasswordWitness(password);
        Collection<KeyPair> pairs;
        try {
            pairs = TextKeyParser.INSTANCE.loadKeyPairs(
                    null, NamedResource.ofName(file.toString()), witness, new ByteArrayInputStream(content));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw failedTextKey(file, witness, e);
        }
        if (pairs == null || pairs.isEmpty()) {
            if (witness.asked) {
                // Some parsers answer a failed decryption with "no key" instead of an exception.
                throw failedTextKey(file, witness, null);
            }
            throw unknownFormat(file);
        }
        return fromLoaded(file, pairs.iterator().next());
    }

    private static IllegalArgumentException failedTextKey(Path file, PasswordWitness witness, Exception cause) {
        if (witness.asked && (witness.password == null || witness.password.isEmpty())) {
            return encrypted(file, cause);
        }
        if (witness.asked) {
            return new IllegalArgumentException("host key file " + file + " could not be decrypted: the password is"
                    + " wrong; pass the password it was encrypted with to HostKey.fromFile(path, password)", cause);
        }
        String detail = cause == null ? "" : ": " + cause.getMessage();
        return new IllegalArgumentException("host key file " + file + " is not a valid key file" + detail
                + " (" + SUPPORTED_FORMATS + ")", cause);
    }

    private static HostKey fromKeyStore(
            Path file, byte[] content, KeyFileFormat format, String storePassword, String alias, String keyPassword) {
        if (storePassword == null || storePassword.isEmpty()) {
            throw encrypted(file, null);
        }
        KeyStore store = openKeyStore(file, content, format, storePassword);
        try {
            String entry = alias == null ? firstPrivateKeyAlias(file, store) : checkedAlias(file, store, alias);
            PrivateKey privateKey = (PrivateKey) store.getKey(entry, keyPassword.toCharArray());
            Certificate certificate = store.getCertificate(entry);
            if (certificate == null) {
                throw new IllegalArgumentException("keystore " + file + " entry \"" + entry + "\" has no certificate,"
                        + " so its public key is unknown: store the key with its certificate");
            }
            return fromLoaded(file, new KeyPair(certificate.getPublicKey(), privateKey));
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("keystore " + file + " key entry could not be decrypted: the key"
                    + " password is wrong; pass it as keyPassword to HostKey.fromKeyStore(path, storePassword,"
                    + " alias, keyPassword)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("keystore " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    private static KeyStore openKeyStore(Path file, byte[] content, KeyFileFormat format, String storePassword) {
        try {
            KeyStore store = KeyStore.getInstance(format.keyStoreType());
            store.load(new ByteArrayInputStream(content), storePassword.toCharArray());
            return store;
        } catch (IOException e) {
            // The JDK reports a wrong store password as an IOException caused by UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("host key file " + file + " (" + format.keyStoreType()
                        + " keystore) could not be opened: the password is wrong; pass the store password to"
                        + " HostKey.fromFile(path, password)", e);
            }
            throw notAKeyStore(file, format, e);
        } catch (GeneralSecurityException e) {
            throw notAKeyStore(file, format, e);
        }
    }

    private static IllegalArgumentException notAKeyStore(Path file, KeyFileFormat format, Exception cause) {
        return new IllegalArgumentException("host key file " + file + " looks binary but is not a valid "
                + format.keyStoreType() + " keystore (" + cause.getMessage() + "); " + SUPPORTED_FORMATS, cause);
    }

    private static String firstPrivateKeyAlias(Path file, KeyStore store) throws KeyStoreException {
        List<String> keyAliases = privateKeyAliases(store);
        if (keyAliases.isEmpty()) {
            throw new IllegalArgumentException("keystore " + file + " holds no private key entry (aliases: "
                    + aliases(store) + "): add the host key with its certificate, e.g. keytool -genkeypair or"
                    + " openssl pkcs12 -export");
        }
        return keyAliases.get(0);
    }

    private static String checkedAlias(Path file, KeyStore store, String alias) throws KeyStoreException {
        if (!store.containsAlias(alias)) {
            throw new IllegalArgumentException("keystore " + file + " has no entry with alias \"" + alias
                    + "\": use one of its private key entries " + privateKeyAliases(store)
                    + " (all aliases: " + aliases(store) + ")");
        }
        if (!store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
            throw new IllegalArgumentException("keystore " + file + " entry \"" + alias + "\" is not a private key"
                    + " entry: use one of " + privateKeyAliases(store));
        }
        return alias;
    }

    private static List<String> privateKeyAliases(KeyStore store) throws KeyStoreException {
        List<String> result = new ArrayList<>();
        for (String alias : aliases(store)) {
            if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                result.add(alias);
            }
        }
        return result;
    }

    /** Sorted, because JKS enumerates its aliases in hash order and "the first key" must not change by JDK. */
    private static List<String> aliases(KeyStore store) throws KeyStoreException {
        List<String> result = Collections.list(store.aliases());
        Collections.sort(result);
        return result;
    }

    private static HostKey fromLoaded(Path file, KeyPair pair) {
        try {
            return of(pair);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("host key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ed25519 keys in the classes MINA's Ed25519 support signs with: the JDK's, unless MINA registered Bouncy Castle
     * before this library set it up (other providers' keys, e.g. from a key file Bouncy Castle parsed, are
     * re-created). Other keys are returned as they are.
     */
    private static KeyPair toMinaKeys(KeyPair pair) {
        try {
            return CryptoProviders.forMina(pair);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Ed25519 key pair could not be converted for MINA SSHD: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Signs and verifies once, as the SSH handshake will: a keystore certificate or a hand-made pair whose halves
     * don't match would otherwise only fail when a client connects, with a confusing signature error.
     */
    private static void checkBelongTogether(KeyPair pair, String algorithm) {
        BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(algorithm);
        if (factory == null || !factory.isSupported()) {
            return; // nothing to check with; MINA will refuse the key type when it is offered
        }
        byte[] data = "sftp-test-server host key check".getBytes(StandardCharsets.UTF_8);
        boolean matches;
        try {
            Signature signer = factory.create();
            signer.initSigner(null, pair.getPrivate());
            signer.update(null, data);
            byte[] signature = signer.sign(null);
            Signature verifier = factory.create();
            verifier.initVerifier(null, pair.getPublic());
            verifier.update(null, data);
            matches = verifier.verify(null, signature);
        } catch (Exception e) { // MINA's Signature declares "throws Exception"
            throw new IllegalArgumentException("host key pair (" + algorithm + ") cannot sign: " + e.getMessage(), e);
        }
        if (!matches) {
            throw new IllegalArgumentException("host key pair (" + algorithm + ") does not match: the public key"
                    + " does not belong to the private key; use the certificate or public key made with this key");
        }
    }

    private static IllegalArgumentException encrypted(Path file, Exception cause) {
        return new IllegalArgumentException("host key file " + file + " is encrypted: pass its password with"
                + " HostKey.fromFile(path, password)", cause);
    }

    private static IllegalArgumentException unknownFormat(Path file) {
        return new IllegalArgumentException("host key file " + file + " is not a private key file this library"
                + " can read (" + SUPPORTED_FORMATS + "); convert it, e.g. ssh-keygen -p -f FILE or"
                + " puttygen FILE -O private-openssh-new -o FILE.openssh");
    }

    /** Hands MINA's parsers the password and records whether they asked for one, i.e. whether the file is encrypted. */
    private static final class PasswordWitness implements FilePasswordProvider {
        private final String password;
        private volatile boolean asked;

        PasswordWitness(String password) {
            this.password = password;
        }

        @Override
        public String getPassword(SessionContext session, NamedResource resourceKey, int retryIndex) {
            asked = true;
            return password;
        }
    }

    /** What the first bytes of a key file say it is. */
    private enum KeyFileFormat {
        TEXT, PKCS12, JKS, JCEKS, UNKNOWN;

        private static final int JKS_MAGIC = 0xFEEDFEED;
        private static final int JCEKS_MAGIC = 0xCECECECE;
        private static final byte DER_SEQUENCE = 0x30;

        static KeyFileFormat detect(byte[] content) {
            if (content.length >= 4) {
                int magic = ((content[0] & 0xFF) << 24) | ((content[1] & 0xFF) << 16)
                        | ((content[2] & 0xFF) << 8) | (content[3] & 0xFF);
                if (magic == JKS_MAGIC) {
                    return JKS;
                }
                if (magic == JCEKS_MAGIC) {
                    return JCEKS;
                }
            }
            if (content.length > 0 && content[0] == DER_SEQUENCE) {
                return PKCS12; // a binary DER structure: the only binary key file we know besides the Java stores
            }
            String text = new String(content, StandardCharsets.ISO_8859_1);
            if (text.contains("-----BEGIN ") || text.stripLeading().startsWith("PuTTY-User-Key-File-")) {
                return TEXT;
            }
            return UNKNOWN;
        }

        boolean isKeyStore() {
            return this == PKCS12 || this == JKS || this == JCEKS;
        }

        String keyStoreType() {
            return this == PKCS12 ? "PKCS12" : name();
        }
    }
}
