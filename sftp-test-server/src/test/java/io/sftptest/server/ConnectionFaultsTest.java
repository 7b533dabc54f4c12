package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/** Connection fault rules, seen by real clients: the client's own timeouts are what these tests exercise. */
class ConnectionFaultsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static SftpTestServer server() {
        return SftpTestServer.builder().user("alice", "secret").start();
    }

    private static Session session(SftpTestServer server) throws JSchException {
        return TestClients.jschSession(server, "alice", "secret");
    }

    @Test
    void aDelayedBannerMakesTheClientsConnectTimeoutFire() throws Exception {
        try (SftpTestServer server = server()) {
            FaultRule rule = server.faults().onConnection().once()
                    .respond(ConnectionFault.delayBanner(Duration.ofSeconds(5)));
            Session session = session(server);
            long start = System.nanoTime();
            assertThatThrownBy(() -> session.connect(500)).isInstanceOf(JSchException.class)
                    .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
            // no upper wall-clock bound: the SocketTimeoutException says it was the client's own timeout
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(500);
            assertThat(rule.fired()).isEqualTo(1);
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThat(client.sftp().pwd()).isEqualTo("/");
            }
        }
    }

    @Test
    void aShortBannerDelayOnlySlowsTheConnectionDown() throws Exception {
        try (SftpTestServer server = server()) {
            server.faults().onConnection().respond(ConnectionFault.delayBanner(Duration.ofMillis(300)));
            long start = System.nanoTime();
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
                assertThat(client.sftp().pwd()).isEqualTo("/");
            }
        }
    }

    @Test
    void refusesTheFirstConnectionAndAcceptsTheNext() throws Exception {
        try (SftpTestServer server = server()) {
            server.faults().onConnection().respond(ConnectionFault.refuse(), ConnectionFault.none());
            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
            Await.await("the refused connection to be gone", () -> server.connections().isEmpty(), TIMEOUT);
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThat(client.sftp().pwd()).isEqualTo("/");
            }
            assertThat(server.recording().requests()).extracting(RecordedRequest::operation).startsWith(
                    SftpOperation.CONNECT, SftpOperation.DISCONNECT, SftpOperation.CONNECT, SftpOperation.AUTH);
        }
    }

    @Test
    void closeAfterAcceptEndsTheConnectionDuringTheHandshake() throws Exception {
        try (SftpTestServer server = server()) {
            server.faults().onConnection().once().respond(ConnectionFault.closeAfterAccept());
            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
            Await.await("no connection left", () -> server.connections().isEmpty(), TIMEOUT);
        }
    }

    @Test
    void aStalledKeyExchangeGoesOnWhenReleased() throws Exception {
        try (SftpTestServer server = server()) {
            FaultRule stall = server.faults().onConnection().once().respond(ConnectionFault.stallKeyExchange());
            Session timesOut = session(server);
            assertThatThrownBy(() -> timesOut.connect(300)).isInstanceOf(JSchException.class);
            stall.release();

            FaultRule again = server.faults().onConnection().once().respond(ConnectionFault.stallKeyExchange());
            Session session = session(server);
            CompletableFuture<Void> connect = CompletableFuture.runAsync(() -> {
                try {
                    session.connect(10_000);
                } catch (JSchException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(again.awaitFired(1, TIMEOUT)).isTrue();
            assertThat(connect).isNotDone();
            again.release();
            connect.get(10, TimeUnit.SECONDS);
            assertThat(session.isConnected()).isTrue();
            session.disconnect();
        }
    }

    @Test
    void connectionRulesDoNotTouchRequests() throws Exception {
        try (SftpTestServer server = server()) {
            FaultRule rule = server.faults().onConnection().nth(2).respond(ConnectionFault.refuse());
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().mkdir("/d");
            }
            assertThat(rule.isUsed()).isFalse();
            assertThat(server.faults().unused()).containsExactly(rule);
            assertThat(rule.toString()).isEqualTo("onConnection().nth(2) -> refuse() (fired 0x)");
        }
    }
}
