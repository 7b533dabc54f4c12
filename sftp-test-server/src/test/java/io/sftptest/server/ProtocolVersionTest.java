package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * Requests whose path lies in a directory that does not exist, on a server that has {@code /in/a.txt}: each
     * fails with NO_SUCH_FILE on most servers, and with NO_SUCH_PATH at v4+ on those that tell the two apart.
     */
    private static Map<String, ThrowingCallable> requestsInAMissingDirectory(SftpClient sftp) {
        Map<String, ThrowingCallable> requests = new LinkedHashMap<>();
        requests.put("OPEN for writing", () -> sftp.open("/nodir/x.txt", SftpClient.OpenMode.Write,
                SftpClient.OpenMode.Create));
        requests.put("OPEN for reading", () -> sftp.open("/nodir/x.txt"));
        requests.put("STAT three levels down", () -> sftp.stat("/a/b/c/x.txt"));
        requests.put("LSTAT", () -> sftp.lstat("/nodir/x.txt"));
        requests.put("SETSTAT", () -> sftp.setStat("/nodir/x.txt", new SftpClient.Attributes().perms(0600)));
        requests.put("MKDIR", () -> sftp.mkdir("/nodir/sub"));
        requests.put("REMOVE", () -> sftp.remove("/nodir/x.txt"));
        requests.put("OPENDIR", () -> sftp.openDir("/nodir/sub"));
        requests.put("READLINK", () -> sftp.readLink("/nodir/link"));
        requests.put("RENAME into it", () -> sftp.rename("/in/a.txt", "/nodir/a.txt"));
        requests.put("RENAME from it", () -> sftp.rename("/nodir/a.txt", "/in/b.txt"));
        return requests;
    }

    private static SftpClient sftpAtVersion(MinaClient mina, int version) throws IOException {
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(mina.session(),
                SftpVersionSelector.fixedVersionSelector(version));
        assertThat(sftp.getVersion()).isEqualTo(version);
        return sftp;
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6})
    void answersNoSuchFileWhenADirectoryOnThePathIsMissingAtEveryVersionAsMostServersDo(int version)
            throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "a").start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret");
                SftpClient sftp = sftpAtVersion(mina, version)) {
            requestsInAMissingDirectory(sftp).forEach((request, call) -> assertSftpStatus(request,
                    SftpStatus.NO_SUCH_FILE, call));
            assertThat(server.recording().requests(RequestFilter.any().status(SftpStatus.NO_SUCH_FILE))).hasSize(11);
            assertThat(server.exists("/in/a.txt")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 5, 6})
    void noSuchPathAnswersNoSuchPathWhenADirectoryOnThePathIsMissing(int version) throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "a")
                .personality(Personality.NO_SUCH_PATH).start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret");
                SftpClient sftp = sftpAtVersion(mina, version)) {
            requestsInAMissingDirectory(sftp).forEach((request, call) -> assertSftpStatus(request,
                    SftpStatus.NO_SUCH_PATH, call));

            // the directory exists, the file does not
            assertSftpStatus("OPEN", SftpStatus.NO_SUCH_FILE, () -> sftp.open("/in/missing.txt"));
            assertSftpStatus("STAT", SftpStatus.NO_SUCH_FILE, () -> sftp.stat("/in/missing.txt"));
            assertSftpStatus("OPENDIR", SftpStatus.NO_SUCH_FILE, () -> sftp.openDir("/nodir"));
            assertSftpStatus("RENAME", SftpStatus.NO_SUCH_FILE, () -> sftp.rename("/in/missing.txt", "/nodir/b.txt"));
            assertThat(server.recording().requests(RequestFilter.any().status(SftpStatus.NO_SUCH_PATH))).hasSize(11);
            assertThat(server.exists("/in/a.txt")).isTrue();
        }
    }

    @Test
    void noSuchPathStillAnswersNoSuchFileToVersion3Clients(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id");
        Files.writeString(dir.resolve("f.txt"), "f");
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("alice", dir.resolve("id.pub"))
                .personality(Personality.NO_SUCH_PATH).start()) {
            try (JschClient jsch = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThatThrownBy(() -> jsch.sftp().put(new ByteArrayInputStream(new byte[1]), "/nodir/x"))
                        .isInstanceOfSatisfying(SftpException.class, e -> {
                            assertThat(e.id).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
                            assertThat(e.getMessage()).endsWith("No such file or directory");
                        });
            }
            Processes.Result openSsh = OpenSsh.sftp(server, "alice", key, "put f.txt /nodir/f.txt").assertFailed();
            assertThat(openSsh.output()).contains("No such file or directory");
            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret");
                    SftpClient sftp = sftpAtVersion(mina, 3)) {
                requestsInAMissingDirectory(sftp).forEach((request, call) -> assertSftpStatus(request,
                        SftpStatus.NO_SUCH_FILE, call));
            }
            assertThat(server.recording().requests(RequestFilter.any().status(SftpStatus.NO_SUCH_PATH))).isEmpty();
        }
        // with sftp-v3-only, a client that asks for v6 gets v3 and so NO_SUCH_FILE: the two compose
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .personality(Personality.NO_SUCH_PATH).personality(Personality.SFTP_V3_ONLY).start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(mina.sftp().getVersion()).isEqualTo(3);
            assertSftpStatus("OPEN", SftpStatus.NO_SUCH_FILE, () -> mina.sftp().open("/nodir/x.txt"));
        }
    }

    @Test
    void lftpShowsNoSuchPathForAnUploadIntoAMissingDirectoryOnlyAgainstNoSuchPath(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("f.txt"), "f");
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            Processes.Result put = Lftp.run(dir, server, "alice", "secret", "put f.txt -o /nodir/f.txt").assertFailed();
            assertThat(put.output()).contains("No such file or directory (/nodir/f.txt)");
        }
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .personality(Personality.NO_SUCH_PATH).start()) {
            Processes.Result put = Lftp.run(dir, server, "alice", "secret", "put f.txt -o /nodir/f.txt").assertFailed();
            assertThat(put.output()).contains("No such path (/nodir/f.txt)");
        }
        try (SftpTestServer v3 = SftpTestServer.builder().user("alice", "secret").personality(Personality.NO_SUCH_PATH)
                .personality(Personality.SFTP_V3_ONLY).start()) {
            Processes.Result put = Lftp.run(dir, v3, "alice", "secret", "put f.txt -o /nodir/f.txt").assertFailed();
            assertThat(put.output()).contains("No such file or directory (/nodir/f.txt)");
        }
    }

    private static void assertSftpStatus(String request, SftpStatus expected, ThrowingCallable call) {
        assertThatThrownBy(call).as(request).isInstanceOfSatisfying(org.apache.sshd.sftp.common.SftpException.class,
                e -> assertThat(SftpStatus.fromCode(e.getStatus())).as(request + ": " + e.getMessage())
                        .isEqualTo(expected));
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
