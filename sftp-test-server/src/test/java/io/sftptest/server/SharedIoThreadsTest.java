package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import com.jcraft.jsch.ChannelSftp.LsEntry;

import org.junit.jupiter.api.Test;

/**
 * All servers in a JVM share one pool of I/O threads: closing one server must not stop the threads
 * that the others' connections run on.
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
