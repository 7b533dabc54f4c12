package io.sftptest.server;

import static io.sftptest.server.StatusAssertions.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.jcraft.jsch.ChannelSftp;

import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.xfer.FileSystemFile;

import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileRenameEvent;

/** Each preset personality, as real clients see it: the symptom it documents, and what still works. */
class PersonalityTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "secret";
    /** OpenSSH logs why a key exchange failed at INFO: shown with these options. */
    private static final List<String> VERBOSE = openSsh("-o", "LogLevel=INFO");

    /** OpenSSH {@code sftp} options: no host key check, then {@code more}. */
    private static List<String> openSsh(String... more) {
        List<String> options = new ArrayList<>(OpenSsh.NO_HOST_KEY_CHECK);
        options.addAll(List.of(more));
        return options;
    }

    private static SftpTestServer.Builder server(Personality... personalities) {
        SftpTestServer.Builder builder = SftpTestServer.builder().user(USER, PASSWORD);
        for (Personality personality : personalities) {
            builder.personality(personality);
        }
        return builder;
    }

    private static InteropClient connect(ClientKind kind, SftpTestServer server) {
        return kind.connect(server, USER, PASSWORD);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ no-setstat

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void noSetstatRefusesAttributeChangesWithTheCloudServicesMessageButUploads(ClientKind kind) {
        try (SftpTestServer server = server(Personality.NO_SETSTAT).start();
                InteropClient client = connect(kind, server)) {
            client.upload("/report.csv", bytes("a,b\n"));
            assertThat(server.fileContent("/report.csv", StandardCharsets.UTF_8)).isEqualTo("a,b\n");

            assertThatThrownBy(() -> client.chmod("/report.csv", 0600))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> {
                        assertThat(e.status()).isEqualTo(SftpStatus.PERMISSION_DENIED.code());
                        assertThat(e.getMessage()).contains(Personality.NO_SETSTAT_MESSAGE);
                    });
        }
    }

    @Test
    void noSetstatFailsSshjsPutWhichPreservesAttributesThoughTheFileArrived(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("report.csv"), "a,b\n");
        try (SftpTestServer server = server(Personality.NO_SETSTAT).start();
                SshjClient client = SshjClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            assertThatThrownBy(() -> client.sftp().put(new FileSystemFile(local.toFile()), "/report.csv"))
                    .isInstanceOf(SFTPException.class)
                    .hasMessageContaining(Personality.NO_SETSTAT_MESSAGE);
            assertThat(server.fileContent("/report.csv", StandardCharsets.UTF_8)).isEqualTo("a,b\n");

            client.sftp().getFileTransfer().setPreserveAttributes(false);
            client.sftp().put(new FileSystemFile(local.toFile()), "/again.csv"); // survives
            assertThat(server.fileContent("/again.csv", StandardCharsets.UTF_8)).isEqualTo("a,b\n");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.SETSTAT,
                    SftpOperation.FSETSTAT))).isNotEmpty().allSatisfy(request -> {
                        assertThat(request.status()).isEqualTo(SftpStatus.PERMISSION_DENIED);
                        assertThat(request.message()).isEqualTo(Personality.NO_SETSTAT_MESSAGE);
                    });
        }
    }

    @Test
    void noSetstatMakesOpenSshWarnOnPutWithPreservedAttributes(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id");
        Files.writeString(dir.resolve("local.txt"), "x");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id.pub"))
                .personality(Personality.NO_SETSTAT).start()) {
            // OpenSSH reports the refused attribute change and goes on: the file arrived
            Processes.Result preserving = OpenSsh.sftp(server, USER, key, "put -p local.txt /p.txt").assertSucceeded();
            assertThat(preserving.output()).contains("remote fsetstat: Permission denied");
            assertThat(server.fileContent("/p.txt", StandardCharsets.UTF_8)).isEqualTo("x");
        }
    }

    @Test
    void noSetstatIsIgnoredSilentlyByLftp(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("small.txt"), "small");
        Files.createDirectories(dir.resolve("tree/sub"));
        Files.writeString(dir.resolve("tree/a.txt"), "a");
        Files.writeString(dir.resolve("tree/sub/b.txt"), "b");
        try (SftpTestServer server = server(Personality.NO_SETSTAT).start()) {
            // lftp sets the upload's time through FSETSTAT, and mirror -R the modes through SETSTAT: refused, and
            // lftp neither says so nor fails
            Processes.Result put = Lftp.run(dir, server, USER, PASSWORD, "put small.txt -o /lf.txt").assertSucceeded();
            Processes.Result mirror = Lftp.run(dir, server, USER, PASSWORD, "mirror -R tree /tree").assertSucceeded();

            assertThat(put.output()).isEmpty();
            assertThat(mirror.output()).isEmpty();
            assertThat(server.fileContent("/lf.txt", StandardCharsets.UTF_8)).isEqualTo("small");
            assertThat(server.fileContent("/tree/sub/b.txt", StandardCharsets.UTF_8)).isEqualTo("b");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.FSETSTAT)))
                    .extracting(RecordedRequest::path)
                    .contains("/lf.txt", "/tree/a.txt", "/tree/sub/b.txt");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.SETSTAT)))
                    .extracting(RecordedRequest::path).contains("/tree/a.txt", "/tree/sub");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.SETSTAT,
                    SftpOperation.FSETSTAT))).allSatisfy(request -> assertThat(request.status())
                            .isEqualTo(SftpStatus.PERMISSION_DENIED));
        }
    }

    // ------------------------------------------------------------------ write-only

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void writeOnlyTakesUploadsButRefusesReadingAndListingAndHidesFiles(ClientKind kind) {
        try (SftpTestServer server = server(Personality.WRITE_ONLY).directory("/drop").start();
                InteropClient client = connect(kind, server)) {
            client.upload("/drop/invoice.pdf", bytes("%PDF"));
            client.mkdir("/drop/2026");
            assertThat(server.fileContent("/drop/invoice.pdf", StandardCharsets.UTF_8)).isEqualTo("%PDF");

            // MINA's read() stats the file before it opens it, and the stat finds nothing
            assertStatus(kind == ClientKind.MINA ? SftpStatus.NO_SUCH_FILE : SftpStatus.PERMISSION_DENIED,
                    () -> client.download("/drop/invoice.pdf"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.list("/drop"));
            for (String file : List.of("/drop/invoice.pdf", "/drop/missing.pdf")) { // taken or free: one answer
                assertStatus(SftpStatus.NO_SUCH_FILE, () -> client.stat(file));
                assertStatus(SftpStatus.NO_SUCH_FILE, () -> client.lstat(file));
                assertStatus(SftpStatus.NO_SUCH_FILE, () -> client.chmod(file, 0600));
            }
            assertThat(client.stat("/drop").directory()).as("a directory can be checked").isTrue();
            assertStatus(SftpStatus.NO_SUCH_FILE, () -> client.stat("/drop/2027"));
            client.chmod("/drop/2026", 0750);
            assertThat(server.exists("/drop/invoice.pdf")).isTrue();
        }
    }

    @Test
    void writeOnlyAnswersAStatOfAnUploadedFileAsOfAMissingOne() {
        try (SftpTestServer server = server(Personality.WRITE_ONLY).file("/drop/taken.pdf", "%PDF").start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            List<String> answers = new ArrayList<>();
            for (String file : List.of("/drop/taken.pdf", "/drop/free.pdf")) {
                assertThatThrownBy(() -> mina.sftp().stat(file)).isInstanceOfSatisfying(
                        org.apache.sshd.sftp.common.SftpException.class,
                        e -> answers.add(e.getStatus() + " " + e.getMessage()));
            }
            assertThat(answers).hasSize(2).containsOnly(answers.get(0));
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.STAT)))
                    .extracting(RecordedRequest::status, RecordedRequest::message).containsOnly(
                            org.assertj.core.groups.Tuple.tuple(SftpStatus.NO_SUCH_FILE, "No such file or directory"));
        }
    }

    @Test
    void writeOnlyFailsParamikosPutAfterTheUploadUnlessItSkipsTheStat(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("invoice.pdf"), "%PDF");
        try (SftpTestServer server = server(Personality.WRITE_ONLY).directory("/drop").start()) {
            // paramiko's put stats the file it wrote, to compare the size: the error of paramiko/paramiko#134
            Processes.Result confirmed = Paramiko.run(dir, server, USER, PASSWORD,
                    "sftp.put('invoice.pdf', '/drop/a.pdf')").assertFailed();
            assertThat(confirmed.output()).contains("FileNotFoundError", "No such file");
            assertThat(server.fileContent("/drop/a.pdf", StandardCharsets.UTF_8)).isEqualTo("%PDF");

            Paramiko.run(dir, server, USER, PASSWORD, "sftp.put('invoice.pdf', '/drop/b.pdf', confirm=False)")
                    .assertSucceeded();
            assertThat(server.fileContent("/drop/b.pdf", StandardCharsets.UTF_8)).isEqualTo("%PDF");
        }
    }

    @Test
    void writeOnlyBreaksOpenSshsLsButNotItsPutEvenWithPreservedAttributes(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id");
        Files.writeString(dir.resolve("local.txt"), "x");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id.pub"))
                .personality(Personality.WRITE_ONLY).start()) {
            OpenSsh.sftp(server, USER, key, "put local.txt /up.txt").assertSucceeded();
            // put -p sets the times through the open handle (FSETSTAT), which the upload in progress may
            OpenSsh.sftp(server, USER, key, "put -p local.txt /kept.txt").assertSucceeded();
            Processes.Result listing = OpenSsh.sftp(server, USER, key, "ls /").assertFailed();
            assertThat(listing.output()).contains("Permission denied");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.FSETSTAT)))
                    .singleElement().satisfies(request -> assertThat(request.status()).isEqualTo(SftpStatus.OK));
        }
    }

    // ------------------------------------------------------------------ no-overwrite

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void noOverwriteRefusesWritingToAnExistingFileAndRenamingOntoOne(ClientKind kind) {
        try (SftpTestServer server = server(Personality.NO_OVERWRITE).file("/out/taken.csv", "first").start();
                InteropClient client = connect(kind, server)) {
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.upload("/out/taken.csv", bytes("second")));
            assertThat(server.fileContent("/out/taken.csv", StandardCharsets.UTF_8)).isEqualTo("first");

            client.upload("/out/new.csv.part", bytes("new"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.rename("/out/new.csv.part", "/out/taken.csv"));
            client.rename("/out/new.csv.part", "/out/new.csv");
            assertThat(server.fileContent("/out/new.csv", StandardCharsets.UTF_8)).isEqualTo("new");

            client.remove("/out/taken.csv"); // deleting first is the way around it
            client.upload("/out/taken.csv", bytes("second"));
            assertThat(server.fileContent("/out/taken.csv", StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void noOverwriteLetsACaseInsensitiveServerChangeANamesCase() {
        try (SftpTestServer server = server(Personality.NO_OVERWRITE, Personality.CASE_INSENSITIVE)
                .file("/Report.CSV", "r").file("/other.csv", "o").start();
                InteropClient client = connect(ClientKind.JSCH, server)) {
            client.rename("/Report.CSV", "/report.csv"); // the same file: nothing is overwritten
            assertThat(client.list("/")).containsExactlyInAnyOrder("report.csv", "other.csv");
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.rename("/other.csv", "/REPORT.csv"));
        }
    }

    @Test
    void noOverwriteReadsTheV6AccessMaskOfMinasClient() {
        try (SftpTestServer server = server(Personality.NO_OVERWRITE).file("/taken.txt", "first").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            assertThat(client.sftp().getVersion()).isEqualTo(6);
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.upload("/taken.txt", bytes("second")));
            assertThat(client.download("/taken.txt")).as("reading is no overwrite").isEqualTo(bytes("first"));
        }
    }

    // ------------------------------------------------------------------ no-posix-rename

    @Test
    void jschRenamesOntoAnExistingFileThroughPosixRenameUnlessTheServerLacksIt() throws Exception {
        try (SftpTestServer plain = server().file("/a.txt", "new").file("/b.txt", "old").start();
                JschClient jsch = JschClient.connect(plain.host(), plain.port(), USER, PASSWORD)) {
            jsch.rename("/a.txt", "/b.txt");
            assertThat(plain.fileContent("/b.txt", StandardCharsets.UTF_8)).isEqualTo("new");
        }
        try (SftpTestServer v3 = server(Personality.NO_POSIX_RENAME).file("/a.txt", "new").file("/b.txt", "old")
                .start(); JschClient jsch = JschClient.connect(v3.host(), v3.port(), USER, PASSWORD)) {
            assertStatus(SftpStatus.FAILURE, () -> jsch.rename("/a.txt", "/b.txt"));
            assertThat(v3.fileContent("/b.txt", StandardCharsets.UTF_8)).isEqualTo("old");
            jsch.rename("/a.txt", "/c.txt"); // onto a new name it works
            assertThat(v3.exists("/c.txt")).isTrue();
        }
    }

    @Test
    void noPosixRenameIsNotAnnouncedAndAnsweredOpUnsupported() throws Exception {
        try (SftpTestServer server = server(Personality.NO_POSIX_RENAME).file("/a.txt", "x").start();
                TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null)) {
            assertThat(mina.sftp().getServerExtensions()).doesNotContainKey("posix-rename@openssh.com")
                    .containsKey("statvfs@openssh.com");
            assertThatThrownBy(() -> mina.sftp().getExtension(
                    org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension.class)
                    .posixRename("/a.txt", "/b.txt"))
                    .isInstanceOfSatisfying(org.apache.sshd.sftp.common.SftpException.class,
                            e -> assertThat(e.getStatus()).isEqualTo(SftpStatus.OP_UNSUPPORTED.code()));
            assertThat(server.exists("/a.txt")).isTrue();
        }
    }

    @Test
    void openSshRenameOntoAnExistingNameFailsWithoutPosixRename(@TempDir Path dir) {
        Path key = OpenSsh.generateKey(dir, "id");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id.pub"))
                .personality(Personality.NO_POSIX_RENAME).file("/a.txt", "new").file("/b.txt", "old").start()) {
            OpenSsh.sftp(server, USER, key, "rename /a.txt /b.txt").assertFailed();
            assertThat(server.fileContent("/b.txt", StandardCharsets.UTF_8)).isEqualTo("old");
        }
    }

    // ------------------------------------------------------------------ inbox-only

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void inboxOnlyTakesUploadsIntoTheInboxOnlyAndNeverDeletes(ClientKind kind) {
        try (SftpTestServer server = server(Personality.INBOX_ONLY).file("/reference/rates.csv", "1.1").start();
                InteropClient client = connect(kind, server)) {
            assertThat(server.isDirectory("/inbox")).isTrue();
            client.upload("/inbox/order.xml.tmp", bytes("<order/>"));
            client.rename("/inbox/order.xml.tmp", "/inbox/order.xml");
            client.mkdir("/inbox/2026");
            assertThat(client.download("/reference/rates.csv")).isEqualTo(bytes("1.1"));

            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.upload("/order.xml", bytes("<order/>")));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.upload("/inbox/../escape.xml", bytes("x")));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.mkdir("/archive"));
            assertThatThrownBy(() -> client.mkdir("/inbox")).as("the inbox exists: the usual answer, no denial")
                    .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> assertThat(e.status())
                            .isNotEqualTo(SftpStatus.PERMISSION_DENIED.code()));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.rename("/inbox/order.xml", "/done.xml"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.remove("/inbox/order.xml"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.rmdir("/inbox/2026"));
            assertThat(server.listFilesRecursively("/")).containsExactlyInAnyOrder("/inbox/order.xml",
                    "/reference/rates.csv");
        }
    }

    @Test
    void inboxOnlyOnACaseInsensitiveServerTakesTheInboxInAnyCase() {
        try (SftpTestServer server = server(Personality.INBOX_ONLY, Personality.CASE_INSENSITIVE).start();
                InteropClient client = connect(ClientKind.MINA, server)) {
            client.upload("/INBOX/a.txt", bytes("a"));
            assertThat(server.fileContent("/inbox/a.txt", StandardCharsets.UTF_8)).isEqualTo("a");
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> client.upload("/other.txt", bytes("x")));
        }
    }

    @Test
    void inboxOnlyResolvesRelativePathsAgainstTheHomeDirectory(@TempDir Path dir) {
        Path key = OpenSsh.generateKey(dir, "id");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id.pub"))
                .personality(Personality.inboxOnly("/upload/")).start()) {
            assertThat(server.personalities()).extracting(Personality::name).containsExactly("inbox-only=/upload");
            OpenSsh.sftp(server, USER, key, "cd upload", "put id.pub key.pub").assertSucceeded();
            assertThat(server.exists("/upload/key.pub")).isTrue();
            OpenSsh.sftp(server, USER, key, "put id.pub key.pub").assertFailed();
            assertThat(server.exists("/key.pub")).isFalse();
        }
    }

    // ------------------------------------------------------------------ protocol versions

    @Test
    void sftpV3OnlyNegotiatesVersion3AndItsStatusCodesWithAClientThatAsksForSix() {
        try (SftpTestServer plain = server().directory("/d").start();
                MinaClient mina = MinaClient.connect(plain.host(), plain.port(), USER, PASSWORD)) {
            assertStatus(SftpStatus.FILE_ALREADY_EXISTS, () -> mina.mkdir("/d"));
        }
        try (SftpTestServer v3 = server(Personality.SFTP_V3_ONLY).directory("/d").start();
                MinaClient mina = MinaClient.connect(v3.host(), v3.port(), USER, PASSWORD)) {
            assertThat(mina.sftp().getVersion()).isEqualTo(3);
            assertStatus(SftpStatus.FAILURE, () -> mina.mkdir("/d"));
        }
    }

    @Test
    void sftpV6OnlyRefusesVersion3ClientsAndServesMinasClient(@TempDir Path dir) {
        Path key = OpenSsh.generateKey(dir, "id");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, PASSWORD).user(USER, dir.resolve("id.pub"))
                .personality(Personality.SFTP_V6_ONLY).file("/f.txt", "x").start()) {
            assertThatThrownBy(() -> JschClient.connect(server.host(), server.port(), USER, PASSWORD).close())
                    .isInstanceOf(RuntimeException.class);
            OpenSsh.sftp(server, USER, key, "ls /").assertFailed();
            // curl waited for SSH_FXP_VERSION until its timeout (exit 28) while the channel stayed open
            Processes.Result curl = Curl.run(dir, server, USER, PASSWORD, "/").assertFailed();
            assertThat(curl.exitCode()).as(curl.output()).isNotEqualTo(28);
            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
                assertThat(mina.sftp().getVersion()).isEqualTo(6);
                assertThat(mina.download("/f.txt")).isEqualTo(bytes("x"));
            }
        }
    }

    // ------------------------------------------------------------------ no-such-path

    @Test
    void noSuchPathFailsCreateDirectoriesOfMinasSftpFileSystemWhichOnlyKnowsNoSuchFile() throws Exception {
        try (SftpTestServer plain = server().start();
                MinaClient mina = MinaClient.connect(plain.host(), plain.port(), USER, PASSWORD);
                FileSystem sftp = SftpClientFactory.instance().createSftpFileSystem(mina.session())) {
            Files.createDirectories(sftp.getPath("/a/b/c"));
            assertThat(plain.isDirectory("/a/b/c")).isTrue();
        }
        try (SftpTestServer server = server(Personality.NO_SUCH_PATH).start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD);
                FileSystem sftp = SftpClientFactory.instance().createSftpFileSystem(mina.session())) {
            // MKDIR /a/b/c fails, then the JDK stats /a/b, /a... for the deepest existing directory and stops at
            // anything but NoSuchFileException: STAT /a/b answers NO_SUCH_PATH, as /a is missing too
            assertThatThrownBy(() -> Files.createDirectories(sftp.getPath("/a/b/c")))
                    .isInstanceOfSatisfying(org.apache.sshd.sftp.common.SftpException.class, e -> assertThat(e)
                            .hasToString("SFTP error (SSH_FX_NO_SUCH_PATH): No such path"));
            assertThat(server.exists("/a")).isFalse();
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.STAT)))
                    .extracting(RecordedRequest::path, RecordedRequest::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("/a/b", SftpStatus.NO_SUCH_PATH));

            // two missing levels still work: STAT /x answers NO_SUCH_FILE, as / exists
            Files.createDirectories(sftp.getPath("/x/y"));
            assertThat(server.isDirectory("/x/y")).isTrue();
        }
    }

    // ------------------------------------------------------------------ legacy crypto

    @Test
    void sshRsaOnlyIsRefusedByModernOpenSshUntilItReenablesSshRsa(@TempDir Path dir) {
        Processes.assumeInstalled("ssh-keygen");
        Path key = dir.resolve("id_rsa");
        Processes.run(dir, List.of("ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key.toString()))
                .assertSucceeded();
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id_rsa.pub"))
                .personality(Personality.SSH_RSA_ONLY).start()) {
            assertThat(server.hostKey().algorithm()).isEqualTo("ssh-rsa");
            Processes.Result refused = OpenSsh.sftp(server, USER, key, VERBOSE, "ls /").assertFailed();
            assertThat(refused.output()).contains("no matching host key type found. Their offer: ssh-rsa");

            OpenSsh.sftp(server, USER, key, openSsh("-o", "HostKeyAlgorithms=+ssh-rsa", "-o",
                    "PubkeyAcceptedAlgorithms=+ssh-rsa"), "ls /").assertSucceeded();
            // the RSA user key needs PubkeyAcceptedAlgorithms=+ssh-rsa: rsa-sha2-* signatures are refused
            Processes.Result keyRefused = OpenSsh.sftp(server, USER, key, openSsh("-o", "HostKeyAlgorithms=+ssh-rsa"),
                    "ls /").assertFailed();
            assertThat(keyRefused.output()).contains("Permission denied (");
        }
        Path ed25519 = OpenSsh.generateKey(dir, "id_ed25519");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id_ed25519.pub"))
                .personality(Personality.SSH_RSA_ONLY).start()) {
            OpenSsh.sftp(server, USER, ed25519, openSsh("-o", "HostKeyAlgorithms=+ssh-rsa"), "ls /").assertSucceeded();
        }
    }

    @Test
    void sshRsaOnlyKeepsAnRsaHostKeyTheTestGaveButReplacesAnotherOne() {
        HostKey rsa = HostKey.generate("ssh-rsa");
        try (SftpTestServer own = server().hostKey(rsa).personality(Personality.SSH_RSA_ONLY).build();
                SftpTestServer replaced = server().hostKey(HostKey.generateEd25519())
                        .personality(Personality.SSH_RSA_ONLY).build()) {
            assertThat(own.hostKey()).isSameAs(rsa);
            assertThat(replaced.hostKey().algorithm()).isEqualTo("ssh-rsa");
        }
    }

    @Test
    void cbcOnlyIsRefusedByOpenSshUntilItNamesACbcCipher(@TempDir Path dir) {
        Path key = OpenSsh.generateKey(dir, "id");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, dir.resolve("id.pub"))
                .personality(Personality.CBC_ONLY).start()) {
            Processes.Result refused = OpenSsh.sftp(server, USER, key, VERBOSE, "ls /").assertFailed();
            assertThat(refused.output()).contains("no matching cipher found");

            OpenSsh.sftp(server, USER, key, openSsh("-c", "aes256-cbc"), "ls /").assertSucceeded();
        }
    }

    // ------------------------------------------------------------------ small reads

    @Test
    void smallReadsAnswersAtMost32KiBWhateverTheClientAsks() throws Exception {
        byte[] content = new byte[200_000];
        new java.util.Random(7).nextBytes(content);
        try (SftpTestServer server = server(Personality.SMALL_READS).file("/big.bin", content).start();
                TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null)) {
            try (SftpClient.CloseableHandle handle = mina.sftp().open("/big.bin", SftpClient.OpenMode.Read)) {
                byte[] buffer = new byte[65_536];
                assertThat(mina.sftp().read(handle, 0, buffer, 0, buffer.length))
                        .as("one READ of 64 KiB").isEqualTo(Personality.SMALL_READ_BYTES);
            }
            for (ClientKind kind : ClientKind.values()) {
                try (InteropClient client = connect(kind, server)) {
                    assertThat(client.download("/big.bin")).as("%s loops until the end", kind).isEqualTo(content);
                }
            }
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.READ)))
                    .allSatisfy(read -> assertThat(read.bytes()).isLessThanOrEqualTo(Personality.SMALL_READ_BYTES));
        }
    }

    @Test
    void theBuildersFaultRulesSurviveResetAndClearAndStayOutOfTheTestsRules() throws Exception {
        try (SftpTestServer server = server().faults(rules -> rules.on(SftpOperation.READ)
                .respond(Fault.shortRead(1000))).file("/f.bin", new byte[5000]).start()) {
            assertThat(server.faults().rules()).isEmpty();
            server.faults().on(SftpOperation.READ).once().respond(Fault.status(SftpStatus.FAILURE, "test rule"));
            try (TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null);
                    SftpClient.CloseableHandle handle = mina.sftp().open("/f.bin", SftpClient.OpenMode.Read)) {
                byte[] buffer = new byte[4096];
                assertThatThrownBy(() -> mina.sftp().read(handle, 0, buffer, 0, buffer.length))
                        .hasMessageContaining("test rule"); // the test's rule comes first
                assertThat(mina.sftp().read(handle, 0, buffer, 0, buffer.length)).isEqualTo(1000);
            }
            server.faults().clear();
            server.reset();
            try (TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null);
                    SftpClient.CloseableHandle handle = mina.sftp().open("/f.bin", SftpClient.OpenMode.Read)) {
                assertThat(mina.sftp().read(handle, 0, new byte[4096], 0, 4096)).isEqualTo(1000);
            }
        }
    }

    @Test
    void smallReadsComposeWithSlowAndWithATestsOwnRuleOnRead() throws Exception {
        try (SftpTestServer server = server(Personality.slow(Duration.ofMillis(1), 1L << 30),
                Personality.smallReads(1000)).file("/f.bin", new byte[10_000]).start();
                TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null);
                SftpClient.CloseableHandle handle = mina.sftp().open("/f.bin", SftpClient.OpenMode.Read)) {
            byte[] buffer = new byte[4096];
            assertThat(mina.sftp().read(handle, 0, buffer, 0, buffer.length)).isEqualTo(1000);
            server.faults().on(SftpOperation.READ).once().respond(Fault.delay(Duration.ofMillis(1)));
            assertThat(mina.sftp().read(handle, 1000, buffer, 0, buffer.length)).as("under a test's rule")
                    .isEqualTo(1000);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.READ)))
                    .extracting(RecordedRequest::fault, RecordedRequest::length, RecordedRequest::bytes)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                    new AppliedFault(Fault.throttle(1L << 30), false), 4096L, 1000L),
                            org.assertj.core.groups.Tuple.tuple(
                                    new AppliedFault(Fault.delay(Duration.ofMillis(1)), false), 4096L, 1000L));
        }
    }

    // ------------------------------------------------------------------ case-insensitive

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void caseInsensitiveNamesMakeTwoUploadsDifferingInCaseOneFile(ClientKind kind) {
        try (SftpTestServer server = server(Personality.CASE_INSENSITIVE).start();
                InteropClient client = connect(kind, server)) {
            client.upload("/Report.CSV", bytes("first"));
            client.upload("/report.csv", bytes("second"));
            assertThat(client.list("/")).containsExactly("Report.CSV");
            assertThat(client.download("/REPORT.csv")).isEqualTo(bytes("second"));
            assertThat(server.fileContent("/report.CSV", StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void caseInsensitiveRenameThatChangesOnlyTheCaseChangesIt(ClientKind kind) {
        try (SftpTestServer server = server(Personality.CASE_INSENSITIVE).start();
                InteropClient client = connect(kind, server)) {
            client.upload("/Report.CSV", bytes("r"));
            client.mkdir("/Dir");
            client.upload("/Dir/in.txt", bytes("i"));

            client.rename("/Report.CSV", "/report.csv");
            client.rename("/dir", "/DIR"); // the old name in another case finds the directory too
            client.rename("/report.csv", "/report.csv"); // the same spelling: nothing to do

            assertThat(client.list("/")).containsExactlyInAnyOrder("report.csv", "DIR");
            assertThat(client.list("/dir")).containsExactly("in.txt");
            assertThat(client.download("/REPORT.CSV")).isEqualTo(bytes("r"));
            assertThat(server.listFilesRecursively("/")).containsExactlyInAnyOrder("/report.csv", "/DIR/in.txt");
        }
    }

    @Test
    void caseInsensitiveCaseOnlyRenameShowsInOpenSshsAndLftpsListings(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id");
        Files.writeString(dir.resolve("local.txt"), "x");
        try (SftpTestServer server = SftpTestServer.builder().user(USER, PASSWORD).user(USER, dir.resolve("id.pub"))
                .personality(Personality.CASE_INSENSITIVE).start()) {
            // OpenSSH renames through posix-rename@openssh.com, lftp through SFTP v6's RENAME
            Processes.Result openSsh = OpenSsh.sftp(server, USER, key, "put local.txt /A.txt",
                    "rename /A.txt /a.txt", "ls -1 /").assertSucceeded();
            assertThat(openSsh.output().lines()).contains("/a.txt").doesNotContain("/A.txt");

            Processes.Result lftp = Lftp.run(dir, server, USER, PASSWORD, "mv /a.txt /B.txt", "mv /B.txt /b.txt",
                    "cls -1 /").assertSucceeded();
            assertThat(lftp.output().lines()).containsExactly("/b.txt");
        }
    }

    @Test
    void aCaseSensitiveServerKeepsTwoNamesThatDifferInCaseApart() throws Exception {
        try (SftpTestServer server = server().file("/A.txt", "upper").file("/a.txt", "lower").file("/x.txt", "x")
                .start(); MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            assertStatus(SftpStatus.FILE_ALREADY_EXISTS, () -> mina.rename("/A.txt", "/a.txt"));
            Files.createLink(server.fileSystem().getPath("/X.txt"), server.fileSystem().getPath("/x.txt"));
            mina.rename("/x.txt", "/X.txt"); // two links to one file: POSIX leaves both
            assertThat(server.list("/")).containsExactlyInAnyOrder("A.txt", "a.txt", "X.txt", "x.txt");
        }
    }

    @Test
    void caseInsensitiveNeedsTheInMemoryFilesystem(@TempDir Path dir) {
        assertThatThrownBy(() -> SftpTestServer.builder().rootDirectory(dir)
                .personality(Personality.CASE_INSENSITIVE).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("case-insensitive").hasMessageContaining(".rootDirectory(");
    }

    // ------------------------------------------------------------------ slow

    @Test
    void slowServerMakesAClientTimeoutFire() throws Exception {
        try (SftpTestServer server = server(Personality.slow(Duration.ofSeconds(2), 0)).file("/f.txt", "x").start();
                SshjClient sshj = SshjClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            sshj.sftp().getSFTPEngine().setTimeoutMs(200); // a timeout made for a fast local server
            assertThatThrownBy(() -> sshj.sftp().stat("/f.txt")).isInstanceOf(java.io.IOException.class)
                    .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class);
            assertThat(server.recording().awaitRequest(RequestFilter.operation(SftpOperation.STAT),
                    Duration.ofSeconds(10)).fault()).hasToString("delay(PT2S)")
                    .isEqualTo(new AppliedFault(Fault.delay(Duration.ofSeconds(2)), false));
        }
    }

    @Test
    void slowServerThrottlesDataAndDelaysEverythingElse() throws Exception {
        Personality slow = Personality.slow(Duration.ofMillis(1), 1 << 20);
        try (SftpTestServer server = server(slow).file("/f.bin", new byte[100_000]).start();
                TestClients.Jsch jsch = TestClients.jsch(server, USER, PASSWORD)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            jsch.sftp().get("/f.bin", out);
            jsch.sftp().put(new ByteArrayInputStream(new byte[10]), "/g.bin", ChannelSftp.OVERWRITE);
            assertThat(out.size()).isEqualTo(100_000);
            List<String> faults = new ArrayList<>();
            for (RecordedRequest request : server.recording().requests()) {
                if (request.operation() == SftpOperation.READ || request.operation() == SftpOperation.WRITE) {
                    faults.add(request.operation() + " " + request.fault());
                } else if (request.operation() == SftpOperation.OPEN) {
                    faults.add("OPEN " + request.fault());
                }
            }
            assertThat(faults).contains("READ throttle(1048576)", "WRITE throttle(1048576)", "OPEN delay(PT0.001S)");
        }
    }

    // ------------------------------------------------------------------ composing, naming, your own

    @Test
    void personalitiesComposeAndConflictingOnesAreRefused() {
        try (SftpTestServer server = server(Personality.NO_SETSTAT, Personality.SFTP_V3_ONLY, Personality.NO_SETSTAT)
                .file("/f.txt", "x").start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            assertThat(server.personalities()).containsExactly(Personality.NO_SETSTAT, Personality.SFTP_V3_ONLY);
            assertThat(mina.sftp().getVersion()).isEqualTo(3);
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> mina.chmod("/f.txt", 0600));
        }
        assertThatThrownBy(() -> server(Personality.SFTP_V3_ONLY, Personality.SFTP_V6_ONLY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("personalities sftp-v3-only and sftp-v6-only both set the SFTP versions: keep one");
        assertThatThrownBy(() -> server(Personality.INBOX_ONLY, Personality.inboxOnly("/upload")))
                .hasMessage("personalities inbox-only=/inbox and inbox-only=/upload both set the inbox: keep one");
        assertThatThrownBy(() -> server(Personality.SMALL_READS, Personality.smallReads(1000)))
                .hasMessageContaining("both set the read size");
    }

    @Test
    void aSettingMadeAfterAPersonalityOverridesIt() {
        try (SftpTestServer server = server(Personality.SFTP_V3_ONLY).protocolVersions(3, 6).start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            assertThat(mina.sftp().getVersion()).isEqualTo(6);
        }
    }

    @Test
    void aUserDefinedPersonalityBundlesPresetsAndRules() {
        Personality partner = Personality.of("partner-mft", "v3, no attribute changes, deletes fail",
                builder -> builder.personality(Personality.SFTP_V3_ONLY).personality(Personality.NO_SETSTAT)
                        .faults(rules -> rules.on(SftpOperation.REMOVE)
                                .respond(Fault.status(SftpStatus.OP_UNSUPPORTED, "no deletes"))));
        try (SftpTestServer server = server(partner).file("/f.txt", "x").start();
                JschClient jsch = JschClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            assertThat(server.personalities()).extracting(Personality::name)
                    .containsExactly("partner-mft", "sftp-v3-only", "no-setstat");
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> jsch.chmod("/f.txt", 0600));
            assertStatus(SftpStatus.OP_UNSUPPORTED, () -> jsch.remove("/f.txt"));
            assertThat(partner.description()).isEqualTo("v3, no attribute changes, deletes fail");
        }
    }

    @Test
    void presetsAreFoundByNameAndTheirNamesReadBack() {
        for (Personality preset : Personality.presets()) {
            assertThat(Personality.parse(preset.name())).as(preset.name()).isEqualTo(preset);
            assertThat(preset.description()).isNotBlank();
        }
        assertThat(Personality.parse("NO_SETSTAT")).isSameAs(Personality.NO_SETSTAT);
        assertThat(Personality.parse(" Write-Only ")).isSameAs(Personality.WRITE_ONLY);
        assertThat(Personality.parse("inbox-only")).isSameAs(Personality.INBOX_ONLY);
        assertThat(Personality.parse("inbox-only=/upload").name()).isEqualTo("inbox-only=/upload");
        assertThat(Personality.parse("small-reads=16KiB")).isEqualTo(Personality.smallReads(16_384));
        assertThat(Personality.parse("slow=200ms,512KiB")).isEqualTo(Personality.slow(Duration.ofMillis(200), 524_288));
        assertThat(Personality.parse("slow=2s")).isEqualTo(Personality.slow(Duration.ofSeconds(2), 0));
        assertThat(Personality.parse("slow=,1MiB")).isEqualTo(Personality.slow(Duration.ZERO, 1 << 20));
        assertThat(Personality.parse("slow")).isSameAs(Personality.SLOW);
    }

    @Test
    void aWrongPersonalityNameOrParameterIsAClearError() {
        assertThatThrownBy(() -> Personality.parse("no-settstat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown personality \"no-settstat\": use one of no-setstat, write-only,")
                .hasMessageContaining("inbox-only[=/dir]").hasMessageContaining("slow[=latency,bytesPerSecond]");
        assertThatThrownBy(() -> Personality.parse("no-setstat=1")).hasMessageContaining("takes no parameter");
        assertThatThrownBy(() -> Personality.parse("small-reads=lots")).hasMessageContaining("is no byte count");
        assertThatThrownBy(() -> Personality.parse("small-reads=0"))
                .hasMessage("small-reads needs a read size of at least 1 byte, was 0");
        assertThatThrownBy(() -> Personality.parse("slow=soon")).hasMessageContaining("is no duration");
        assertThatThrownBy(() -> Personality.parse("slow=1ms,99999999999999MiB")).hasMessageContaining("is too large");
        assertThatThrownBy(() -> Personality.parse("small-reads=99999999999999999999"))
                .hasMessageContaining("is too large");
        assertThatThrownBy(() -> Personality.parse("slow=0ms,0")).hasMessageContaining("not both zero");
        assertThatThrownBy(() -> Personality.parse("inbox-only=relative")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> Personality.inboxOnly("/")).hasMessageContaining("below the root");
        assertThatThrownBy(() -> Personality.of(" ", "d", b -> { })).hasMessageContaining("needs a name");
    }

    // ------------------------------------------------------------------ what the presets are built on

    @Test
    void listenersSeeTheServerSideFileOfARequest() throws Exception {
        List<String> seen = new ArrayList<>();
        SftpServerListener listener = new SftpServerListener() {
            @Override
            public void onFileOpen(FileOpenEvent e) {
                if (e.beforeExec()) {
                    seen.add("open " + e.path() + " -> " + e.file() + " exists=" + Files.exists(e.file())
                            + " writing=" + e.isWriting() + " reading=" + e.isReading());
                }
            }

            @Override
            public void onFileRename(FileRenameEvent e) {
                if (e.beforeExec()) {
                    seen.add("rename " + e.file() + " -> " + e.newFile());
                }
            }
        };
        try (SftpTestServer server = SftpTestServer.builder().user(USER, PASSWORD).homeDirectory(USER, "/home/a")
                .file("/home/a/in.txt", "x").listener(listener).start();
                MinaClient mina = MinaClient.connect(server.host(), server.port(), USER, PASSWORD)) {
            mina.download("in.txt"); // relative: MINA's client sends paths as they are
            mina.upload("new.txt", bytes("y"));
            mina.rename("new.txt", "/home/a/renamed.txt");
        }
        assertThat(seen).containsExactly(
                "open in.txt -> /home/a/in.txt exists=true writing=false reading=true",
                "open new.txt -> /home/a/new.txt exists=false writing=true reading=false",
                "rename /home/a/new.txt -> /home/a/renamed.txt");
        assertThat(new FileOpenEvent(1, USER, "/x", 1, 0, null, null, true, null, null, null).file())
                .as("an event no server fired").isNull();
    }
}
