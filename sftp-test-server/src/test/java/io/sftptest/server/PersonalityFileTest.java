package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;

/**
 * A personality file loaded into the server, seen by real clients: the probed server's messages verbatim, and the
 * quirks the file records (attribute changes ignored, a rename that replaces, APPEND ignored, an extension advertised
 * that answers OP_UNSUPPORTED, no symbolic links), reproduced with listeners and fault rules.
 */
class PersonalityFileTest {
    private static final Personality GATEWAY = Personality.fromResource("personalities/windows-gateway.personality.json");

    private static SftpTestServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        server = SftpTestServer.builder().user("alice", "secret").personality(GATEWAY).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void answersCommonFailuresWithTheProbedServersMessages() throws Exception {
        server.createDirectory("/full").putFile("/full/a.txt", "a");
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            SftpException stat = catchThrowableOfType(SftpException.class, () -> jsch.sftp().stat("/missing.txt"));
            SftpException get = catchThrowableOfType(SftpException.class, () -> jsch.sftp().get("/missing.txt")
                    .close());
            SftpException mkdir = catchThrowableOfType(SftpException.class, () -> jsch.sftp().mkdir("/full"));
            SftpException rmdir = catchThrowableOfType(SftpException.class, () -> jsch.sftp().rmdir("/full"));

            assertThat(stat.id).isEqualTo(ChannelSftp.SSH_FX_NO_SUCH_FILE);
            assertThat(stat).hasMessageEndingWith(": The system cannot find the file specified.");
            assertThat(get).hasMessageContaining("The system cannot find the file specified.");
            assertThat(mkdir.id).isEqualTo(ChannelSftp.SSH_FX_FAILURE);
            assertThat(mkdir).hasMessageEndingWith(": Cannot create a file when that file already exists.");
            assertThat(rmdir).hasMessageEndingWith(": The directory is not empty.");
        }
        assertThat(server.exists("/full/a.txt")).isTrue();
    }

    @Test
    void answersAttributeChangesWithOkAndChangesNothing() throws Exception {
        server.putFile("/report.csv", "a,b\n");
        FileTime before = Files.getLastModifiedTime(server.path("/report.csv"));
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            jsch.sftp().setMtime("/report.csv", 1_000_000_000);
            jsch.sftp().chmod(0600, "/report.csv");
        }
        assertThat(Files.getLastModifiedTime(server.path("/report.csv"))).isEqualTo(before);
        assertThat(server.recording().requests()).filteredOn(r -> r.operation() == SftpOperation.SETSTAT)
                .hasSize(2).allSatisfy(r -> assertThat(r.status()).isEqualTo(SftpStatus.OK));
    }

    @Test
    void replacesTheTargetOfAPlainRename() throws Exception {
        server.putFile("/upload.part", "new").putFile("/upload.csv", "old");
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            jsch.sftp().rename("/upload.part", "/upload.csv");
        }
        assertThat(server.fileContent("/upload.csv", StandardCharsets.UTF_8)).isEqualTo("new");
        assertThat(server.exists("/upload.part")).isFalse();
        assertThat(server.recording().requests()).anySatisfy(r -> assertThat(r.operation())
                .isEqualTo(SftpOperation.RENAME));
    }

    @Test
    void writesAtTheOffsetSentWhenTheClientAppends() throws Exception {
        server.putFile("/log.txt", "0123456789");
        // MINA's SftpClient writes where the code says: offset 0 of a file opened to append, as mina-sshd#690's did
        try (TestClients.Mina mina = TestClients.mina(server, "alice", "secret", null);
                SftpClient.CloseableHandle handle = mina.sftp().open("/log.txt", SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Append)) {
            mina.sftp().write(handle, 0, "abc".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(server.fileContent("/log.txt", StandardCharsets.UTF_8)).isEqualTo("abc3456789");
    }

    @Test
    void advertisesStatvfsAndAnswersItOpUnsupported() throws Exception {
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            SftpException statvfs = catchThrowableOfType(SftpException.class, () -> jsch.sftp().statVFS("/"));

            assertThat(jsch.sftp().getExtension("statvfs@openssh.com")).isEqualTo("2");
            assertThat(jsch.sftp().getExtension("posix-rename@openssh.com")).isNull();
            assertThat(statvfs.id).isEqualTo(ChannelSftp.SSH_FX_OP_UNSUPPORTED);
            assertThat(statvfs).hasMessageEndingWith(": The request is not supported.");
        }
    }

    @Test
    void refusesSymbolicLinksAndFindsNamesInAnyCase() throws Exception {
        server.putFile("/Report.CSV", "a");
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            SftpException symlink = catchThrowableOfType(SftpException.class,
                    () -> jsch.sftp().symlink("/Report.CSV", "/link"));

            assertThat(symlink.id).isEqualTo(ChannelSftp.SSH_FX_OP_UNSUPPORTED);
            assertThat(symlink).hasMessageEndingWith(": Symbolic links are not supported.");
            assertThat(jsch.sftp().stat("/report.csv").getSize()).isEqualTo(1);
        }
    }

    @Test
    void answersRealPathsWithTheDriveAsTheFileSays() throws Exception {
        server.putFile("/in/a.txt", "a");
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) {
            assertThat(jsch.sftp().pwd()).isEqualTo("/C:/");
            assertThat(jsch.sftp().realpath("/in")).isEqualTo("/C:/in");
            assertThat(jsch.sftp().stat("/C:/in/a.txt").getSize()).isEqualTo(1);
        }
    }

    @Test
    void identifiesItselfAndGreetsAsTheFileSays() throws Exception {
        com.jcraft.jsch.Session session = TestClients.jschSession(server, "alice", "secret");
        List<String> banners = new ArrayList<>();
        session.setUserInfo(new SeedSettingsTest.BannerCollector(banners));
        session.connect(10_000);
        try {
            assertThat(session.getServerVersion()).isEqualTo("SSH-2.0-WinGateway_4.2");
            assertThat(banners).containsExactly("Authorised use only.\n");
        } finally {
            session.disconnect();
        }
    }

    @Test
    void listsWhatItCannotReproduceAndThePresetsNothing() {
        assertThat(GATEWAY.name()).isEqualTo("windows-gateway");
        assertThat(GATEWAY.description()).isEqualTo("a Windows SFTP gateway, written by hand for the tests");
        assertThat(GATEWAY.limitations()).containsExactly(
                "sftp.extensions: this server also advertises versions, newline, vendor-id, acl-supported, supported, "
                        + "supported2, which the probed server does not (they inform; clients rarely look at them)");
        assertThat(Personality.presets()).allSatisfy(preset -> assertThat(preset.limitations()).isEmpty());
    }

    @Test
    void refusesAMissingFileOrResourceNamingWhereItLooked() {
        assertThatThrownBy(() -> Personality.load(temp.resolve("partner.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("personality file " + temp.resolve("partner.json").toAbsolutePath() + " does not exist: "
                        + "write one with the runner's probe (or write-personality) command, or check the path");
        assertThatThrownBy(() -> Personality.fromResource("partner.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no personality file \"partner.json\" on the class path: put it under "
                        + "src/test/resources and name it relative to that directory, e.g. \"partner.personality.json\"");
    }

    @Test
    void refusesAnInvalidFileWithItsNameLineAndField() throws Exception {
        Path file = Files.writeString(temp.resolve("partner.json"),
                "{\"format\": 1,\n\"name\": \"p\",\n\"writes\": {\"apend\": {}}}");

        assertThatThrownBy(() -> Personality.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": line 3: writes.apend is no field of format 1: writes has append, "
                        + "overwrite");
    }

    @Test
    void composesWithOtherPersonalitiesAndTheBuildersOwnSettings() throws Exception {
        Path file = Files.writeString(temp.resolve("v3.json"), "{\"format\": 1, \"name\": \"v3\", "
                + "\"sftp\": {\"versions\": [3]}, \"ssh\": {\"identification\": \"SSH-2.0-Partner\"}}");

        try (SftpTestServer composed = SftpTestServer.builder().personality(Personality.load(file))
                .personality(Personality.NO_SETSTAT).serverVersion("Overridden").start()) {
            assertThat(composed.personalities()).extracting(Personality::name).containsExactly("v3", "no-setstat");
            assertThat(composed.config("ServerSSHVersionString")).isEqualTo("SSH-2.0-Overridden");
            assertThat(composed.config("ProtocolVersion")).isEqualTo("3");
        }
    }
}
