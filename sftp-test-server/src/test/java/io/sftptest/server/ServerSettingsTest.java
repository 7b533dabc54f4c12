package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

class ServerSettingsTest {

    @Test
    void announcesTheConfiguredServerVersion() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").serverVersion("OpenSSH_9.6")
                .start()) {
            Session session = TestClients.jschConnect(server, "alice", "secret");
            assertThat(session.getServerVersion()).isEqualTo("SSH-2.0-OpenSSH_9.6");
            session.disconnect();
        }
    }

    @Test
    void refusesConnectionsBeyondMaxConnectionsAndAcceptsAgainOnceOneCloses() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").maxConnections(1).start()) {
            Session first = TestClients.jschConnect(server, "alice", "secret");
            assertThatThrownBy(() -> TestClients.jschConnect(server, "alice", "secret"))
                    .isInstanceOf(JSchException.class);
            first.disconnect();
            await(() -> server.connections().isEmpty(), "the first connection to close");
            Session again = TestClients.jschConnect(server, "alice", "secret");
            assertThat(again.isConnected()).isTrue();
            again.disconnect();
        }
    }

    @Test
    void offersOnlyTheConfiguredCiphers() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").ciphers("aes256-ctr").start()) {
            assertThatThrownBy(() -> connectWithCipher(server, "aes128-ctr"))
                    .isInstanceOf(JSchException.class)
                    .hasMessageContaining("Algorithm negotiation fail");
            Session session = connectWithCipher(server, "aes256-ctr");
            assertThat(session.isConnected()).isTrue();
            session.disconnect();
        }
    }

    @Test
    void closesIdleConnectionsAfterTheIdleTimeout() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .idleTimeout(Duration.ofMillis(300)).start()) {
            Session session = TestClients.jschConnect(server, "alice", "secret");
            await(() -> !session.isConnected(), "the idle session to be closed by the server");
            // the client can see the close before the server has finished it
            await(() -> server.connections().isEmpty(), "the server to forget the idle connection");
        }
    }

    @Test
    void listsConnectionsAndDisconnectsOneOnRequest() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            Session session = TestClients.jschConnect(server, "alice", "secret");
            await(() -> server.connections().size() == 1 && server.connections().get(0).authenticated(),
                    "the connection to be listed as authenticated");
            SftpConnection connection = server.connections().get(0);
            assertThat(connection.user()).isEqualTo("alice");
            assertThat(connection.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(connection.connectedAt()).isNotNull();

            assertThat(server.disconnect(connection.id())).isTrue();
            await(() -> !session.isConnected(), "the client to notice the disconnection");
            // the client may see the disconnect message before the server has finished closing
            await(() -> server.connections().isEmpty(), "the server to forget the connection");
            assertThat(server.disconnect(connection.id())).isFalse();
        }
    }

    private static Session connectWithCipher(SftpTestServer server, String cipher) throws JSchException {
        Session session = new JSch().getSession("alice", server.host(), server.port());
        session.setPassword("secret");
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("cipher.s2c", cipher);
        session.setConfig("cipher.c2s", cipher);
        session.connect(10_000);
        return session;
    }

    private static void await(BooleanSupplier condition, String what) {
        Await.await(what, condition, Duration.ofSeconds(20));
    }
}
