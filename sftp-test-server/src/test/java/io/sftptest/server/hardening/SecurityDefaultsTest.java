package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;

import io.sftptest.server.SftpTestServer;
import io.sftptest.server.StandardError;
import io.sftptest.server.internal.UserAccount;

/** What the server offers and accepts out of the box, and how to turn legacy algorithms back on. */
class SecurityDefaultsTest {

    @Test
    void offersNoWeakAlgorithmsByDefault() throws Exception {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            List<List<String>> kexinit = serverKexInit(server);
            List<String> kex = kexinit.get(0);
            List<String> hostKeys = kexinit.get(1);
            List<String> ciphers = kexinit.get(2);
            List<String> macs = kexinit.get(4);
            assertThat(kex).isNotEmpty().noneMatch(name -> name.endsWith("-sha1") || name.contains("group1-"));
            assertThat(hostKeys).containsExactlyInAnyOrder("ssh-ed25519", "ecdsa-sha2-nistp256");
            assertThat(ciphers).isNotEmpty().noneMatch(name -> name.contains("cbc") || name.equals("none")
                    || name.contains("arcfour") || name.contains("3des"));
            assertThat(macs).isNotEmpty().noneMatch(name -> name.contains("sha1") || name.contains("md5"));
            assertThat(kexinit.get(3)).isEqualTo(ciphers);
        }
    }

    @Test
    void offersTheLegacyAlgorithmsLastWhenAskedTo() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().legacyAlgorithms(true).start()) {
            List<List<String>> kexinit = serverKexInit(server);
            assertThat(kexinit.get(0)).endsWith("diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1",
                    "diffie-hellman-group1-sha1");
            assertThat(kexinit.get(2)).startsWith("aes128-gcm@openssh.com").endsWith("aes128-cbc", "aes192-cbc",
                    "aes256-cbc");
            assertThat(kexinit.get(4)).endsWith("hmac-sha1-etm@openssh.com", "hmac-sha1");
        }
    }

    @Test
    void refusesAClientThatOnlyKnowsHmacSha1UnlessLegacyAlgorithmsAreOn() throws Exception {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            assertThatThrownBy(() -> jschWithMac(server, "hmac-sha1").disconnect())
                    .isInstanceOf(JSchException.class).hasMessageContaining("Algorithm negotiation fail");
        }
        try (SftpTestServer server = SftpTestServer.builder().legacyAlgorithms(true).start()) {
            Session session = jschWithMac(server, "hmac-sha1");
            assertThat(session.isConnected()).isTrue();
            session.disconnect();
        }
    }

    @Test
    void refusesRsaSha1PublicKeySignaturesUnlessListed() throws Exception {
        JSch jsch = new JSch();
        KeyPair rsa = KeyPair.genKeyPair(jsch, KeyPair.RSA, 2048);
        ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
        rsa.writePublicKey(publicKey, "bob@test");
        ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
        rsa.writePrivateKey(privateKey);
        String authorizedKey = publicKey.toString(StandardCharsets.US_ASCII).trim();

        try (SftpTestServer server = SftpTestServer.builder().userAuthorizedKey("bob", authorizedKey).start()) {
            assertThatThrownBy(() -> jschWithKey(server, privateKey.toByteArray(), "ssh-rsa").disconnect())
                    .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
            Session modern = jschWithKey(server, privateKey.toByteArray(), "rsa-sha2-512,rsa-sha2-256");
            assertThat(modern.isConnected()).isTrue();
            modern.disconnect();
        }
        try (SftpTestServer server = SftpTestServer.builder().userAuthorizedKey("bob", authorizedKey)
                .signatures("ssh-ed25519", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa").start()) {
            Session legacy = jschWithKey(server, privateKey.toByteArray(), "ssh-rsa");
            assertThat(legacy.isConnected()).isTrue();
            legacy.disconnect();
        }
    }

    @Test
    void hasNoNoneAuthenticationAndLetsNoClientInWithoutCredentials() throws Exception {
        assertThatThrownBy(() -> SftpTestServer.builder().authMethods("none"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown authentication method");
        SshClient client = RawSftp.startClient();
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            ClientSession session = client.connect(SftpTestServer.DEFAULT_USER, server.host(), server.port())
                    .verify(RawSftp.REPLY_TIMEOUT).getSession();
            // no password and no key: MINA's client tries "none" and then gives up
            assertThatThrownBy(() -> session.auth().verify(RawSftp.REPLY_TIMEOUT)).isInstanceOf(IOException.class);
            assertThat(session.isAuthenticated()).isFalse();
            session.close(true);
        } finally {
            client.stop();
        }
    }

    @Test
    void bindsToLoopbackByDefaultWithoutAWarning() {
        String log = StandardError.capture(() -> SftpTestServer.startDefault().close());
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
        }
        assertThat(log).doesNotContain("which other machines can reach");
    }

    @Test
    void masksThePasswordInTheUserAccountDescription() {
        UserAccount account = new UserAccount("alice", "Top-Secret-1", List.of(), null, null, false);
        assertThat(account.toString()).contains("alice").doesNotContain("Top-Secret-1");
    }
    /** Reads the server's unencrypted SSH_MSG_KEXINIT and returns its ten name-lists. */
    private static List<List<String>> serverKexInit(SftpTestServer server) throws IOException {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("SSH-2.0-Inspector\r\n".getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            StringBuilder line = new StringBuilder();
            while (!line.toString().startsWith("SSH-") || !line.toString().endsWith("\n")) {
                if (line.toString().endsWith("\n")) {
                    line.setLength(0);
                }
                line.append((char) in.readUnsignedByte());
            }
            int packetLength = in.readInt();
            int padding = in.readUnsignedByte();
            byte[] payload = new byte[packetLength - 1 - padding];
            in.readFully(payload);
            assertThat(payload[0]).as("SSH_MSG_KEXINIT").isEqualTo((byte) 20);
            DataInputStream body = new DataInputStream(new java.io.ByteArrayInputStream(payload, 17, payload.length));
            List<List<String>> lists = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                byte[] text = new byte[body.readInt()];
                body.readFully(text);
                String names = new String(text, StandardCharsets.US_ASCII);
                lists.add(names.isEmpty() ? List.of() : Arrays.asList(names.split(",")));
            }
            return lists.stream().map(l -> l.stream().filter(n -> !n.startsWith("ext-info") && !n.startsWith("kex-strict"))
                    .toList()).toList();
        }
    }

    private static Session jschWithMac(SftpTestServer server, String mac) throws JSchException {
        Session session = new JSch().getSession(SftpTestServer.DEFAULT_USER, server.host(), server.port());
        session.setPassword(SftpTestServer.DEFAULT_PASSWORD);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("cipher.s2c", "aes128-ctr");
        session.setConfig("cipher.c2s", "aes128-ctr");
        session.setConfig("mac.s2c", mac);
        session.setConfig("mac.c2s", mac);
        session.connect(10_000);
        return session;
    }

    private static Session jschWithKey(SftpTestServer server, byte[] privateKey, String algorithms)
            throws JSchException {
        JSch jsch = new JSch();
        jsch.addIdentity("bob", privateKey, null, null);
        Session session = jsch.getSession("bob", server.host(), server.port());
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "publickey");
        session.setConfig("PubkeyAcceptedAlgorithms", algorithms);
        session.connect(10_000);
        return session;
    }
}
