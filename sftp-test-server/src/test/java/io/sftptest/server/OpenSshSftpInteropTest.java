package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenSSH {@code sftp} binary in batch mode, authenticating with an Ed25519 key. */
class OpenSshSftpInteropTest {
    @TempDir
    static Path keys;
    private static Path key;

    @TempDir
    Path work;
    private SftpTestServer server;

    @BeforeAll
    static void generateKey() {
        key = OpenSsh.generateKey(keys, "id_ed25519");
    }

    @BeforeEach
    void startServer() {
        server = SftpTestServer.builder().user("bob", Path.of(key + ".pub")).start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void uploadsWithPutAndDownloadsWithGet() throws Exception {
        Path local = work.resolve("local.txt");
        Files.writeString(local, "from sftp put");
        server.putFile("/out/report.txt", "from the server");
        Path downloaded = work.resolve("report.txt");

        OpenSsh.sftp(server, "bob", key,
                "put " + local + " /in.txt",
                "get /out/report.txt " + downloaded).assertSucceeded();

        assertThat(server.fileContent("/in.txt", UTF_8)).isEqualTo("from sftp put");
        assertThat(Files.readString(downloaded)).isEqualTo("from the server");
    }

    @Test
    void preservesModeAndTimesWithPutDashP() throws Exception {
        Path local = work.resolve("kept.txt");
        Files.writeString(local, "kept");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rw-r-----"));
        FileTime modified = FileTime.from(
                Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(local, modified);

        OpenSsh.sftp(server, "bob", key, "put -p " + local + " /kept.txt").assertSucceeded();

        Path stored = server.path("/kept.txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)))
                .isEqualTo("rw-r-----");
        assertThat(Files.getLastModifiedTime(stored)).isEqualTo(modified);
    }

    @Test
    void listsRenamesAndRemovesFiles() {
        server.putFile("/dir/a.txt", "a").putFile("/dir/gone.txt", "g");

        Processes.Result result = OpenSsh.sftp(server, "bob", key,
                "rename /dir/a.txt /dir/b.txt",
                "rm /dir/gone.txt",
                "ls -1 /dir").assertSucceeded();

        String listing = result.output().substring(result.output().indexOf("ls -1 /dir") + "ls -1 /dir".length());
        assertThat(listing).contains("b.txt").doesNotContain("a.txt").doesNotContain("gone.txt");
        assertThat(server.list("/dir")).containsExactly("b.txt");
    }

    @Test
    void createsAndRemovesDirectories() {
        OpenSsh.sftp(server, "bob", key, "mkdir /made", "mkdir /made/inner").assertSucceeded();
        assertThat(server.isDirectory("/made/inner")).isTrue();

        OpenSsh.sftp(server, "bob", key, "rmdir /made/inner").assertSucceeded();
        assertThat(server.list("/made")).isEmpty();
    }

    @Test
    void createsSymbolicLinksAndChangesPermissions() throws Exception {
        server.putFile("/data/real.txt", "real");

        Processes.Result result = OpenSsh.sftp(server, "bob", key,
                "symlink /data/real.txt /data/link.txt",
                "chmod 640 /data/real.txt",
                "ls -l /data/real.txt").assertSucceeded();

        assertThat(Files.readSymbolicLink(server.path("/data/link.txt")).toString())
                .isEqualTo("/data/real.txt");
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(server.path("/data/real.txt")))).isEqualTo("rw-r-----");
        assertThat(result.output()).contains("-rw-r-----");
    }

    @Test
    void reportsFreeSpaceWithDf() {
        Processes.Result result = OpenSsh.sftp(server, "bob", key, "df -h /").assertSucceeded();

        assertThat(result.output()).contains("Size").contains("Avail");
    }

    @Test
    void connectsWhenTheHostKeyIsPinnedInKnownHosts() throws Exception {
        server.putFile("/pinned.txt", "pinned");
        Path knownHosts = work.resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");

        Processes.Result result = OpenSsh.sftp(server, "bob", key, List.of(
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts),
                "ls -1 /").assertSucceeded();

        assertThat(result.output()).contains("pinned.txt");
    }

    @Test
    void refusesToConnectWhenThePinnedHostKeyDiffers() throws Exception {
        Path knownHosts = work.resolve("known_hosts");
        Files.writeString(knownHosts, HostKey.generateEd25519Fresh().knownHostsLine(server.host(), server.port())
                + "\n");

        Processes.Result result = OpenSsh.sftp(server, "bob", key, List.of(
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts),
                "ls -1 /").assertFailed();

        assertThat(result.output()).containsIgnoringCase("host key");
    }
}
