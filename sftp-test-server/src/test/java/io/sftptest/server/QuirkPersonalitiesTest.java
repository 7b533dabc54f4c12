package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;

import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * The personalities of real servers' quirks (issue 18, second half), each as real clients see it: the symptom its
 * Javadoc documents, and what still works.
 */
class QuirkPersonalitiesTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "secret";

    private static SftpTestServer.Builder server(Personality... personalities) {
        SftpTestServer.Builder builder = SftpTestServer.builder().user(USER, PASSWORD);
        for (Personality personality : personalities) {
            builder.personality(personality);
        }
        return builder;
    }

    /** A server whose user logs in with the key {@code dir/id} (OpenSSH's {@code sftp} in batch mode). */
    private static SftpTestServer.Builder keyServer(Path dir, Personality personality) {
        OpenSsh.generateKey(dir, "id");
        return SftpTestServer.builder().user(USER, dir.resolve("id.pub")).personality(personality);
    }

    private static long requests(SftpTestServer server, SftpOperation operation) {
        return server.recording().requests(RequestFilter.operation(operation)).size();
    }

    // ------------------------------------------------------------------ setstat-unsupported, setstat-ignored

    @Test
    void setstatUnsupportedRefusesAttributeChangesOfEveryJavaClientWithOpUnsupported() {
        try (SftpTestServer server = server(Personality.SETSTAT_UNSUPPORTED).file("/r.csv", "a").start()) {
            for (ClientKind kind : ClientKind.values()) {
                try (InteropClient client = kind.connect(server, USER, PASSWORD)) {
                    assertThatThrownBy(() -> client.chmod("/r.csv", 0600)).as(kind.name())
                            .isInstanceOfSatisfying(InteropClient.StatusException.class,
                                    e -> assertThat(e.status()).isEqualTo(SftpStatus.OP_UNSUPPORTED.code()));
                }
            }
        }
    }

    @Test
    void setstatUnsupportedFailsSshjsPutAndMakesOpenSshWarnThoughTheFilesArrived(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("local.txt"), "x");
        try (SftpTestServer server = keyServer(dir, Personality.SETSTAT_UNSUPPORTED).user("bob", PASSWORD).start()) {
            try (SshjClient sshj = SshjClient.connect(server.host(), server.port(), "bob", PASSWORD)) {
                assertThatThrownBy(() -> sshj.sftp().put(new FileSystemFile(local.toFile()), "/sshj.txt"))
                        .isInstanceOf(SFTPException.class).hasMessageContaining("unsupported");
            }
            Processes.Result put = OpenSsh.sftp(server, USER, dir.resolve("id"), "put -p local.txt /p.txt")
                    .assertSucceeded();
            assertThat(put.output()).contains("remote fsetstat: Operation unsupported");
            assertThat(server.fileContent("/sshj.txt", StandardCharsets.UTF_8)).isEqualTo("x");
            assertThat(server.fileContent("/p.txt", StandardCharsets.UTF_8)).isEqualTo("x");
        }
    }

    @Test
    void setstatUnsupportedRaisesInParamikosChmod(@TempDir Path dir) {
        try (SftpTestServer server = server(Personality.SETSTAT_UNSUPPORTED).file("/r.csv", "a").start()) {
            Processes.Result result = Paramiko.run(dir, server, USER, PASSWORD, "sftp.chmod('/r.csv', 0o600)");
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.output()).contains("OSError: Command SSH_FXP_SETSTAT is unsupported");
        }
    }

    @Test
    void setstatIgnoredAnswersOkAndKeepsTheServersTimesAndModes(@TempDir Path dir) throws Exception {
        Path local = Files.writeString(dir.resolve("local.txt"), "x");
        Files.setLastModifiedTime(local, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        try (SftpTestServer server = keyServer(dir, Personality.SETSTAT_IGNORED).user("bob", PASSWORD)
                .file("/r.csv", "a").start();
                TestClients.Jsch jsch = TestClients.jsch(server, "bob", PASSWORD)) {
            int before = jsch.sftp().stat("/r.csv").getMTime();
            jsch.sftp().setMtime("/r.csv", (int) Instant.parse("2020-01-01T00:00:00Z").getEpochSecond()); // no error
            jsch.sftp().chmod(0600, "/r.csv");
            assertThat(jsch.sftp().stat("/r.csv").getMTime()).isEqualTo(before);
            assertThat(jsch.sftp().stat("/r.csv").getPermissions() & 0777).isNotEqualTo(0600);

            // OpenSSH put -p reports nothing, and the upload keeps the server's time
            Processes.Result put = OpenSsh.sftp(server, USER, dir.resolve("id"), "put -p local.txt /p.txt")
                    .assertSucceeded();
            assertThat(put.output()).doesNotContain("fsetstat");
            assertThat(Files.getLastModifiedTime(server.fileSystem().getPath("/p.txt")).toInstant())
                    .isAfter(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.SETSTAT,
                    SftpOperation.FSETSTAT))).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.status()).isEqualTo(SftpStatus.OK));
        }
    }

    // ------------------------------------------------------------------ rename-overwrites

    @Test
    void renameOverwritesReplacesAnExistingTargetOfAPlainRenameWhereTheServerRefusesIt(@TempDir Path dir) {
        try (SftpTestServer plain = server().file("/a.tmp", "new").file("/a.csv", "old").start();
                InteropClient sshj = ClientKind.SSHJ.connect(plain, USER, PASSWORD)) {
            assertThatThrownBy(() -> sshj.rename("/a.tmp", "/a.csv")).isInstanceOf(InteropClient.StatusException.class);
        }
        try (SftpTestServer server = server(Personality.RENAME_OVERWRITES).start()) {
            for (ClientKind kind : List.of(ClientKind.SSHJ, ClientKind.MINA)) {
                server.putFile("/a.tmp", "new " + kind);
                server.putFile("/a.csv", "old");
                try (InteropClient client = kind.connect(server, USER, PASSWORD)) {
                    client.rename("/a.tmp", "/a.csv");
                }
                assertThat(server.fileContent("/a.csv", StandardCharsets.UTF_8)).isEqualTo("new " + kind);
            }
            server.putFile("/p.tmp", "paramiko");
            server.putFile("/p.csv", "old");
            Paramiko.run(dir, server, USER, PASSWORD, "sftp.rename('/p.tmp', '/p.csv')").assertSucceeded();
            assertThat(server.fileContent("/p.csv", StandardCharsets.UTF_8)).isEqualTo("paramiko");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.RENAME)))
                    .allSatisfy(request -> assertThat(request.status()).isEqualTo(SftpStatus.OK));
        }
    }

    // ------------------------------------------------------------------ append-ignored

    @Test
    void appendIgnoredOverwritesTheStartOfTheFileForClientsThatTrustTheFlag() throws Exception {
        try (SftpTestServer server = server(Personality.APPEND_IGNORED)
                .file("/log.txt", "first line\n").start()) {
            try (TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null);
                    SftpClient.CloseableHandle handle = mina.sftp().open("/log.txt", SftpClient.OpenMode.Write,
                            SftpClient.OpenMode.Append)) {
                mina.sftp().write(handle, 0, "MINA".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(server.fileContent("/log.txt", StandardCharsets.UTF_8)).isEqualTo("MINAt line\n");

            try (SshjClient sshj = SshjClient.connect(server.host(), server.port(), USER, PASSWORD);
                    RemoteFile file = sshj.sftp().open("/log.txt", EnumSet.of(OpenMode.WRITE, OpenMode.APPEND))) {
                file.write(0, "sshj".getBytes(StandardCharsets.UTF_8), 0, 4);
            }
            assertThat(server.fileContent("/log.txt", StandardCharsets.UTF_8)).isEqualTo("sshjt line\n");
        }
    }

    @Test
    void appendIgnoredIsSurvivedByJschAndParamikoWhichWriteAtTheFilesSize(@TempDir Path dir) throws Exception {
        try (SftpTestServer server = server(Personality.APPEND_IGNORED).file("/log.txt", "first\n").start()) {
            try (TestClients.Jsch jsch = TestClients.jsch(server, USER, PASSWORD)) {
                jsch.sftp().put(new ByteArrayInputStream("jsch\n".getBytes(StandardCharsets.UTF_8)), "/log.txt",
                        ChannelSftp.APPEND);
            }
            Paramiko.run(dir, server, USER, PASSWORD, "f = sftp.open('/log.txt', 'a')", "f.write(b'paramiko\\n')",
                    "f.close()").assertSucceeded();
            assertThat(server.fileContent("/log.txt", StandardCharsets.UTF_8)).isEqualTo("first\njsch\nparamiko\n");
        }
    }

    // ------------------------------------------------------------------ readdir-single, readdir-all

    @Test
    void readdirSingleAnswersOneNamePerReaddirSoOneReadSeesOneFile() throws Exception {
        try (SftpTestServer server = server(Personality.READDIR_SINGLE).file("/in/a.csv", "a").file("/in/b.csv", "b")
                .file("/in/c.csv", "c").start()) {
            try (TestClients.Mina mina = TestClients.mina(server, USER, PASSWORD, null);
                    SftpClient.CloseableHandle handle = mina.sftp().openDir("/in")) {
                assertThat(mina.sftp().readDir(handle)).hasSize(1); // ".": one read is not the directory
            }
            server.recording().clear();
            try (TestClients.Jsch jsch = TestClients.jsch(server, USER, PASSWORD)) {
                assertThat(jsch.sftp().ls("/in")).extracting(ChannelSftp.LsEntry::getFilename)
                        .contains("a.csv", "b.csv", "c.csv");
            }
            // ".", "..", three files, then EOF
            assertThat(requests(server, SftpOperation.READDIR)).isEqualTo(6);
        }
    }

    @Test
    void readdirSingleListsEverythingForOpenSshSshjAndParamikoThatLoopUntilEndOfFile(@TempDir Path dir) {
        try (SftpTestServer server = keyServer(dir, Personality.READDIR_SINGLE).user("bob", PASSWORD)
                .file("/in/a.csv", "a").file("/in/b.csv", "b").start()) {
            assertThat(OpenSsh.sftp(server, USER, dir.resolve("id"), "ls /in").assertSucceeded().output())
                    .contains("a.csv", "b.csv");
            try (InteropClient sshj = ClientKind.SSHJ.connect(server, "bob", PASSWORD)) {
                assertThat(sshj.list("/in")).contains("a.csv", "b.csv");
            }
            assertThat(Paramiko.run(dir, server, "bob", PASSWORD, "print(sorted(sftp.listdir('/in')))")
                    .assertSucceeded().output()).contains("['a.csv', 'b.csv']");
        }
    }

    @Test
    void readdirAllSendsALargeDirectoryInOneAnswerThatOpenSshAndCurlRefuseAndJschSshjAndParamikoRead(@TempDir Path dir)
            throws Exception {
        try (SftpTestServer server = bigDirectory(keyServer(dir, Personality.READDIR_ALL).user("bob", PASSWORD))
                .start()) {
            Processes.Result ls = OpenSsh.sftp(server, USER, dir.resolve("id"), "ls /big").assertFailed();
            assertThat(ls.output()).contains("Received message too long");

            server.recording().clear();
            try (TestClients.Jsch jsch = TestClients.jsch(server, "bob", PASSWORD)) {
                assertThat(jsch.sftp().ls("/big")).hasSize(2502); // with "." and ".."
            }
            assertThat(requests(server, SftpOperation.READDIR)).isEqualTo(2); // the whole directory, then EOF
            try (InteropClient sshj = ClientKind.SSHJ.connect(server, "bob", PASSWORD)) {
                assertThat(sshj.list("/big")).hasSize(2500);
            }
            assertThat(Paramiko.run(dir, server, "bob", PASSWORD, "print(len(sftp.listdir('/big')))")
                    .assertSucceeded().output()).contains("2500");
            // curl's libssh2 (1.10) refuses an SFTP packet over 256 KiB: LIBSSH2_ERROR_CHANNEL_PACKET_EXCEEDED (-25)
            Processes.Result curl = Curl.run(dir, server, "bob", PASSWORD, "/big/", "--list-only");
            assertThat(curl.exitCode()).as(curl.output()).isEqualTo(79);
            assertThat(curl.output()).contains("Unknown error in libssh2 :: -25");
        }
        try (SftpTestServer plain = bigDirectory(server(Personality.readdirEntries(100)).user("bob", PASSWORD))
                .start()) {
            // the same directory in answers of 100 names, as OpenSSH's server sends them: curl lists it
            Processes.Result curl = Curl.run(dir, plain, "bob", PASSWORD, "/big/", "--list-only");
            assertThat(curl.exitCode()).as(curl.output()).isZero();
            assertThat(curl.output().lines().filter(line -> line.endsWith(".csv")).count()).isEqualTo(2500);
        }
    }

    /** 2,500 empty files of 65-character names in {@code /big}: over 256 KiB of names in one answer. */
    private static SftpTestServer.Builder bigDirectory(SftpTestServer.Builder builder) {
        String name = "x".repeat(60);
        for (int i = 0; i < 2500; i++) {
            builder.file("/big/" + name + i + ".csv", "");
        }
        return builder;
    }

    // ------------------------------------------------------------------ windows-openssh

    @Test
    void windowsOpenSshAnswersDrivePathsThatJschTakesForRelativeOnes() throws Exception {
        try (SftpTestServer server = server(Personality.WINDOWS_OPENSSH).file("/in/Report.csv", "a").start();
                TestClients.Jsch jsch = TestClients.jsch(server, USER, PASSWORD)) {
            assertThat(jsch.sftp().pwd()).isEqualTo("/C:/");
            assertThat(jsch.sftp().realpath("/in")).isEqualTo("/C:/in");
            // the drive path and the case-folded name find the file
            assertThat(new String(jsch.sftp().get("/C:/IN/report.CSV").readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("a");
            jsch.sftp().cd("/C:/in");
            // a Windows absolute path without the leading slash: JSch puts the working directory in front (jsch#900)
            assertThatThrownBy(() -> jsch.sftp().get("C:/in/Report.csv")).isInstanceOfSatisfying(SftpException.class,
                    e -> assertThat(e.id).isEqualTo(ChannelSftp.SSH_FX_NO_SUCH_FILE));
            assertThat(server.recording().requests()).extracting(RecordedRequest::path)
                    .contains("/C:/IN/report.CSV", "/C:/in/C:/in/Report.csv");
        }
    }

    @Test
    void windowsOpenSshShowsDrivePathsAndWindowsLongNamesInOpenSshSftp(@TempDir Path dir) {
        try (SftpTestServer server = keyServer(dir, Personality.WINDOWS_OPENSSH).file("/in/a.txt", "a").start()) {
            Processes.Result result = OpenSsh.sftp(server, USER, dir.resolve("id"), "pwd", "cd /in", "pwd", "ls -l")
                    .assertSucceeded();
            assertThat(result.output()).contains("Remote working directory: /C:/", "Remote working directory: /C:/in")
                    .containsPattern("-rw-\\*{6} .* a\\.txt");
        }
    }

    @Test
    void windowsOpenSshRefusesToReplaceAFileAnotherConnectionHoldsOpenAndHasNoPosixRename() throws Exception {
        try (SftpTestServer server = server(Personality.WINDOWS_OPENSSH).file("/in/a.txt", "a")
                .file("/in/b.txt", "b").start();
                TestClients.Jsch reader = TestClients.jsch(server, USER, PASSWORD);
                TestClients.Jsch jsch = TestClients.jsch(server, USER, PASSWORD)) {
            assertThat(jsch.sftp().getExtension("posix-rename@openssh.com")).isNull();
            try (var open = reader.sftp().get("/in/a.txt")) {
                assertThatThrownBy(() -> jsch.sftp().rm("/in/a.txt")).isInstanceOf(SftpException.class)
                        .hasMessageContaining("being used by another process");
            }
            assertThatThrownBy(() -> jsch.sftp().rename("/in/b.txt", "/in/a.txt")).isInstanceOf(SftpException.class);
        }
    }

    // ------------------------------------------------------------------ noisy-login

    @Test
    void noisyLoginMakesOpenSshReadTheLoginScriptsOutputAsAPacketLength(@TempDir Path dir) {
        try (SftpTestServer server = keyServer(dir, Personality.NOISY_LOGIN).start()) {
            Processes.Result result = OpenSsh.sftp(server, USER, dir.resolve("id"), "pwd").assertFailed();
            assertThat(result.output()).contains("Received message too long 1466264675");
        }
    }

    @Test
    void noisyLoginFailsJschSshjAndParamikoAtTheVersionPacket(@TempDir Path dir) {
        try (SftpTestServer server = server(Personality.NOISY_LOGIN).start()) {
            assertThatThrownBy(() -> TestClients.jsch(server, USER, PASSWORD).close())
                    .isInstanceOf(JSchException.class).hasMessageContaining("Received message is too long: 1466264670");
            assertThatThrownBy(() -> ClientKind.SSHJ.connect(server, USER, PASSWORD).list("/"))
                    .hasMessageContaining("Indicated packet length 1466264675 too large");
            Processes.Result paramiko = Paramiko.run(dir, server, USER, PASSWORD, "print(sftp.listdir('/'))");
            assertThat(paramiko.exitCode()).isNotZero();
            assertThat(paramiko.output()).contains("SFTPError: Garbage packet received");
        }
    }

    // ------------------------------------------------------------------ extensions-unsupported

    @Test
    void extensionsUnsupportedAdvertisesStatvfsAndHardlinkAndRefusesThem(@TempDir Path dir) throws Exception {
        try (SftpTestServer server = keyServer(dir, Personality.EXTENSIONS_UNSUPPORTED).user("bob", PASSWORD)
                .file("/a.txt", "a").start()) {
            try (TestClients.Jsch jsch = TestClients.jsch(server, "bob", PASSWORD)) {
                assertThat(jsch.sftp().getExtension("statvfs@openssh.com")).isEqualTo("2");
                assertThat(jsch.sftp().getExtension("hardlink@openssh.com")).isEqualTo("1");
                assertThatThrownBy(() -> jsch.sftp().statVFS("/")).isInstanceOfSatisfying(SftpException.class,
                        e -> assertThat(e.id).isEqualTo(ChannelSftp.SSH_FX_OP_UNSUPPORTED));
                assertThatThrownBy(() -> jsch.sftp().hardlink("/a.txt", "/b.txt"))
                        .isInstanceOfSatisfying(SftpException.class,
                                e -> assertThat(e.id).isEqualTo(ChannelSftp.SSH_FX_OP_UNSUPPORTED));
            }
            OpenSsh.sftp(server, USER, dir.resolve("id"), "df /").assertFailed();
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.EXTENDED)))
                    .filteredOn(request -> "statvfs@openssh.com".equals(request.extension())).isNotEmpty()
                    .allSatisfy(request -> assertThat(request.status()).isEqualTo(SftpStatus.OP_UNSUPPORTED));
        }
    }

    // ------------------------------------------------------------------ names and conflicts

    @Test
    void parsesTheNewNamesAndTheirParameters() {
        assertThat(List.of("setstat-unsupported", "setstat-ignored", "rename-overwrites", "append-ignored",
                "readdir-single", "readdir-all", "windows-openssh", "noisy-login", "extensions-unsupported"))
                .allSatisfy(name -> assertThat(Personality.parse(name).name()).isEqualTo(name));
        assertThat(Personality.parse("readdir-entries=100").name()).isEqualTo("readdir-entries=100");
        assertThat(Personality.parse("extensions-unsupported=posix-rename@openssh.com").description())
                .contains("posix-rename@openssh.com");
        assertThat(Personality.parse("noisy-login=Hello").name()).isEqualTo("noisy-login=Hello");
        assertThatThrownBy(() -> Personality.parse("readdir-entries=many")).hasMessageContaining("no count");
        assertThatThrownBy(() -> Personality.readdirEntries(0)).hasMessageContaining("at least 1");
    }

    @Test
    void refusesTwoPersonalitiesThatDecideTheSameAnswer() {
        assertThatThrownBy(() -> server(Personality.NO_SETSTAT, Personality.SETSTAT_IGNORED).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setstat-ignored").hasMessageContaining("no-setstat")
                .hasMessageContaining("keep one");
        assertThatThrownBy(() -> server(Personality.READDIR_SINGLE, Personality.READDIR_ALL).build())
                .hasMessageContaining("the names per READDIR answer");
        assertThatThrownBy(() -> server(Personality.RENAME_OVERWRITES, Personality.NO_OVERWRITE).build())
                .hasMessageContaining("rename onto an existing name");
    }

    @Test
    void extensionsUnsupportedWithPosixRenameFailsJschsRenameWhichTrustsTheAdvertisement() throws JSchException, SftpException {
        // JSch sees posix-rename advertised and uses it for every rename: refused, where a plain RENAME would work
        try (SftpTestServer server = server(Personality.extensionsUnsupported("posix-rename@openssh.com"))
                .file("/a.txt", "a").start();
                TestClients.Jsch jsch = TestClients.jsch(server, USER, PASSWORD)) {
            assertThatThrownBy(() -> jsch.sftp().rename("/a.txt", "/b.txt")).isInstanceOfSatisfying(
                    SftpException.class, e -> assertThat(e.id).isEqualTo(ChannelSftp.SSH_FX_OP_UNSUPPORTED));
            assertThat(jsch.sftp().stat("/a.txt").getSize()).isEqualTo(1);
        }
    }
}
