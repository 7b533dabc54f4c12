package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/**
 * A default server offers an Ed25519 and an ECDSA P-256 host key (clients without Ed25519, such as JSch 0.1.55,
 * take the second); a key set on the builder is the only one; {@code knownHostsLine()} pins all of them.
 */
class DefaultHostKeysTest {

    @Test
    void offersTheJvmWideEd25519AndEcdsaP256KeysByDefault() {
        try (SftpTestServer first = SftpTestServer.startDefault();
                SftpTestServer second = SftpTestServer.startDefault()) {
            assertThat(first.hostKeys()).extracting(HostKey::algorithm)
                    .containsExactly("ssh-ed25519", "ecdsa-sha2-nistp256");
            assertThat(first.hostKeys()).containsExactly(HostKey.generateEd25519(), HostKey.generateEcdsaP256());
            assertThat(second.hostKeys().get(1)).isSameAs(first.hostKeys().get(1));
            assertThat(first.hostKey()).isSameAs(HostKey.generateEd25519());
        }
    }

    @Test
    void generatesTheEcdsaKeyWithTheJdksOwnProvider() {
        HostKey key = HostKey.generateEcdsaP256();

        assertThat(key.keyPair().getPrivate().getClass().getName()).startsWith("sun.security.ec.");
        assertThat(key.publicKeyLine()).startsWith("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY");
        assertThat(HostKey.generate("ecdsa-sha2-nistp256")).isNotEqualTo(key);
    }

    @Test
    void writesOneKnownHostsLinePerKey() {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            String prefix = "[127.0.0.1]:" + server.port() + " ";

            assertThat(server.knownHostsLines()).containsExactly(
                    prefix + HostKey.generateEd25519().publicKeyLine(),
                    prefix + HostKey.generateEcdsaP256().publicKeyLine());
            assertThat(server.knownHostsLine()).isEqualTo(String.join("\n", server.knownHostsLines()));
        }
    }

    @Test
    void aHostKeyGivenToTheBuilderIsTheOnlyOneOffered() throws Exception {
        HostKey pinned = HostKey.generateEcdsaP256();
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").hostKey(pinned).start()) {
            assertThat(server.hostKeys()).containsExactly(pinned);
            assertThat(server.knownHostsLines()).hasSize(1);

            assertThatThrownBy(() -> jsch(server, "ssh-ed25519", null).disconnect())
                    .isInstanceOf(JSchException.class).hasMessageContaining("Algorithm negotiation fail");
            Session session = jsch(server, "ecdsa-sha2-nistp256", null);
            assertThat(session.getHostKey().getType()).isEqualTo("ecdsa-sha2-nistp256");
            session.disconnect();
        }
    }

    @Test
    void offersSeveralKeysInTheOrderGiven() {
        HostKey rsa = HostKey.generate("ssh-rsa");
        try (SftpTestServer server = SftpTestServer.builder()
                .hostKeys(HostKey.generateEcdsaP256(), rsa, HostKey.generateEd25519()).build()) {
            assertThat(server.hostKeys()).containsExactly(HostKey.generateEcdsaP256(), rsa,
                    HostKey.generateEd25519());
            assertThat(server.hostKey()).isSameAs(HostKey.generateEcdsaP256());
        }
    }

    @Test
    void refusesTwoKeysOfOneAlgorithm() {
        HostKey other = HostKey.generateEd25519Fresh();

        assertThatThrownBy(() -> SftpTestServer.builder().hostKeys(HostKey.generateEd25519(), other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two ssh-ed25519 host keys (" + HostKey.generateEd25519() + ", " + other
                        + "): a server shows a client one key per algorithm; keep one");
    }

    @Test
    void knownHostsLinePinsTheServerWhicheverKeyTheClientPicks() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            for (String algorithm : List.of("ssh-ed25519", "ecdsa-sha2-nistp256")) {
                Session session = jsch(server, algorithm, server.knownHostsLine());
                assertThat(session.getHostKey().getType()).isEqualTo(algorithm);
                session.disconnect();
            }
            String otherServer = HostKey.generateEd25519Fresh().knownHostsLine(server.host(), server.port());
            assertThatThrownBy(() -> jsch(server, "ssh-ed25519", otherServer).disconnect())
                    .isInstanceOf(JSchException.class).hasMessageContaining("HostKey has been changed");
        }
    }

    @Test
    void sshKeyscanSeesEveryKeyAsKnownHostsLinesWritesIt(@TempDir Path work) {
        Processes.assumeInstalled("ssh-keyscan");
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            Processes.Result result = Processes.run(work, List.of("ssh-keyscan", "-p", String.valueOf(server.port()),
                    "-t", "ed25519,ecdsa", server.host())).assertSucceeded();

            List<String> scanned = Arrays.stream(result.output().split("\n"))
                    .filter(line -> line.startsWith("[")).sorted().toList();
            assertThat(scanned).isEqualTo(server.knownHostsLines().stream().sorted().toList());
        }
    }

    @Test
    void openSshConnectsWithEitherKeyPinned(@TempDir Path work) throws Exception {
        Path key = OpenSsh.generateKey(work, "id_ed25519");
        Path knownHosts = work.resolve("known_hosts");
        try (SftpTestServer server = SftpTestServer.builder().user("bob", work.resolve("id_ed25519.pub")).start()) {
            Files.writeString(knownHosts, server.knownHostsLine() + "\n");
            for (String algorithm : List.of("ssh-ed25519", "ecdsa-sha2-nistp256")) {
                OpenSsh.sftp(server, "bob", key, List.of("-o", "StrictHostKeyChecking=yes", "-o",
                        "UserKnownHostsFile=" + knownHosts, "-o", "HostKeyAlgorithms=" + algorithm), "ls /")
                        .assertSucceeded();
            }
        }
    }

    /** A JSch session restricted to one host key algorithm, checking the host key when known hosts are given. */
    private static Session jsch(SftpTestServer server, String hostKeyAlgorithm, String knownHosts)
            throws JSchException {
        JSch jsch = new JSch();
        if (knownHosts != null) {
            jsch.setKnownHosts(new ByteArrayInputStream((knownHosts + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        Session session = jsch.getSession("alice", server.host(), server.port());
        session.setPassword("secret");
        session.setConfig("StrictHostKeyChecking", knownHosts == null ? "no" : "yes");
        session.setConfig("server_host_key", hostKeyAlgorithm);
        session.connect(5000);
        return session;
    }
}
