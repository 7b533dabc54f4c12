package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.jcraft.jsch.SftpException;

/** SFTP version negotiation, status codes per version, and custom status messages. */
class ProtocolVersionTest {
    @Test
    void lftpAndMinasClientNegotiateAboveVersion3WhileOpenSshCurlParamikoJschAndSshjStayAt3(@TempDir Path dir)
            throws Exception {
        Path key = OpenSsh.generateKey(dir, "id");
        Files.writeString(dir.resolve("f.txt"), "f");
        // a server that offers 4 to 6 refuses every client that asks for 3 only
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("alice", dir.resolve("id.pub"))
                .protocolVersions(4, 6).start()) {
            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThat(mina.sftp().getVersion()).isEqualTo(6);
            }
            Lftp.run(dir, server, "alice", "secret", "put f.txt -o /lftp.txt").assertSucceeded();
            assertThat(server.exists("/lftp.txt")).isTrue();

            OpenSsh.sftp(server, "alice", key, "ls /").assertFailed();
            Curl.run(dir, server, "alice", "secret", "/").assertFailed();
            assertThat(Paramiko.run(dir, server, "alice", "secret", "sftp.listdir('/')").assertFailed().output())
                    .contains("Incompatible sftp protocol");
            assertThatThrownBy(() -> JschClient.connect(server.host(), server.port(), "alice", "secret").close())
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> SshjClient.connect(server.host(), server.port(), "alice", "secret").close())
                    .isInstanceOf(RuntimeException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6})
    void answersNoSuchPathWhenADirectoryOnThePathIsMissing(int version) throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "a").start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret");
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(mina.session(),
                        SftpVersionSelector.fixedVersionSelector(version))) {
            assertThat(sftp.getVersion()).isEqualTo(version);

            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.open("/nodir/x.txt", SftpClient.OpenMode.Write,
                    SftpClient.OpenMode.Create));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.open("/nodir/x.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.stat("/a/b/c/x.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.lstat("/nodir/x.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.setStat("/nodir/x.txt",
                    new SftpClient.Attributes().perms(0600)));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.mkdir("/nodir/sub"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.remove("/nodir/x.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.openDir("/nodir/sub"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.readLink("/nodir/link"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.rename("/in/a.txt", "/nodir/a.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_PATH, () -> sftp.rename("/nodir/a.txt", "/in/b.txt"));

            // the directory exists, the file does not
            assertSftpStatus(SftpStatus.NO_SUCH_FILE, () -> sftp.open("/in/missing.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_FILE, () -> sftp.stat("/in/missing.txt"));
            assertSftpStatus(SftpStatus.NO_SUCH_FILE, () -> sftp.openDir("/nodir"));
            assertSftpStatus(SftpStatus.NO_SUCH_FILE, () -> sftp.rename("/in/missing.txt", "/nodir/b.txt"));
            assertThat(server.recording().requests(RequestFilter.any().status(SftpStatus.NO_SUCH_PATH))).hasSize(11);
            assertThat(server.exists("/in/a.txt")).isTrue();
        }
    }

    @Test
    void answersNoSuchFileForAMissingDirectoryToVersion3ClientsAsBefore(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id");
        Files.writeString(dir.resolve("f.txt"), "f");
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("alice", dir.resolve("id.pub"))
                .start()) {
            try (JschClient jsch = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThatThrownBy(() -> jsch.sftp().put(new java.io.ByteArrayInputStream(new byte[1]), "/nodir/x"))
                        .isInstanceOfSatisfying(SftpException.class, e -> {
                            assertThat(e.id).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
                            assertThat(e.getMessage()).endsWith("No such file or directory");
                        });
            }
            Processes.Result openSsh = OpenSsh.sftp(server, "alice", key, "put f.txt /nodir/f.txt").assertFailed();
            assertThat(openSsh.output()).contains("No such file or directory");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.OPEN)))
                    .extracting(RecordedRequest::status).containsOnly(SftpStatus.NO_SUCH_FILE);
        }
    }

    @Test
    void lftpShowsNoSuchPathForAnUploadIntoAMissingDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("f.txt"), "f");
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            Processes.Result put = Lftp.run(dir, server, "alice", "secret", "put f.txt -o /nodir/f.txt").assertFailed();
            assertThat(put.output()).contains("No such path (/nodir/f.txt)");
        }
        try (SftpTestServer v3 = SftpTestServer.builder().user("alice", "secret").personality(Personality.SFTP_V3_ONLY)
                .start()) {
            Processes.Result put = Lftp.run(dir, v3, "alice", "secret", "put f.txt -o /nodir/f.txt").assertFailed();
            assertThat(put.output()).contains("No such file or directory (/nodir/f.txt)");
        }
    }

    private static void assertSftpStatus(SftpStatus expected, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(org.apache.sshd.sftp.common.SftpException.class,
                e -> assertThat(SftpStatus.fromCode(e.getStatus())).as(e.getMessage()).isEqualTo(expected));
    }

    @Test
    void negotiatesVersion3WhenOnlyVersion3IsOffered() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersion(3).start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.sftp().getVersion()).isEqualTo(3);
        }
    }

    @Test
    void negotiatesVersion6WithTheMinaClientByDefault() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.sftp().getVersion()).isEqualTo(6);
        }
    }

    @Test
    void sendsDirNotEmptyToAVersion6Client() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersion(6)
                .file("/full/file.txt", "x").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.sftp().getVersion()).isEqualTo(6);

            StatusAssertions.assertStatus(SftpStatus.DIR_NOT_EMPTY, () -> client.rmdir("/full"));
        }
    }

    @Test
    void sendsFailureInsteadOfDirNotEmptyToAVersion3Client() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersion(3)
                .file("/full/file.txt", "x").start()) {
            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
                StatusAssertions.assertStatus(SftpStatus.FAILURE, () -> mina.rmdir("/full"));
            }
            try (JschClient jsch = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThatThrownBy(() -> jsch.sftp().rmdir("/full"))
                        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.id)
                                .as("JSch's raw status code").isEqualTo(SftpStatus.FAILURE.code()));
            }
            assertThat(server.exists("/full/file.txt")).isTrue();
        }
    }

    @Test
    void sendsFailureToJschWhateverVersionsTheServerOffers() {
        // JSch speaks version 3 only, so even a server offering 3..6 must map v6-only codes for it.
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .file("/full/file.txt", "x").start();
                JschClient jsch = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThatThrownBy(() -> jsch.sftp().rmdir("/full"))
                    .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.id).isEqualTo(4));
        }
    }

    @Test
    void refusesAClientThatOnlySpeaksAVersionBelowTheMinimum() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersions(4, 6).start()) {
            assertThatThrownBy(() -> JschClient.connect(server.host(), server.port(), "alice", "secret").close())
                    .isInstanceOf(RuntimeException.class);

            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThat(mina.sftp().getVersion()).isEqualTo(6);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void showsTheConfiguredStatusMessage(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .statusMessage(SftpStatus.NO_SUCH_FILE, "nothing here").start();
                InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.download("/missing.txt"))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> {
                        assertThat(e.status()).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
                        assertThat(e.getCause().getMessage()).contains("nothing here");
                    });
        }
    }
}
