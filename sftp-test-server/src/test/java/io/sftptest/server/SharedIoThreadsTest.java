package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.jcraft.jsch.ChannelSftp.LsEntry;
import com.jcraft.jsch.Session;

import org.junit.jupiter.api.Test;

/**
 * All servers in a JVM share one pool of I/O threads, one channel group and one timer: closing one server must
 * not stop what the others' connections run on, and must still release its own port and connections.
 */
@org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES) // a regression hangs JSch
class SharedIoThreadsTest {

    @Test
    void closingOneServerLeavesAnotherServersConnectionsWorking() throws Exception {
        try (SftpTestServer kept = SftpTestServer.builder().user("alice", "secret").start()) {
            SftpTestServer closed = SftpTestServer.builder().user("alice", "secret").start();
            try (TestClients.Jsch before = TestClients.jsch(kept, "alice", "secret");
                    TestClients.Jsch onClosed = TestClients.jsch(closed, "alice", "secret")) {
                closed.close();

                before.sftp().put(new ByteArrayInputStream("still served".getBytes(UTF_8)), "/a.txt");
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                before.sftp().get("/a.txt", back);
                assertThat(back.toString(UTF_8)).isEqualTo("still served");
            }
            try (TestClients.Jsch after = TestClients.jsch(kept, "alice", "secret")) {
                assertThat(after.sftp().ls("/")).extracting(entry -> ((LsEntry) entry).getFilename()).contains("a.txt");
            }
        }
    }

    @Test
    void closingOneServerReleasesItsPortAndDropsItsConnectionsOnly() throws Exception {
        try (SftpTestServer kept = SftpTestServer.builder().user("alice", "secret").start()) {
            SftpTestServer closed = SftpTestServer.builder().user("alice", "secret").start();
            int closedPort = closed.port();
            try (TestClients.Jsch onKept = TestClients.jsch(kept, "alice", "secret");
                    TestClients.Jsch onClosed = TestClients.jsch(closed, "alice", "secret")) {
                closed.close();

                Await.await("the closed server's client to lose its connection", () -> !onClosed.session().isConnected(),
                        Duration.ofSeconds(10));
                try (ServerSocket again = new ServerSocket()) {
                    again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort));
                }
                onKept.put("/still.txt", "served");
                assertThat(onKept.get("/still.txt")).isEqualTo("served");
                assertThat(kept.connections()).hasSize(1);
            }
        }
    }

    @Test
    void anotherServersIdleTimeoutStillFiresAfterOneServerClosed() throws Exception {
        try (SftpTestServer timed = SftpTestServer.builder().user("alice", "secret")
                .idleTimeout(Duration.ofMillis(300)).start()) {
            try (SftpTestServer closed = SftpTestServer.builder().user("alice", "secret").start();
                    TestClients.Jsch client = TestClients.jsch(closed, "alice", "secret")) {
                client.put("/x.txt", "x"); // the closed server's timeouts were scheduled too
            }
            Session idle = TestClients.jschConnect(timed, "alice", "secret");
            try {
                Await.await("the idle connection to be closed by the idle timeout", () -> !idle.isConnected(),
                        Duration.ofSeconds(10));
                Await.await("the server to forget it", () -> timed.connections().isEmpty(), Duration.ofSeconds(10));
            } finally {
                idle.disconnect();
            }
        }
    }

    @Test
    void aServerStartedAfterOthersClosedAcceptsConnections() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                    TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().put(new ByteArrayInputStream(new byte[] {(byte) i}), "/n.bin");
                assertThat(server.fileContent("/n.bin")).containsExactly((byte) i);
            }
        }
    }
}
