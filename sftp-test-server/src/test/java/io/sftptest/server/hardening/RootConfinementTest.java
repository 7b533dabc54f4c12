package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.sftptest.server.SftpTestServer;

/**
 * A client cannot read or write outside its root, in memory or in a real directory, by "..",
 * absolute host paths, or symbolic links it creates or finds; odd names get a status and Unicode
 * names round-trip byte for byte.
 */
class RootConfinementTest {
    private static final String SECRET = "outside the root";
    private static SshClient client;

    @TempDir
    Path temp;

    @BeforeAll
    static void startClient() {
        client = RawSftp.startClient();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    private SftpTestServer server(boolean realDirectory) throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), SECRET);
        SftpTestServer.Builder builder = Health.builder();
        if (realDirectory) {
            builder.rootDirectory(Files.createDirectories(temp.resolve("root")));
        }
        return builder.start();
    }

    @ParameterizedTest(name = "real directory: {0}")
    @ValueSource(booleans = {false, true})
    void keepsDotDotAndAbsoluteHostPathsInsideTheRoot(boolean realDirectory) throws Exception {
        try (SftpTestServer server = server(realDirectory); SftpClient sftp = sftp(server, Health.USER)) {
            assertThat(sftp.canonicalPath("/../../..")).isEqualTo("/");
            assertThat(sftp.canonicalPath("../..")).isEqualTo("/");
            assertNotReadable(sftp, "/../outside/secret.txt");
            assertNotReadable(sftp, "../../outside/secret.txt");
            assertNotReadable(sftp, temp.resolve("outside/secret.txt").toString());
            assertNotReadable(sftp, "/etc/passwd");
            assertThatThrownBy(() -> write(sftp, "/../outside/new.txt", "x")).isInstanceOf(IOException.class);
            assertThat(temp.resolve("outside/new.txt")).doesNotExist();
            Health.assertServes(client, server);
        }
    }

    @ParameterizedTest(name = "real directory: {0}")
    @ValueSource(booleans = {false, true})
    void doesNotFollowSymbolicLinksTheClientPointsOutside(boolean realDirectory) throws Exception {
        try (SftpTestServer server = server(realDirectory); SftpClient sftp = sftp(server, Health.USER)) {
            String hostOutside = temp.resolve("outside").toString();
            for (String target : List.of("/../outside", "../../outside", hostOutside)) {
                String link = "/escape-" + Math.abs(target.hashCode());
                try {
                    sftp.symLink(link, target);
                } catch (SftpException refused) {
                    continue; // refusing to create the link is fine too
                }
                assertNotReadable(sftp, link + "/secret.txt");
                assertThatThrownBy(() -> write(sftp, link + "/planted.txt", "x")).isInstanceOf(IOException.class);
            }
            assertThat(temp.resolve("outside/planted.txt")).doesNotExist();
            assertThat(Files.readString(temp.resolve("outside/secret.txt"))).isEqualTo(SECRET);
        }
    }

    @Test
    void doesNotFollowAPreExistingSymbolicLinkOutOfARealRoot() throws Exception {
        try (SftpTestServer server = server(true)) {
            Files.createSymbolicLink(temp.resolve("root/out"), temp.resolve("outside"));
            Files.createSymbolicLink(temp.resolve("root/secret-link.txt"), temp.resolve("outside/secret.txt"));
            try (SftpClient sftp = sftp(server, Health.USER)) {
                assertNotReadable(sftp, "/out/secret.txt");
                assertNotReadable(sftp, "/secret-link.txt");
                assertThatThrownBy(() -> write(sftp, "/out/planted.txt", "x")).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> sftp.readDir("/out").forEach(e -> { }))
                        .hasMessageContaining("SSH_FX_PERMISSION_DENIED");
            }
            assertThat(temp.resolve("outside/planted.txt")).doesNotExist();
        }
    }

    @Test
    void doesNotFollowAPreExistingInMemoryLinkOutOfAUsersRoot() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("carol", "c").userRootDirectory("carol", "/users/carol")
                .file("/users/dave/private.txt", "dave's").start()) {
            Files.createSymbolicLink(server.path("/users/carol/to-dave"), server.path("/users/dave"));
            Files.createSymbolicLink(server.path("/users/carol/dangling"), server.path("/users/dave/new.txt"));
            try (SftpClient carol = sftp(server, "carol", "c")) {
                assertNotReadable(carol, "/to-dave/private.txt");
                assertThatThrownBy(() -> write(carol, "/dangling", "planted")).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> write(carol, "/to-dave/planted.txt", "x")).isInstanceOf(IOException.class);
            }
            assertThat(server.list("/users/dave")).containsExactly("private.txt");
        }
    }

    @Test
    void keepsARestrictedUserInTheHomeDirectoryAndAUserRootedUserInTheRoot() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder()
                .user("alice", "a").homeDirectory("alice", "/home/alice").restrictUserToHomeDir("alice")
                .user("bob", "b").homeDirectory("bob", "/home/bob")
                .user("carol", "c").userRootDirectory("carol", "/users/carol")
                .file("/home/bob/private.txt", "bob's").file("/users/dave/private.txt", "dave's").start()) {
            try (SftpClient alice = sftp(server, "alice", "a")) {
                assertNotReadable(alice, "/home/bob/private.txt");
                assertNotReadable(alice, "/home/alice/../bob/private.txt");
                assertNotReadable(alice, "../bob/private.txt");
                try {
                    alice.symLink("/home/alice/to-bob", "/home/bob");
                    assertNotReadable(alice, "/home/alice/to-bob/private.txt");
                } catch (SftpException refused) {
                    // refusing the link is fine
                }
                write(alice, "/home/alice/mine.txt", "ok");
            }
            try (SftpClient carol = sftp(server, "carol", "c")) {
                assertThat(carol.canonicalPath("/..")).isEqualTo("/");
                assertNotReadable(carol, "/../dave/private.txt");
                assertNotReadable(carol, "/../../home/bob/private.txt");
                write(carol, "/../../escaped.txt", "x");
            }
            assertThat(server.exists("/escaped.txt")).isFalse();
            assertThat(server.fileContent("/users/carol/escaped.txt", StandardCharsets.UTF_8)).isEqualTo("x");
            assertThat(server.fileContent("/home/alice/mine.txt", StandardCharsets.UTF_8)).isEqualTo("ok");
        }
    }

    @ParameterizedTest(name = "real directory: {0}")
    @ValueSource(booleans = {false, true})
    void answersOddNamesWithAStatusAndRoundTripsTheOthersExactly(boolean realDirectory) throws Exception {
        try (SftpTestServer server = server(realDirectory); SftpClient sftp = sftp(server, Health.USER)) {
            String longName = "/" + "x".repeat(10_000);
            if (realDirectory) {
                // the host filesystem allows 255 bytes per name: the client gets a status
                assertThatThrownBy(() -> write(sftp, longName, "long")).isInstanceOf(IOException.class);
            } else {
                // Jimfs has no name length limit: the name works and round-trips
                write(sftp, longName, "long");
                assertThat(read(sftp, longName)).isEqualTo("long");
            }
            assertThatThrownBy(() -> write(sftp, "/nul\u0000byte.txt", "nul")).isInstanceOf(IOException.class);

            String nfc = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFC);
            String nfd = Normalizer.normalize("caf\u00e9.txt", Normalizer.Form.NFD);
            List<String> names = List.of("x".repeat(255), "tab\there", "new\nline", "bell\u0007", nfc, nfd,
                    "\u65e5\u672c\u8a9e.txt", "emoji \ud83d\udcc1.txt", "back\\slash", " leading space", "-dash");
            sftp.mkdir("/names");
            for (String name : names) {
                write(sftp, "/names/" + name, "content of " + name);
            }
            List<String> listed = new ArrayList<>();
            sftp.readDir("/names").forEach(entry -> listed.add(entry.getFilename()));
            listed.removeAll(List.of(".", ".."));
            assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
            for (String name : names) {
                assertThat(read(sftp, "/names/" + name)).isEqualTo("content of " + name);
            }
            assertThat(server.list("/names")).containsExactlyInAnyOrderElementsOf(names);
            Health.assertServes(client, server);
        }
    }

    private static void assertNotReadable(SftpClient sftp, String path) {
        assertThatThrownBy(() -> read(sftp, path)).as("reading %s", path).isInstanceOf(IOException.class);
    }

    private static String read(SftpClient sftp, String path) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = sftp.read(path)) {
            in.transferTo(bytes);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).as("content read through %s", path).isNotEqualTo(SECRET);
        return text;
    }

    private static void write(SftpClient sftp, String path, String text) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static SftpClient sftp(SftpTestServer server, String user) throws IOException {
        return sftp(server, user, Health.PASSWORD);
    }

    private static SftpClient sftp(SftpTestServer server, String user, String password) throws IOException {
        ClientSession session = RawSftp.login(client, server, user, password);
        return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
    }
}
