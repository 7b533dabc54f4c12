package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** connections(), disconnect(id), stopListening()/startListening(), reset() and exchangeKeys(id). */
class ConnectionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SftpTestServer server;

    @BeforeEach
    void startServer() {
        server = SftpTestServer.builder().user("alice", "secret")
                .file("/seed.txt", "seed").directory("/in")
                .start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void listsAConnectedClientWithUserAndRemoteAddress() {
        try (MinaClient client = connect()) {
            InetSocketAddress clientAddress = (InetSocketAddress) client.session().getIoSession().getLocalAddress();

            assertThat(server.connections()).singleElement().satisfies(connection -> {
                assertThat(connection.id()).isPositive();
                assertThat(connection.user()).isEqualTo("alice");
                assertThat(connection.authenticated()).isTrue();
                assertThat(connection.remoteAddress()).isEqualTo(clientAddress);
                assertThat(connection.connectedAt()).isNotNull();
            });
        }
        Await.await("the closed connection to leave connections()", () -> server.connections().isEmpty(), TIMEOUT);
    }

    @Test
    void disconnectDropsTheConnectionAndTheClientNotices() {
        try (MinaClient dropped = connect(); JschClient kept = JschClient.connect(server.host(), server.port(),
                "alice", "secret")) {
            long id = idOf(dropped);

            assertThat(server.disconnect(id)).isTrue();

            Await.await("the MINA client to notice the disconnect", () -> !dropped.session().isOpen(), TIMEOUT);
            assertThatThrownBy(() -> dropped.download("/seed.txt")).isInstanceOf(RuntimeException.class);
            Await.await("connections() to list only the other client", () -> server.connections().size() == 1,
                    TIMEOUT);
            assertThat(server.disconnect(id)).as("disconnecting it again").isFalse();
            assertThat(new String(kept.download("/seed.txt"), UTF_8)).isEqualTo("seed");
        }
    }

    @Test
    void disconnectedJschClientNotices() {
        try (JschClient client = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            Await.await("the JSch connection to be listed", () -> server.connections().size() == 1, TIMEOUT);

            server.disconnect(server.connections().get(0).id());

            Await.await("JSch to notice the disconnect", () -> !client.session().isConnected(), TIMEOUT);
        }
    }

    @Test
    void stopListeningRefusesNewConnectionsWhileAnOpenSessionKeepsWorking() {
        int port = server.port();
        try (MinaClient open = connect()) {
            server.stopListening();

            assertThat(server.isListening()).isFalse();
            assertThatThrownBy(() -> probe(port)).isInstanceOf(ConnectException.class);
            open.upload("/while-stopped.txt", "still here".getBytes(UTF_8));
            assertThat(new String(open.download("/while-stopped.txt"), UTF_8)).isEqualTo("still here");

            server.startListening();

            assertThat(server.port()).isEqualTo(port);
            try (MinaClient again = connect()) {
                assertThat(again.list("/")).contains("while-stopped.txt");
            }
        }
    }

    @Test
    void resetRemovesFilesDropsConnectionsAndRecreatesDeclaredFiles() {
        try (MinaClient client = connect()) {
            client.upload("/extra.txt", "extra".getBytes(UTF_8));
            client.upload("/seed.txt", "changed".getBytes(UTF_8));
            client.rmdir("/in");
            server.stopListening();

            server.reset();

            Await.await("the client to be disconnected by reset()", () -> !client.session().isOpen(), TIMEOUT);
        }
        assertThat(server.isListening()).isTrue();
        assertThat(server.exists("/extra.txt")).isFalse();
        assertThat(server.fileContent("/seed.txt", UTF_8)).isEqualTo("seed");
        assertThat(server.isDirectory("/in")).isTrue();
        try (MinaClient client = connect()) {
            assertThat(client.list("/")).containsExactlyInAnyOrder("seed.txt", "in");
        }
    }

    @Test
    void exchangesKeysOnALiveConnectionAndTheMinaTransferContinues() throws Exception {
        byte[] content = pattern(1 << 20);
        try (MinaClient client = connect()) {
            AtomicInteger keyExchanges = new AtomicInteger();
            client.session().addSessionListener(new SessionListener() {
                @Override
                public void sessionEvent(Session session, Event event) {
                    if (event == Event.KexCompleted) {
                        keyExchanges.incrementAndGet();
                    }
                }
            });
            try (OutputStream out = client.sftp().write("/rekeyed.bin")) {
                out.write(content, 0, content.length / 2);
                out.flush();

                assertThat(server.exchangeKeys(idOf(client))).isTrue();

                out.write(content, content.length / 2, content.length - content.length / 2);
            }
            Await.await("the client to complete the new key exchange", () -> keyExchanges.get() >= 1, TIMEOUT);
            assertThat(client.download("/rekeyed.bin")).isEqualTo(content);
        }
        assertThat(server.fileContent("/rekeyed.bin")).isEqualTo(content);
    }

    @Test
    void exchangesKeysOnALiveConnectionAndTheJschTransferContinues() throws Exception {
        byte[] content = pattern(1 << 20);
        try (JschClient client = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            Await.await("the JSch connection to be listed", () -> server.connections().size() == 1, TIMEOUT);
            long id = server.connections().get(0).id();
            try (OutputStream out = client.sftp().put("/rekeyed.bin")) {
                out.write(content, 0, content.length / 2);
                out.flush();

                assertThat(server.exchangeKeys(id)).isTrue();

                out.write(content, content.length / 2, content.length - content.length / 2);
            }
            assertThat(client.download("/rekeyed.bin")).isEqualTo(content);
        }
        assertThat(server.fileContent("/rekeyed.bin")).isEqualTo(content);
    }

    @Test
    void answersFalseForConnectionsThatDoNotExist() {
        assertThat(server.disconnect(999)).isFalse();
        assertThat(server.exchangeKeys(999)).isFalse();
    }

    private MinaClient connect() {
        return MinaClient.connect(server.host(), server.port(), "alice", "secret");
    }

    /** The server's id for a client's connection, found by the client's local port. */
    private long idOf(MinaClient client) {
        InetSocketAddress local = (InetSocketAddress) client.session().getIoSession().getLocalAddress();
        Await.await("the connection from " + local + " to be listed", () -> server.connections().stream()
                .anyMatch(c -> local.equals(c.remoteAddress())), TIMEOUT);
        return server.connections().stream().filter(c -> local.equals(c.remoteAddress())).findFirst()
                .orElseThrow().id();
    }

    private static void probe(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        }
    }

    private static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 11));
        }
        return bytes;
    }
}
