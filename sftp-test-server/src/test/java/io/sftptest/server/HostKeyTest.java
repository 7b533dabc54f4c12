package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostKeyTest {

    /** The password of every encrypted file in src/test/resources/hostkeys (see the README there). */
    static final String PASSWORD = "hostkey-secret";

    // Fingerprints that `ssh-keygen -lf` printed for each file when it was made (hostkeys/README.md).
    static final String OPENSSH_ED25519 = "SHA256:qqKftBpaZ6PY68zct1yKXsJ4NitiBWIYNqn8J/2FnEk";
    static final String OPENSSH_ED25519_PASS = "SHA256:OBMyisygcLZjN/peBGrUAnHT0K51QanfJuYlKNniprI";
    static final String OPENSSH_ECDSA256 = "SHA256:eJmbB7nYxjQ8rXU6e+NhiBkbHWwx3CdiqZ6s4ow8ECk";
    static final String OPENSSH_RSA_PASS = "SHA256:aaLLwii6EgmVlPHfiur6cB4RdeM3+ScW7YcPhGsqZso";
    static final String PEM_PKCS1_RSA = "SHA256:bg+pMfRmJbaiym/CfQIXdoM3UymMbDCYG/YU3/Ws7tA";
    static final String PEM_SEC1_ECDSA256 = "SHA256:tgVVKqCFDNRbqbedtMhxN+AD1+EYDEVmUdu6rTJ8WaI";
    /** One RSA key written three ways by openssl: PKCS#1, encrypted PKCS#1 and PKCS#8. */
    static final String OPENSSL_RSA = "SHA256:Vw0eHFzWN0SvzMIIctSUM/J/IP2Y/nNsDcnipE+0htE";
    /** One Ed25519 key, PKCS#8 plain and encrypted. */
    static final String OPENSSL_ED25519 = "SHA256:Sk+FhjSAj9tpipjkKAL0pkT9FciDzRyMYZa5mzL3d/I";
    /** One P-256 key, encrypted PKCS#8 and in a PKCS#12 made by openssl. */
    static final String OPENSSL_ECDSA256 = "SHA256:6cVJpxOLsz5FpjjxxU4lZRNWRRzdP/7nFhLyOLRx2Q4";
    static final String KEYTOOL_ED25519 = "SHA256:49AXVcZFBtCunmFdZszAqT4/2VMU9otFNX0ooEvJZrA";
    static final String KEYTOOL_RSA_HOST = "SHA256:0mjWXl68ifOCW9oPV+FkRXXPTiDKLKq8uTL//zrRIxU";
    static final String KEYTOOL_ECDSA_OTHER = "SHA256:2qIbMXX6xfLxhz33jFJLmKCmSUNJ2yoEWgmeWLZqAxc";
    static final String PUTTY_V2_RSA = "SHA256:WftuHsZPb6r90LF2ZGHxUDzb+/IcJKQWFA9wwU/mQ58";
    static final String PUTTY_V2_ECDSA256_PASS = "SHA256:CePEluIiYQnXt84iV/6/w+kHBZjPbZUQKx0Wu/OdyQw";
    static final String PUTTY_V3_ED25519 = "SHA256:WvOjbv0fGxa7LA6+UJa6v08fMLEc3unD+YXcH7eLAr8";
    static final String PUTTY_V3_ED25519_PASS = "SHA256:BRzAw1ZWLUWv0/W1PE7rDWqkJ9fL7LekHF529FYshTk";

    static final String ED25519 = "ssh-ed25519";
    static final String ECDSA256 = "ecdsa-sha2-nistp256";
    static final String RSA = "ssh-rsa";

    private static final ConcurrentHashMap<String, HostKey> GENERATED = new ConcurrentHashMap<>();

    /** One generated key per algorithm for the whole class: RSA generation is slow. */
    static HostKey generated(String algorithm) {
        return GENERATED.computeIfAbsent(algorithm, HostKey::generate);
    }

    static Path resource(String name) {
        try {
            return Path.of(HostKeyTest.class.getResource("/hostkeys/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource hostkeys/" + name + " is missing", e);
        }
    }

    /** file, password (null: not encrypted), expected algorithm, expected fingerprint. */
    static Stream<Arguments> keyFiles() {
        return Stream.of(
                Arguments.of("openssh-ed25519", null, ED25519, OPENSSH_ED25519),
                Arguments.of("openssh-ed25519-pass", PASSWORD, ED25519, OPENSSH_ED25519_PASS),
                Arguments.of("openssh-ecdsa256", null, ECDSA256, OPENSSH_ECDSA256),
                Arguments.of("openssh-rsa-pass", PASSWORD, RSA, OPENSSH_RSA_PASS),
                Arguments.of("pem-pkcs1-rsa", null, RSA, PEM_PKCS1_RSA),
                Arguments.of("pem-sec1-ecdsa256", null, ECDSA256, PEM_SEC1_ECDSA256),
                Arguments.of("openssl-pkcs1-rsa.pem", null, RSA, OPENSSL_RSA),
                Arguments.of("openssl-pkcs1-rsa-pass.pem", PASSWORD, RSA, OPENSSL_RSA),
                Arguments.of("openssl-pkcs8-rsa.pem", null, RSA, OPENSSL_RSA),
                Arguments.of("openssl-pkcs8-ed25519.pem", null, ED25519, OPENSSL_ED25519),
                Arguments.of("openssl-pkcs8-ed25519-pass.pem", PASSWORD, ED25519, OPENSSL_ED25519),
                Arguments.of("openssl-pkcs8-ecdsa256-pass.pem", PASSWORD, ECDSA256, OPENSSL_ECDSA256),
                Arguments.of("openssl-ecdsa256.p12", PASSWORD, ECDSA256, OPENSSL_ECDSA256),
                Arguments.of("keytool-ed25519.pfx", PASSWORD, ED25519, KEYTOOL_ED25519),
                Arguments.of("keytool-rsa.jks", PASSWORD, RSA, KEYTOOL_RSA_HOST),
                Arguments.of("putty-v2-rsa.ppk", null, RSA, PUTTY_V2_RSA),
                Arguments.of("putty-v2-ecdsa256-pass.ppk", PASSWORD, ECDSA256, PUTTY_V2_ECDSA256_PASS),
                Arguments.of("putty-v3-ed25519.ppk", null, ED25519, PUTTY_V3_ED25519),
                Arguments.of("putty-v3-ed25519-pass.ppk", PASSWORD, ED25519, PUTTY_V3_ED25519_PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFiles")
    void loadsKeyFileWithTheFingerprintSshKeygenPrinted(String file, String password, String algorithm,
            String fingerprint) throws Exception {
        HostKey key = HostKey.fromFile(resource(file), password);

        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(key.fingerprint()).isEqualTo(fingerprint);
        assertThat(key.toString()).isEqualTo("HostKey[" + algorithm + " " + fingerprint + "]");
        assertCanSignAsHostKey(key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFiles")
    void detectsTheFormatFromTheContentNotTheFileName(String file, String password, String algorithm,
            String fingerprint, @TempDir Path dir) throws Exception {
        Path renamed = Files.copy(resource(file), dir.resolve("host.key"));

        assertThat(HostKey.fromFile(renamed, password).fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void samePrivateKeyInDifferentFormatsGivesEqualHostKeys() {
        HostKey pkcs1 = HostKey.fromFile(resource("openssl-pkcs1-rsa.pem"));
        HostKey encryptedPkcs1 = HostKey.fromFile(resource("openssl-pkcs1-rsa-pass.pem"), PASSWORD);
        HostKey pkcs8 = HostKey.fromFile(resource("openssl-pkcs8-rsa.pem"));
        HostKey other = HostKey.fromFile(resource("pem-pkcs1-rsa"));

        assertThat(pkcs1).isEqualTo(encryptedPkcs1).isEqualTo(pkcs8).hasSameHashCodeAs(pkcs8).isNotEqualTo(other);
    }

    @Test
    void sameEd25519KeyFromPlainAndEncryptedPkcs8IsEqual() {
        HostKey plain = HostKey.fromFile(resource("openssl-pkcs8-ed25519.pem"));
        HostKey encrypted = HostKey.fromFile(resource("openssl-pkcs8-ed25519-pass.pem"), PASSWORD);

        assertThat(plain).isEqualTo(encrypted).hasSameHashCodeAs(encrypted)
                .isNotEqualTo(HostKey.fromFile(resource("openssh-ed25519")));
    }

    @Test
    void sameEcdsaKeyFromPkcs8AndPkcs12IsEqual() {
        assertThat(HostKey.fromFile(resource("openssl-pkcs8-ecdsa256-pass.pem"), PASSWORD))
                .isEqualTo(HostKey.fromFile(resource("openssl-ecdsa256.p12"), PASSWORD));
    }

    @Test
    void ignoresAPasswordGivenForAnUnencryptedFile() {
        assertThat(HostKey.fromFile(resource("openssh-ed25519"), PASSWORD).fingerprint()).isEqualTo(OPENSSH_ED25519);
    }

    @Nested
    class KeyStores {

        @Test
        void fromFileTakesThePrivateKeyEntryWhoseAliasSortsFirstAndSkipsCertificates() {
            // keytool-rsa.jks holds "a-trusted-cert" (certificate only), "host" (RSA) and "other" (ECDSA).
            assertThat(HostKey.fromFile(resource("keytool-rsa.jks"), PASSWORD).fingerprint())
                    .isEqualTo(KEYTOOL_RSA_HOST);
        }

        @Test
        void fromKeyStoreLoadsTheEntryWithTheGivenAlias() {
            HostKey key = HostKey.fromKeyStore(resource("keytool-rsa.jks"), PASSWORD, "other", PASSWORD);

            assertThat(key.algorithm()).isEqualTo(ECDSA256);
            assertThat(key.fingerprint()).isEqualTo(KEYTOOL_ECDSA_OTHER);
        }

        @Test
        void fromKeyStoreUsesTheStorePasswordWhenNoKeyPasswordIsGiven() {
            HostKey key = HostKey.fromKeyStore(resource("openssl-ecdsa256.p12"), PASSWORD, "host", null);

            assertThat(key.fingerprint()).isEqualTo(OPENSSL_ECDSA256);
        }

        @Test
        void fromKeyStoreWithoutAliasTakesTheFirstPrivateKeyEntry() {
            assertThat(HostKey.fromKeyStore(resource("keytool-ed25519.pfx"), PASSWORD, null, null).fingerprint())
                    .isEqualTo(KEYTOOL_ED25519);
        }

        @Test
        void unknownAliasListsTheAliases() {
            Path file = resource("keytool-rsa.jks");

            assertThatThrownBy(() -> HostKey.fromKeyStore(file, PASSWORD, "nope", PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("no entry with alias \"nope\"")
                    .hasMessageContaining("[host, other]")
                    .hasMessageContaining("[a-trusted-cert, host, other]");
        }

        @Test
        void aliasOfACertificateEntryIsRefused() {
            assertThatThrownBy(() -> HostKey.fromKeyStore(resource("keytool-rsa.jks"), PASSWORD, "a-trusted-cert",
                    PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("entry \"a-trusted-cert\" is not a private key entry")
                    .hasMessageContaining("[host, other]");
        }

        @Test
        void keyStoreWithoutPrivateKeyEntrySaysSo() {
            Path file = resource("keytool-certonly.p12");

            assertThatThrownBy(() -> HostKey.fromFile(file, PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("holds no private key entry")
                    .hasMessageContaining("a-trusted-cert")
                    .hasMessageContaining("keytool -genkeypair");
        }

        @ParameterizedTest
        @ValueSource(strings = {"keytool-rsa.jks", "openssl-ecdsa256.p12", "keytool-ed25519.pfx"})
        void wrongStorePasswordIsReported(String name) {
            Path file = resource(name);

            assertThatThrownBy(() -> HostKey.fromFile(file, "wrong"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("password is wrong");
        }

        @Test
        void wrongKeyPasswordIsReported() {
            assertThatThrownBy(() -> HostKey.fromKeyStore(resource("keytool-rsa.jks"), PASSWORD, "host", "wrong"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("key password is wrong")
                    .hasMessageContaining("keyPassword");
        }

        @ParameterizedTest
        @ValueSource(strings = {"keytool-rsa.jks", "openssl-ecdsa256.p12"})
        void missingStorePasswordIsReported(String name) {
            Path file = resource(name);

            assertThatThrownBy(() -> HostKey.fromFile(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("host key file " + file + " is encrypted: pass its password with"
                            + " HostKey.fromFile(path, password)");
        }

        @Test
        void fromKeyStoreRefusesAFileThatIsNoKeyStore() {
            assertThatThrownBy(() -> HostKey.fromKeyStore(resource("openssh-ed25519"), PASSWORD, null, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a PKCS#12 or JKS keystore")
                    .hasMessageContaining("HostKey.fromFile(path, password)");
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @ValueSource(strings = {"openssh-ed25519-pass", "openssh-rsa-pass", "openssl-pkcs1-rsa-pass.pem",
            "openssl-pkcs8-ed25519-pass.pem", "openssl-pkcs8-ecdsa256-pass.pem", "putty-v2-ecdsa256-pass.ppk",
            "putty-v3-ed25519-pass.ppk"})
        void missingPasswordNamesTheFileAndTheFix(String name) {
            Path file = resource(name);

            assertThatThrownBy(() -> HostKey.fromFile(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("host key file " + file + " is encrypted: pass its password with"
                            + " HostKey.fromFile(path, password)");
        }

        @ParameterizedTest
        @ValueSource(strings = {"openssh-ed25519-pass", "openssl-pkcs8-ed25519-pass.pem", "putty-v3-ed25519-pass.ppk",
            "keytool-rsa.jks"})
        void emptyPasswordCountsAsMissing(String name) {
            Path file = resource(name);

            assertThatThrownBy(() -> HostKey.fromFile(file, ""))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is encrypted: pass its password");
        }

        @ParameterizedTest
        @ValueSource(strings = {"openssh-ed25519-pass", "openssh-rsa-pass", "openssl-pkcs1-rsa-pass.pem",
            "openssl-pkcs8-ed25519-pass.pem", "openssl-pkcs8-ecdsa256-pass.pem", "putty-v2-ecdsa256-pass.ppk",
            "putty-v3-ed25519-pass.ppk"})
        void wrongPasswordNamesTheFileAndTheFix(String name) {
            Path file = resource(name);

            assertThatThrownBy(() -> HostKey.fromFile(file, "wrong-password"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("host key file " + file + " could not be decrypted: the password is wrong")
                    .hasMessageContaining("HostKey.fromFile(path, password)");
        }

        @Test
        void garbageFileListsTheSupportedFormats() {
            Path file = resource("garbage.txt");

            assertThatThrownBy(() -> HostKey.fromFile(file))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("host key file " + file + " is not a private key file")
                    .hasMessageContaining("OpenSSH")
                    .hasMessageContaining("PKCS#8")
                    .hasMessageContaining("PuTTY .ppk")
                    .hasMessageContaining("PKCS#12")
                    .hasMessageContaining("JKS");
        }

        @Test
        void publicKeyFileIsNotAHostKey(@TempDir Path dir) throws Exception {
            Path pub = Files.writeString(dir.resolve("id.pub"), HostKey.generateEd25519().publicKeyLine() + "\n");

            assertThatThrownBy(() -> HostKey.fromFile(pub))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a private key file");
        }

        @Test
        void certificatePemIsNotAHostKey(@TempDir Path dir) throws Exception {
            Path pem = Files.writeString(dir.resolve("cert.pem"),
                    "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n");

            assertThatThrownBy(() -> HostKey.fromFile(pem))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(pem.toString())
                    .hasMessageContaining("supported formats");
        }

        @Test
        void truncatedBinaryFileIsReported(@TempDir Path dir) throws Exception {
            byte[] p12 = Files.readAllBytes(resource("openssl-ecdsa256.p12"));
            Path truncated = Files.write(dir.resolve("cut.p12"), Arrays.copyOf(p12, 100));

            assertThatThrownBy(() -> HostKey.fromFile(truncated, PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(truncated.toString())
                    .hasMessageContaining("not a valid PKCS12 keystore");
        }

        @Test
        void emptyFileIsReported(@TempDir Path dir) throws Exception {
            Path empty = Files.createFile(dir.resolve("empty"));

            assertThatThrownBy(() -> HostKey.fromFile(empty))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a private key file");
        }

        @Test
        void missingFileNamesThePath(@TempDir Path dir) {
            Path missing = dir.resolve("no-such-key");

            assertThatThrownBy(() -> HostKey.fromFile(missing, PASSWORD))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("host key file " + missing.toAbsolutePath() + " does not exist")
                    .hasCauseInstanceOf(NoSuchFileException.class);
            assertThatThrownBy(() -> HostKey.fromKeyStore(missing, PASSWORD, "host", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not exist");
        }

        @Test
        void unknownAlgorithmListsTheSupportedOnes() {
            assertThatThrownBy(() -> HostKey.generate("ssh-dss"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("host key algorithm \"ssh-dss\" cannot be generated: use one of"
                            + " [ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa]");
            assertThatThrownBy(() -> HostKey.generate(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"null\"");
        }

        @Test
        void keyPairWhoseHalvesDoNotMatchIsRefused() {
            KeyPair mismatched = new KeyPair(HostKey.generateEd25519().publicKey(),
                    HostKey.generateEd25519Fresh().keyPair().getPrivate());

            assertThatThrownBy(() -> HostKey.of(mismatched))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not match");
        }

        @Test
        void keyPairWithoutPrivateKeyIsRefused() {
            KeyPair publicOnly = new KeyPair(HostKey.generateEd25519().publicKey(), null);

            assertThatThrownBy(() -> HostKey.of(publicOnly))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the private key is null");
        }

        @Test
        void knownHostsLineRefusesBadHostOrPort() {
            HostKey key = HostKey.generateEd25519();

            assertThatThrownBy(() -> key.knownHostsLine("", 22)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> key.knownHostsLine("a b", 22)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> key.knownHostsLine("localhost", 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to 65535");
        }
    }

    @Nested
    class Generation {

        @Test
        void generateEd25519ReturnsTheSameInstanceEveryTime() {
            assertThat(HostKey.generateEd25519()).isSameAs(HostKey.generateEd25519());
        }

        @Test
        void generateEd25519ReturnsOneInstanceToConcurrentCallers() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                Callable<HostKey> call = HostKey::generateEd25519;
                List<Future<HostKey>> futures = pool.invokeAll(Collections.nCopies(32, call));
                Set<HostKey> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
                for (Future<HostKey> f : futures) {
                    distinct.add(f.get(30, TimeUnit.SECONDS));
                }
                assertThat(distinct).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void generateEd25519FreshReturnsANewKeyEveryCall() {
            HostKey first = HostKey.generateEd25519Fresh();
            HostKey second = HostKey.generateEd25519Fresh();

            assertThat(first).isNotEqualTo(second).isNotEqualTo(HostKey.generateEd25519());
            assertThat(first.fingerprint()).isNotEqualTo(second.fingerprint());
            assertThat(first.algorithm()).isEqualTo(ED25519);
        }

        @ParameterizedTest
        @ValueSource(strings = {ED25519, ECDSA256, RSA})
        void generatesKeysOfEachSupportedAlgorithm(String algorithm) throws Exception {
            HostKey key = generated(algorithm);

            assertThat(key.algorithm()).isEqualTo(algorithm);
            assertThat(key.fingerprint()).startsWith("SHA256:").doesNotEndWith("=");
            assertThat(KeyUtils.getKeyType(key.keyPair())).isEqualTo(algorithm);
            assertCanSignAsHostKey(key);
        }

        @Test
        void rsaKeysHaveAtLeast2048Bits() {
            assertThat(KeyUtils.getKeySize(generated(RSA).publicKey())).isGreaterThanOrEqualTo(2048);
        }

        @Test
        void ofAcceptsKeyPairsFromTheJdk() throws Exception {
            KeyPair jdkEd25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);

            HostKey ed = HostKey.of(jdkEd25519);
            HostKey ecdsa = HostKey.of(ec.generateKeyPair());

            assertThat(ed.algorithm()).isEqualTo(ED25519);
            assertThat(ecdsa.algorithm()).isEqualTo(ECDSA256);
            assertCanSignAsHostKey(ed);
            assertCanSignAsHostKey(ecdsa);
        }

        @Test
        void ofKeepsTheKeyPairOfAMinaKey() {
            KeyPair pair = HostKey.generateEd25519Fresh().keyPair();

            assertThat(HostKey.of(pair).keyPair()).isSameAs(pair);
        }

        @Test
        void toStringShowsNoPrivateKeyMaterial() {
            HostKey key = generated(RSA);
            String privateHex = ((RSAPrivateKey) key.keyPair().getPrivate())
                    .getPrivateExponent().toString(16);

            assertThat(key.toString()).isEqualTo("HostKey[ssh-rsa " + key.fingerprint() + "]")
                    .doesNotContain(privateHex.substring(0, 16));
        }
    }

    @Nested
    class PublicLines {

        @ParameterizedTest
        @ValueSource(strings = {ED25519, ECDSA256, RSA})
        void publicKeyLineParsesBackToThePublicKey(String algorithm) throws Exception {
            HostKey key = generated(algorithm);

            PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(key.publicKeyLine());
            PublicKey parsed = entry.resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);

            assertThat(entry.getKeyType()).isEqualTo(algorithm);
            assertThat(KeyUtils.compareKeys(parsed, key.publicKey())).isTrue();
            assertThat(KeyUtils.getFingerPrint(parsed)).isEqualTo(key.fingerprint());
        }

        @Test
        void publicKeyLineIsAnAuthorizedKeysEntry() throws Exception {
            HostKey key = HostKey.fromFile(resource("putty-v3-ed25519.ppk"));

            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(key.publicKeyLine());

            assertThat(entry.getKeyType()).isEqualTo(ED25519);
            assertThat(KeyUtils.compareKeys(entry.resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING),
                    key.publicKey())).isTrue();
        }

        @Test
        void knownHostsLineWritesNonStandardPortInBrackets() throws Exception {
            HostKey key = HostKey.generateEd25519();

            String line = key.knownHostsLine("127.0.0.1", 41234);

            assertThat(line).isEqualTo("[127.0.0.1]:41234 " + key.publicKeyLine());
            KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
            assertThat(entry.isHostMatch("127.0.0.1", 41234)).isTrue();
            assertThat(entry.isHostMatch("127.0.0.1", 22)).isFalse();
            assertThat(KeyUtils.compareKeys(
                    entry.getKeyEntry().resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING),
                    key.publicKey())).isTrue();
        }

        @Test
        void knownHostsLineBracketsAnIpv6AddressWithPort() {
            HostKey key = HostKey.generateEd25519();

            String line = key.knownHostsLine("::1", 2222);

            assertThat(line).isEqualTo("[::1]:2222 " + key.publicKeyLine());
            assertThat(KnownHostEntry.parseKnownHostEntry(line).isHostMatch("::1", 2222)).isTrue();
        }

        @Test
        void knownHostsLineWritesPort22AsPlainHost() {
            HostKey key = HostKey.generateEd25519();

            String line = key.knownHostsLine("localhost", 22);

            assertThat(line).isEqualTo("localhost " + key.publicKeyLine());
            assertThat(KnownHostEntry.parseKnownHostEntry(line).isHostMatch("localhost", 22)).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.sftptest.server.HostKeyTest#keyFiles")
        void sshKeygenPrintsTheSameFingerprintForThePublicKeyLine(String file, String password, String algorithm,
                String fingerprint, @TempDir Path dir) throws Exception {
            assumeTrue(OpenSsh.available("ssh-keygen"), "ssh-keygen is not installed");
            HostKey key = HostKey.fromFile(resource(file), password);
            Path pub = Files.writeString(dir.resolve("key.pub"), key.publicKeyLine() + "\n");

            assertThat(OpenSsh.fingerprint(pub)).isEqualTo(fingerprint);
        }
    }

    /** Real clients connect to a bare MINA server with the key and check it against {@link HostKey#knownHostsLine}. */
    @Nested
    class TrustedByClients {

        @ParameterizedTest
        @ValueSource(strings = {ED25519, ECDSA256, RSA})
        void jschAcceptsTheServerWithTheKnownHostsLine(String algorithm, @TempDir Path dir) throws Exception {
            HostKey key = generated(algorithm);
            try (SshServer server = startServer(key)) {
                Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                        key.knownHostsLine("127.0.0.1", server.getPort()) + "\n");

                Session session = jschSession(knownHosts, server.getPort());
                session.connect(30_000);
                try {
                    assertThat(session.isConnected()).isTrue();
                    assertThat(session.getHostKey().getFingerPrint(new JSch())).isNotEmpty();
                } finally {
                    session.disconnect();
                }
            }
        }

        @Test
        void jschRejectsTheServerWhenKnownHostsHasAnotherKey(@TempDir Path dir) throws Exception {
            try (SshServer server = startServer(HostKey.generateEd25519())) {
                Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                        HostKey.generateEd25519Fresh().knownHostsLine("127.0.0.1", server.getPort()) + "\n");

                Session session = jschSession(knownHosts, server.getPort());
                assertThatThrownBy(() -> session.connect(30_000))
                        .isInstanceOf(JSchException.class)
                        .hasMessageContaining("HostKey has been changed");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {ED25519, ECDSA256, RSA})
        void openSshAcceptsTheServerWithTheKnownHostsLine(String algorithm, @TempDir Path dir) throws Exception {
            assumeTrue(OpenSsh.available("ssh"), "OpenSSH ssh is not installed");
            HostKey key = generated(algorithm);
            try (SshServer server = startServer(key)) {
                Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                        key.knownHostsLine("127.0.0.1", server.getPort()) + "\n");

                String output = OpenSsh.connect(knownHosts, server.getPort(), algorithm);

                // BatchMode forbids the password prompt, so ssh stops at authentication: after the host key check.
                assertThat(output).doesNotContain("Host key verification failed").contains("Permission denied");
            }
        }

        @Test
        void openSshRejectsTheServerWhenKnownHostsHasAnotherKey(@TempDir Path dir) throws Exception {
            assumeTrue(OpenSsh.available("ssh"), "OpenSSH ssh is not installed");
            try (SshServer server = startServer(HostKey.generateEd25519())) {
                Path knownHosts = Files.writeString(dir.resolve("known_hosts"),
                        HostKey.generateEd25519Fresh().knownHostsLine("127.0.0.1", server.getPort()) + "\n");

                assertThat(OpenSsh.connect(knownHosts, server.getPort(), ED25519))
                        .contains("Host key verification failed");
            }
        }

        private SshServer startServer(HostKey key) throws Exception {
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(key.keyPair()));
            server.setPasswordAuthenticator((user, password, session) -> "alice".equals(user)
                    && "secret".equals(password));
            server.start();
            return server;
        }

        private Session jschSession(Path knownHosts, int port) throws JSchException {
            JSch jsch = new JSch();
            jsch.setKnownHosts(knownHosts.toString());
            Session session = jsch.getSession("alice", "127.0.0.1", port);
            session.setPassword("secret".getBytes(StandardCharsets.UTF_8));
            session.setConfig("StrictHostKeyChecking", "yes");
            return session;
        }
    }

    /** Signs and verifies with the signature MINA's server would use for this key, as the SSH handshake does. */
    static void assertCanSignAsHostKey(HostKey key) throws Exception {
        byte[] data = "exchange hash".getBytes(StandardCharsets.UTF_8);
        Signature signer = signatureFor(key.algorithm());
        signer.initSigner(null, key.keyPair().getPrivate());
        signer.update(null, data);
        byte[] signature = signer.sign(null);

        Signature verifier = signatureFor(key.algorithm());
        verifier.initVerifier(null, key.publicKey());
        verifier.update(null, data);
        assertThat(verifier.verify(null, signature)).as("signature of %s verifies", key).isTrue();
    }

    private static Signature signatureFor(String algorithm) {
        BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(algorithm);
        assertThat(factory).as("MINA signature for %s", algorithm).isNotNull();
        return factory.create();
    }

    /** Runs the real OpenSSH tools when the machine has them. */
    static final class OpenSsh {
        private static final ConcurrentHashMap<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();

        static boolean available(String program) {
            String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
            return AVAILABLE.computeIfAbsent(program, name -> Stream.of(path.split(File.pathSeparator))
                    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name))));
        }

        /** {@code ssh-keygen -lf file}: the fingerprint it prints. */
        static String fingerprint(Path publicKeyFile) throws Exception {
            String output = run(0, "ssh-keygen", "-lf", publicKeyFile.toString());
            return output.split(" ")[1]; // "256 SHA256:... comment (ED25519)"
        }

        /** {@code ssh} to 127.0.0.1:port with only the given known_hosts file; returns what it printed. */
        static String connect(Path knownHosts, int port, String algorithm) throws Exception {
            // An RSA key is offered with SHA-2 signatures; OpenSSH no longer accepts "ssh-rsa" (SHA-1) ones.
            String hostKeyAlgorithm = RSA.equals(algorithm) ? "rsa-sha2-512,rsa-sha2-256" : algorithm;
            return run(255, "ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null",
                    "-o", "HostKeyAlgorithms=" + hostKeyAlgorithm, "-o", "ConnectTimeout=30",
                    "-p", String.valueOf(port), "alice@127.0.0.1", "true");
        }

        private static String run(int expectedExit, String... command) throws Exception {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
            assertThat(process.exitValue()).as("exit code of %s, output: %s", command[0], output)
                    .isEqualTo(expectedExit);
            return output;
        }
    }
}
