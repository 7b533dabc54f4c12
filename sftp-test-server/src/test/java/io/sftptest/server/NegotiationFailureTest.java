package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import io.sftptest.server.event.LogEvent;

/**
 * A client whose algorithms the server does not offer fails the key exchange; the server says which categories had
 * no match, what each side offered, and the builder call that lets the client in: in the DISCONNECT record (so the
 * JUnit extension's failure output shows it), to Log listeners and in its log.
 */
class NegotiationFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What a client from before 2016 offers: RSA host keys with SHA-1, CBC ciphers, SHA-1 MACs. */
    private static Session legacyClient(SftpTestServer server) throws JSchException {
        Session session = new JSch().getSession("alice", server.host(), server.port());
        session.setPassword("secret");
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("server_host_key", "ssh-rsa");
        session.setConfig("cipher.c2s", "aes128-cbc");
        session.setConfig("cipher.s2c", "aes128-cbc");
        session.setConfig("mac.c2s", "hmac-sha1");
        session.setConfig("mac.s2c", "hmac-sha1");
        session.connect(5000);
        return session;
    }

    @Test
    void explainsEveryCategoryWithoutAMatchAndTheFixInTheDisconnectRecord() {
        List<String> logged = new CopyOnWriteArrayList<>();
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .listener(new SftpServerListener() {
                    @Override
                    public void onLog(LogEvent event) {
                        logged.add(event.message());
                    }
                }).start()) {
            assertThatThrownBy(() -> legacyClient(server)).isInstanceOf(JSchException.class)
                    .hasMessageContaining("Algorithm negotiation fail");

            RecordedRequest disconnect = server.recording()
                    .awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);
            String ciphers = String.join(",", server.config("SSHEncryptionAlgorithms").split(",\\s*"));
            assertThat(disconnect.message())
                    .startsWith("key exchange with SSH-2.0-JSCH")
                    .contains(" failed: no common host key algorithm (client offers ssh-rsa; server offers ")
                    .contains("; no common cipher (client offers aes128-cbc; server offers " + ciphers + ")")
                    .contains("; no common MAC (client offers hmac-sha1; server offers ")
                    .doesNotContain("no common key exchange")
                    .endsWith("; fix: builder.legacyAlgorithms(true).hostKeys(HostKey.generateEd25519(),"
                            + " HostKey.generateEcdsaP256(), HostKey.generate(\"ssh-rsa\"))");
            assertThat(disconnect.summary()).isEqualTo("#1.0 DISCONNECT (" + disconnect.message() + ")");
            assertThat(logged).contains(disconnect.message());
        }
    }

    @Test
    void theSuggestedFixLetsTheSameClientIn() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").legacyAlgorithms(true)
                .hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256(), HostKey.generate("ssh-rsa"))
                .start()) {
            Session session = legacyClient(server);
            assertThat(session.getHostKey().getType()).isEqualTo("ssh-rsa");
            session.disconnect();
        }
    }

    @Test
    void namesTheMissingKeyWhenTheBuilderPinnedAnotherOne() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .hostKey(HostKey.generateEd25519()).start()) {
            assertThatThrownBy(() -> {
                Session session = new JSch().getSession("alice", server.host(), server.port());
                session.setPassword("secret");
                session.setConfig("StrictHostKeyChecking", "no");
                // the host key algorithms of com.jcraft:jsch 0.1.55, in its order
                session.setConfig("server_host_key", "ssh-rsa,ssh-dss,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,"
                        + "ecdsa-sha2-nistp521");
                session.connect(5000);
            }).isInstanceOf(JSchException.class);

            String reason = server.recording()
                    .awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT).message();
            assertThat(reason).startsWith("key exchange with SSH-2.0-JSCH")
                    .contains(" failed: no common host key algorithm (client offers ssh-rsa,ssh-dss,"
                            + "ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521; server offers ssh-ed25519)")
                    .endsWith("; fix: builder.hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256())");
        }
    }

    @Test
    void aClientThatClosesItselfHasNoDisconnectReason() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            TestClients.jsch(server, "alice", "secret").close();

            RecordedRequest disconnect = server.recording()
                    .awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);
            assertThat(disconnect.message()).isNull();
            assertThat(disconnect.summary()).isEqualTo("#1.0 alice DISCONNECT");
        }
    }

    @Test
    void aConnectionTheTestDropsSaysSo() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            server.disconnect(server.connections().get(0).id());

            RecordedRequest disconnect = server.recording()
                    .awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);
            assertThat(disconnect.message()).isEqualTo("disconnected by the test");
            assertThat(disconnect.summary()).isEqualTo("#1.0 alice DISCONNECT (disconnected by the test)");
        }
    }
}
