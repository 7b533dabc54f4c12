package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.jcraft.jsch.SftpStatVFS;

/** Disk capacity and quotas, met by real clients: the write that crosses the limit fails, the rest stays. */
class DiskSpaceTest {
    private static final byte[] CONTENT = new byte[200_000];

    static {
        new Random(18).nextBytes(CONTENT);
    }

    private SftpTestServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    /** MINA's client negotiates SFTP v6 and gets the code itself; JSch and sshj speak v3 and get FAILURE. */
    private static int expected(ClientKind kind, SftpStatus status) {
        return kind == ClientKind.MINA ? status.code() : SftpStatus.FAILURE.code();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void failsTheWriteThatCrossesTheCapacityAndKeepsWhatWasWrittenBefore(ClientKind kind) {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(100_000).start();
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.upload("/big.bin", CONTENT))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> assertThat(e.status())
                            .isEqualTo(expected(kind, SftpStatus.NO_SPACE_ON_FILESYSTEM)));
        }
        byte[] kept = server.fileContent("/big.bin");
        // the clients write about 32 KiB at a time: the first three writes fit
        assertThat(kept.length).isGreaterThan(90_000).isLessThanOrEqualTo(100_000);
        assertThat(kept).isEqualTo(Arrays.copyOf(CONTENT, kept.length));
        RecordedRequest refused = server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)).stream()
                .filter(request -> request.status() != SftpStatus.OK).findFirst().orElseThrow();
        assertThat(refused.status()).isEqualTo(kind == ClientKind.MINA ? SftpStatus.NO_SPACE_ON_FILESYSTEM
                : SftpStatus.FAILURE);
        assertThat(refused.message()).isEqualTo("No space left on device");
        assertThat(refused.offset()).isEqualTo(kept.length);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void failsAWriteBeyondTheQuotaBelowTheUsersHomeOnly(ClientKind kind) {
        server = SftpTestServer.builder().user("alice", "secret").homeDirectory("alice", "/home/alice")
                .directory("/shared").quota("alice", 50_000).start();
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            client.upload("/shared/big.bin", CONTENT);
            assertThatThrownBy(() -> client.upload("/home/alice/big.bin", CONTENT))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> assertThat(e.status())
                            .isEqualTo(expected(kind, SftpStatus.QUOTA_EXCEEDED)));
        }
        assertThat(server.fileContent("/shared/big.bin")).isEqualTo(CONTENT);
        assertThat(server.disk().used("alice")).isLessThanOrEqualTo(50_000)
                .isEqualTo(server.fileContent("/home/alice/big.bin").length);
    }

    @Test
    void freesSpaceWhenAFileIsRemovedOrOverwrittenWithLess() {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(100_000).start();
        server.putFile("/old.bin", new byte[90_000]);
        try (InteropClient client = ClientKind.SSHJ.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.upload("/new.bin", new byte[20_000]))
                    .isInstanceOf(InteropClient.StatusException.class);
            client.upload("/old.bin", new byte[10_000]); // an upload truncates first: 80 000 bytes free again
            client.upload("/new.bin", new byte[20_000]);
            client.remove("/old.bin");
            client.upload("/third.bin", new byte[70_000]);
        }
        assertThat(server.disk().used()).isEqualTo(90_000);
    }

    @Test
    void overwritingWithinAFileNeedsNoSpaceButAppendingDoes() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").start();
        server.putFile("/data.bin", new byte[50_000]);
        server.disk().capacity(50_000);
        byte[] patch = "patched".getBytes(UTF_8);
        try (TestClients.Mina mina = TestClients.mina(server, "alice", "secret", null);
                SftpClient.CloseableHandle handle = mina.sftp().open("/data.bin", SftpClient.OpenMode.Write)) {
            mina.sftp().write(handle, 100, patch);
            assertThatThrownBy(() -> mina.sftp().write(handle, 50_000, patch))
                    .isInstanceOfSatisfying(org.apache.sshd.sftp.common.SftpException.class, e -> assertThat(
                            e.getStatus()).isEqualTo(SftpStatus.NO_SPACE_ON_FILESYSTEM.code()));
        }
        assertThat(Arrays.copyOfRange(server.fileContent("/data.bin"), 100, 107)).isEqualTo(patch);
        assertThat(server.fileContent("/data.bin")).hasSize(50_000);
    }

    @Test
    void theTestsOwnFilesAreNeverRefusedAndCount() {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(1_000).start();
        server.putFile("/filler.bin", new byte[5_000]);
        assertThat(server.disk().used()).isEqualTo(5_000);
        try (InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.upload("/one-byte.txt", new byte[1]))
                    .isInstanceOf(InteropClient.StatusException.class);
        }
        assertThat(server.fileContent("/one-byte.txt")).isEmpty();
    }

    @Test
    void jschStatVfsReportsTheCapacityAndTheFreeSpace() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(10L << 20).start();
        server.putFile("/used.bin", new byte[1 << 20]);
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            SftpStatVFS vfs = jsch.sftp().statVFS("/");
            assertThat(vfs.getSize()).isEqualTo(10 * 1024); // KiB
            assertThat(vfs.getAvailForNonRoot()).isEqualTo(9 * 1024);
            assertThat(vfs.getUsed()).isEqualTo(1024);
        }
    }

    @Test
    void statVfsBelowAHomeReportsTheQuota() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").homeDirectory("alice", "/home/alice")
                .quota("alice", 2L << 20).diskCapacity(10L << 20).start();
        server.putFile("/home/alice/a.bin", new byte[512 * 1024]);
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            SftpStatVFS home = jsch.sftp().statVFS("/home/alice");
            assertThat(home.getSize()).isEqualTo(2 * 1024);
            assertThat(home.getAvailForNonRoot()).isEqualTo(1536);
            assertThat(jsch.sftp().statVFS("/").getSize()).isEqualTo(10 * 1024);
        }
    }

    @Test
    void openSshDfShowsTheLimitAndPutFailsOnAFullDisk(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id_ed25519");
        server = SftpTestServer.builder().user("bob", key.resolveSibling("id_ed25519.pub"))
                .diskCapacity(4L << 20).start();
        server.putFile("/used.bin", new byte[1 << 20]);
        Files.write(dir.resolve("big.bin"), new byte[4 << 20]);
        Processes.Result df = OpenSsh.sftp(server, "bob", key, "df /").assertSucceeded();
        assertThat(df.output()).containsPattern("4096\\s+1024\\s+3072\\s+3072\\s+25%");
        Processes.Result put = OpenSsh.sftp(server, "bob", key, "put " + dir.resolve("big.bin") + " /big.bin")
                .assertFailed();
        assertThat(put.output()).contains("Failure");
        assertThat(server.fileContent("/big.bin").length).isLessThanOrEqualTo(3 << 20);
    }

    @Test
    void curlReportsAFailedUpload(@TempDir Path dir) throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(64 * 1024).start();
        Path local = dir.resolve("big.bin");
        Files.write(local, CONTENT);
        Processes.Result result = Curl.run(dir, server, "alice", "secret", "/big.bin", "-T", local.toString())
                .assertFailed();
        assertThat(result.output()).contains("(79)"); // libssh2 reports a failed write as an SSH-layer error
        assertThat(server.fileContent("/big.bin").length).isLessThanOrEqualTo(64 * 1024);
    }

    @Test
    void paramikoIgnoresTheRefusedWritesAndReportsOnlyASizeMismatch(@TempDir Path dir) {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(64 * 1024).start();
        Processes.Result result = Paramiko.run(dir, server, "alice", "secret", String.join("\n",
                "import io",
                "try:",
                "    sftp.putfo(io.BytesIO(b'x' * 200000), '/big.bin')",
                "    print('uploaded')",
                "except IOError as e:",
                "    print('refused:', e)"));
        // paramiko pipelines its writes and reads none of their answers: only the stat after the upload tells
        assertThat(result.assertSucceeded().output()).contains("refused: size mismatch in put!  65536 != 200000");
        assertThat(server.fileContent("/big.bin")).hasSize(64 * 1024);
    }

    @Test
    void limitsChangeWhileTheServerRunsAndResetRestoresTheBuiltOnes() {
        server = SftpTestServer.builder().user("alice", "secret").diskCapacity(1_000).start();
        server.disk().capacity(500_000).quota("alice", 10);
        assertThat(server.disk().capacity()).hasValue(500_000);
        assertThat(server.disk().quota("alice")).hasValue(10);
        server.reset();
        assertThat(server.disk().capacity()).hasValue(1_000);
        assertThat(server.disk().quota("alice")).isEmpty();
        server.disk().unlimited();
        try (InteropClient client = ClientKind.MINA.connect(server, "alice", "secret")) {
            client.upload("/big.bin", CONTENT);
        }
        assertThat(server.fileContent("/big.bin")).isEqualTo(CONTENT);
    }

    @Test
    void limitsARealRootDirectoryToo(@TempDir Path root) {
        server = SftpTestServer.builder().user("alice", "secret").rootDirectory(root).diskCapacity(100_000).start();
        try (InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.upload("/big.bin", CONTENT)).isInstanceOf(
                    InteropClient.StatusException.class);
        }
        assertThat(root.resolve("big.bin")).exists();
        assertThat(server.disk().used()).isLessThanOrEqualTo(100_000).isPositive();
    }

    @Test
    void refusesANegativeCapacityOrQuotaAndAQuotaForAnUnknownUser() {
        assertThatThrownBy(() -> SftpTestServer.builder().diskCapacity(-1))
                .hasMessageContaining("disk capacity must not be negative, was -1");
        assertThatThrownBy(() -> SftpTestServer.builder().quota("alice", -5))
                .hasMessageContaining("quota of user \"alice\" must not be negative");
        assertThatThrownBy(() -> SftpTestServer.builder().user("alice", "secret").quota("carol", 10).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quota for user \"carol\", who is not a user of this server [alice]")
                .hasMessageContaining("add .user(\"carol\", ...)");
        server = SftpTestServer.builder().user("alice", "secret").start();
        assertThatThrownBy(() -> server.disk().quota("carol", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no user \"carol\" on this server");
        assertThatThrownBy(() -> server.disk().capacity(-2)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> SftpTestServer.builder().virtualFileSystem().diskCapacity(10).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("drop .clock(...), .diskCapacity(...)");
        assertThat(server.disk().capacity()).isEmpty();
    }

    @Test
    void readsByteCountsWithBinaryUnits() {
        assertThat(DiskSpace.parseSize("1048576")).isEqualTo(1 << 20);
        assertThat(DiskSpace.parseSize("64KiB")).isEqualTo(64 * 1024);
        assertThat(DiskSpace.parseSize("10m")).isEqualTo(10 << 20);
        assertThat(DiskSpace.parseSize("2GiB")).isEqualTo(2L << 30);
        for (String bad : List.of("10MB", "-1", "1.5MiB", "")) {
            assertThatThrownBy(() -> DiskSpace.parseSize(bad)).hasMessageContaining("is no byte count");
        }
        assertThatThrownBy(() -> DiskSpace.parseSize("99999999999999999999")).hasMessageContaining("too large");
    }
}
