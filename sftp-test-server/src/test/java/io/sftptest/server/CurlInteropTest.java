package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curl} (libssh2) with {@code sftp://} URLs and a password. */
class CurlInteropTest {
    @TempDir
    Path work;
    private SftpTestServer server;

    @BeforeEach
    void startServer() {
        server = SftpTestServer.builder().user("alice", "secret").start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void uploadsWithUploadFile() throws Exception {
        Path local = work.resolve("local.txt");
        Files.writeString(local, "from curl");

        Curl.run(work, server, "alice", "secret", "/in/up.txt", "--upload-file", local.toString(),
                "--ftp-create-dirs").assertSucceeded();

        assertThat(server.fileContent("/in/up.txt", UTF_8)).isEqualTo("from curl");
    }

    @Test
    void downloadsAFile() throws Exception {
        server.putFile("/out/report.txt", "for curl");
        Path local = work.resolve("report.txt");

        Curl.run(work, server, "alice", "secret", "/out/report.txt", "--output", local.toString())
                .assertSucceeded();

        assertThat(Files.readString(local)).isEqualTo("for curl");
    }

    @Test
    void listsADirectoryWhenTheUrlEndsWithASlash() {
        server.putFile("/dir/one.txt", "1").putFile("/dir/two.txt", "2").createDirectory("/dir/sub");

        Processes.Result longListing = Curl.run(work, server, "alice", "secret", "/dir/").assertSucceeded();
        Processes.Result namesOnly = Curl.run(work, server, "alice", "secret", "/dir/", "--list-only")
                .assertSucceeded();

        assertThat(longListing.output().lines())
                .anySatisfy(line -> assertThat(line).startsWith("-").endsWith(" one.txt"))
                .anySatisfy(line -> assertThat(line).startsWith("d").endsWith(" sub"));
        assertThat(namesOnly.output().lines()).contains("one.txt", "two.txt", "sub");
    }

    @Test
    void renamesAndRemovesWithQuoteCommands() {
        server.putFile("/dir/a.txt", "a").putFile("/dir/gone.txt", "g");

        Curl.run(work, server, "alice", "secret", "/dir/", "--list-only",
                "--quote", "rename /dir/a.txt /dir/b.txt", "--quote", "rm /dir/gone.txt").assertSucceeded();

        assertThat(server.list("/dir")).containsExactly("b.txt");
        assertThat(server.fileContent("/dir/b.txt", UTF_8)).isEqualTo("a");
    }

    @Test
    void acceptsTheHostKeyPinnedInKnownHosts() throws Exception {
        server.putFile("/pinned.txt", "pinned");
        // Processes.run() makes the work directory curl's HOME, so this is the ~/.ssh/known_hosts it reads.
        Path knownHosts = Files.createDirectories(work.resolve(".ssh")).resolve("known_hosts");
        Files.writeString(knownHosts, server.knownHostsLine() + "\n");

        Processes.Result result = Curl.runVerified(work, server, "alice", "secret", "/pinned.txt", List.of())
                .assertSucceeded();

        assertThat(result.output()).isEqualTo("pinned");
    }

    @Test
    void refusesAHostKeyThatDiffersFromKnownHosts() throws Exception {
        server.putFile("/pinned.txt", "pinned");
        Path knownHosts = Files.createDirectories(work.resolve(".ssh")).resolve("known_hosts");
        Files.writeString(knownHosts, HostKey.generateEd25519Fresh().knownHostsLine(server.host(), server.port())
                + "\n");

        Processes.Result result = Curl.runVerified(work, server, "alice", "secret", "/pinned.txt", List.of())
                .assertFailed();

        assertThat(result.output()).doesNotContain("pinned");
    }

    @Test
    void acceptsTheHostKeyPinnedByItsSha256() throws Exception {
        Curl.assumeLibssh2(work);
        // --hostpubsha256 pins one key, and which of the two default keys libssh2 negotiates is libssh2's choice:
        // a server with one key makes the pin unambiguous
        try (SftpTestServer oneKey = SftpTestServer.builder().user("alice", "secret")
                .hostKey(HostKey.generateEd25519()).start()) {
            oneKey.putFile("/pinned.txt", "pinned");
            String sha256 = oneKey.hostKey().fingerprint().substring("SHA256:".length());

            Processes.Result result = Curl.runVerified(work, oneKey, "alice", "secret", "/pinned.txt",
                    List.of("--hostpubsha256", sha256)).assertSucceeded();

            assertThat(result.output()).isEqualTo("pinned");
        }
    }

    @Test
    void refusesAHostKeyWhoseSha256Differs() {
        Curl.assumeLibssh2(work);
        server.putFile("/pinned.txt", "pinned");
        String other = HostKey.generateEd25519Fresh().fingerprint().substring("SHA256:".length());

        Processes.Result result = Curl.runVerified(work, server, "alice", "secret", "/pinned.txt",
                List.of("--hostpubsha256", other)).assertFailed();

        assertThat(result.output()).doesNotContain("pinned");
    }
}
