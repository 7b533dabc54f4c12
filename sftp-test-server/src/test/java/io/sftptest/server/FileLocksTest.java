package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Windows-like locks: a file another party holds open cannot be opened for writing, renamed or deleted. */
class FileLocksTest {
    private SftpTestServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    private SftpTestServer lockingServer() {
        return SftpTestServer.builder().user("alice", "secret").user("bob", "hunter2").lockOpenFiles(true)
                .file("/in/report.csv", "a,b\n").start();
    }

    private static void assertLockConflict(ClientKind kind, Runnable call) {
        int expected = kind == ClientKind.MINA ? SftpStatus.LOCK_CONFLICT.code() : SftpStatus.FAILURE.code();
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InteropClient.StatusException.class,
                e -> assertThat(e.status()).isEqualTo(expected));
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void refusesToWriteRenameOrDeleteAFileAnotherConnectionHoldsOpen(ClientKind kind) throws Exception {
        server = lockingServer();
        try (TestClients.Mina holder = TestClients.mina(server, "bob", "hunter2", null);
                SftpClient.CloseableHandle open = holder.sftp().open("/in/report.csv", SftpClient.OpenMode.Read);
                InteropClient client = kind.connect(server, "alice", "secret")) {
            assertLockConflict(kind, () -> client.upload("/in/report.csv", "new".getBytes(UTF_8)));
            assertLockConflict(kind, () -> client.rename("/in/report.csv", "/in/done.csv"));
            assertLockConflict(kind, () -> client.remove("/in/report.csv"));
            assertThat(new String(client.download("/in/report.csv"), UTF_8)).isEqualTo("a,b\n"); // reading is fine
            client.upload("/in/other.csv", "x".getBytes(UTF_8));
        }
        assertThat(server.fileContent("/in/report.csv", UTF_8)).isEqualTo("a,b\n");
        RecordedRequest refused = server.recording().requests(RequestFilter.operation(SftpOperation.REMOVE)).get(0);
        assertThat(refused.message())
                .isEqualTo("The process cannot access the file because it is being used by another process");
    }

    @Test
    void releasesTheFileWhenTheHandleIsClosed() throws Exception {
        server = lockingServer();
        try (TestClients.Mina holder = TestClients.mina(server, "bob", "hunter2", null);
                InteropClient client = ClientKind.SSHJ.connect(server, "alice", "secret")) {
            try (SftpClient.CloseableHandle open = holder.sftp().open("/in/report.csv", SftpClient.OpenMode.Write)) {
                assertThat(server.locks().isOpen("/in/report.csv")).isTrue();
                assertLockConflict(ClientKind.SSHJ, () -> client.remove("/in/report.csv"));
            }
            client.remove("/in/report.csv");
        }
        assertThat(server.exists("/in/report.csv")).isFalse();
    }

    @Test
    void aConnectionMayChangeAFileItHoldsOpenItself() throws Exception {
        server = lockingServer();
        try (TestClients.Mina mina = TestClients.mina(server, "alice", "secret", null);
                SftpClient.CloseableHandle open = mina.sftp().open("/in/report.csv", SftpClient.OpenMode.Read)) {
            mina.sftp().rename("/in/report.csv", "/in/renamed.csv");
        }
        assertThat(server.exists("/in/renamed.csv")).isTrue();
    }

    @Test
    void aDroppedTransferHoldsTheFileUntilTheServerClosedItsHandle() throws Exception {
        server = lockingServer();
        TestClients.Mina holder = TestClients.mina(server, "bob", "hunter2", null);
        try (InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
            SftpClient.CloseableHandle open = holder.sftp().open("/in/report.csv", SftpClient.OpenMode.Write);
            holder.sftp().write(open, 4, "c,d\n".getBytes(UTF_8));
            assertLockConflict(ClientKind.JSCH, () -> client.upload("/in/report.csv", "new".getBytes(UTF_8)));
            long bob = server.connections().stream().filter(c -> "bob".equals(c.user())).findFirst().orElseThrow()
                    .id();
            server.disconnect(bob); // the transfer drops without a CLOSE
            Await.await("the dropped connection's handle to be closed", () -> !server.locks().isOpen("/in/report.csv"),
                    Duration.ofSeconds(10));
            client.upload("/in/report.csv", "new".getBytes(UTF_8));
        } finally {
            holder.client().stop();
        }
        assertThat(server.fileContent("/in/report.csv", UTF_8)).isEqualTo("new");
    }

    @Test
    void aResetReleasesTheFilesOfTheConnectionsItDropped() throws Exception {
        server = lockingServer();
        TestClients.Mina holder = TestClients.mina(server, "bob", "hunter2", null);
        try {
            holder.sftp().open("/in/report.csv", SftpClient.OpenMode.Write);
            server.reset();
            assertThat(server.locks().isOpen("/in/report.csv")).isFalse(); // at once, not when MINA gets to it
            try (InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
                client.remove("/in/report.csv");
            }
        } finally {
            holder.client().stop();
        }
    }

    @Test
    void theTestCanHoldAFileOpenAsAnotherProgramWould() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").file("/in/prices.xlsx", "v1").start();
        assertThatThrownBy(() -> server.locks().hold("/in/prices.xlsx"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call server.locks().enable() first");
        server.locks().enable();
        assertThatThrownBy(() -> server.locks().hold("/in/nothing.xlsx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no file \"/in/nothing.xlsx\"");
        try (InteropClient client = ClientKind.MINA.connect(server, "alice", "secret")) {
            try (AutoCloseable excel = server.locks().hold("/in/prices.xlsx")) {
                assertLockConflict(ClientKind.MINA, () -> client.upload("/in/prices.xlsx", "v2".getBytes(UTF_8)));
            }
            client.upload("/in/prices.xlsx", "v2".getBytes(UTF_8));
            server.locks().hold("/in/prices.xlsx");
            server.reset(); // releases the test's holds and turns locking off again, as built
            assertThat(server.locks().isEnabled()).isFalse();
            assertThat(server.locks().isOpen("/in/prices.xlsx")).isFalse();
        }
    }

    @Test
    void withoutLockingAnOpenFileCanBeReplacedAsOnUnix() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").user("bob", "hunter2")
                .file("/in/report.csv", "a,b\n").start();
        try (TestClients.Mina holder = TestClients.mina(server, "bob", "hunter2", null);
                SftpClient.CloseableHandle open = holder.sftp().open("/in/report.csv", SftpClient.OpenMode.Read);
                InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
            client.upload("/in/report.csv", "new".getBytes(UTF_8));
            assertThat(server.locks().isOpen("/in/report.csv")).isTrue();
            server.locks().enable(); // the open from before counts at once
            assertLockConflict(ClientKind.JSCH, () -> client.remove("/in/report.csv"));
        }
    }

    @Test
    void locksFilesOfARealRootDirectoryToo(@TempDir Path root) throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").user("bob", "hunter2").rootDirectory(root)
                .lockOpenFiles(true).start();
        server.putFile("/in/report.csv", "a,b\n");
        try (TestClients.Mina holder = TestClients.mina(server, "bob", "hunter2", null);
                SftpClient.CloseableHandle open = holder.sftp().open("/in/report.csv", SftpClient.OpenMode.Read);
                InteropClient client = ClientKind.SSHJ.connect(server, "alice", "secret")) {
            assertLockConflict(ClientKind.SSHJ, () -> client.rename("/in/report.csv", "/in/done.csv"));
            assertLockConflict(ClientKind.SSHJ, () -> client.remove("/in/report.csv"));
        }
        assertThat(root.resolve("in/report.csv")).hasContent("a,b");
    }

    @Test
    void openSshSftpCannotDeleteALockedFile(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id_ed25519");
        server = SftpTestServer.builder().user("bob", key.resolveSibling("id_ed25519.pub")).lockOpenFiles(true)
                .file("/in/report.csv", "a,b\n").start();
        try (AutoCloseable held = server.locks().hold("/in/report.csv")) {
            Processes.Result rm = OpenSsh.sftp(server, "bob", key, "rm /in/report.csv").assertFailed();
            assertThat(rm.output()).contains("Failure");
        }
        assertThat(server.exists("/in/report.csv")).isTrue();
    }

    @Test
    void paramikoGetsAnIoErrorForALockedFile(@TempDir Path dir) throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").lockOpenFiles(true)
                .file("/in/report.csv", "a,b\n").start();
        try (AutoCloseable held = server.locks().hold("/in/report.csv")) {
            Processes.Result result = Paramiko.run(dir, server, "alice", "secret", String.join("\n",
                    "try:",
                    "    sftp.rename('/in/report.csv', '/in/done.csv')",
                    "    print('renamed')",
                    "except IOError as e:",
                    "    print('refused:', e)"));
            assertThat(result.output()).contains("refused:").doesNotContain("renamed");
        }
    }
}
