package io.sftptest.server;

import static io.sftptest.server.StatusAssertions.assertStatus;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Per-user home directories (seed: HomeDir, RestrictUserToHomeDir) and per-user roots (UserRootDirectory). */
class HomeDirectoryTest {
    private static SftpTestServer homesServer() {
        return SftpTestServer.builder()
                .user("alice", "a-secret").user("bob", "b-secret")
                .homeDirectory("alice", "/home/alice").homeDirectory("bob", "/home/bob")
                .restrictUserToHomeDir(true)
                .file("/home/bob/private.txt", "bob's")
                .start();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void startsEachUserInTheirHomeDirectory(ClientKind kind) {
        try (SftpTestServer server = homesServer();
                InteropClient alice = kind.connect(server, "alice", "a-secret");
                InteropClient bob = kind.connect(server, "bob", "b-secret")) {
            assertThat(alice.realpath(".")).isEqualTo("/home/alice");
            assertThat(bob.realpath(".")).isEqualTo("/home/bob");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void letsAUserWorkWithRelativePathsInTheirHome(ClientKind kind) {
        try (SftpTestServer server = homesServer();
                InteropClient alice = kind.connect(server, "alice", "a-secret")) {
            alice.upload("notes.txt", "mine".getBytes(UTF_8));
            alice.mkdir("sub");

            assertThat(server.fileContent("/home/alice/notes.txt", UTF_8)).isEqualTo("mine");
            assertThat(alice.list(".")).containsExactlyInAnyOrder("notes.txt", "sub");
            assertThat(new String(alice.download("/home/alice/notes.txt"), UTF_8)).isEqualTo("mine");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void deniesAUserAnotherUsersFiles(ClientKind kind) {
        try (SftpTestServer server = homesServer();
                InteropClient alice = kind.connect(server, "alice", "a-secret")) {
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.list("/home/bob"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.download("/home/bob/private.txt"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.upload("/home/bob/planted.txt", new byte[1]));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.remove("/home/bob/private.txt"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.list("/"));

            assertThat(server.list("/home/bob")).containsExactly("private.txt");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void deniesClimbingOutOfTheHomeDirectoryWithDotDot(ClientKind kind) {
        try (SftpTestServer server = homesServer();
                InteropClient alice = kind.connect(server, "alice", "a-secret")) {
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.download("../bob/private.txt"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.download("/home/alice/../bob/private.txt"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.list(".."));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.upload("../bob/planted.txt", new byte[1]));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.rename("/home/bob/private.txt", "stolen.txt"));

            assertThat(server.list("/home/bob")).containsExactly("private.txt");
            assertThat(server.list("/home/alice")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void deniesReadingThroughASymbolicLinkToAnotherHome(ClientKind kind) throws Exception {
        try (SftpTestServer server = homesServer();
                InteropClient alice = kind.connect(server, "alice", "a-secret")) {
            Files.createSymbolicLink(server.path("/home/alice/to-bob"),
                    server.fileSystem().getPath("/home/bob/private.txt"));

            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.download("/home/alice/to-bob"));
            assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.upload("/home/alice/to-bob", new byte[1]));
            assertThat(server.fileContent("/home/bob/private.txt", UTF_8)).isEqualTo("bob's");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void deniesWritingThroughADanglingLinkTheClientCreated(ClientKind kind) {
        try (SftpTestServer server = homesServer();
                InteropClient alice = kind.connect(server, "alice", "a-secret")) {
            boolean linked = alice.trySymlink("/home/bob/planted.txt", "/home/alice/trap");

            if (linked) {
                assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.upload("/home/alice/trap", new byte[1]));
            }
            assertThat(server.list("/home/bob")).containsExactly("private.txt");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void startsAUserWithoutAHomeDirectoryAtTheRootAndRelativePathsResolveThere(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder().user("carol", "c-secret").directory("/in").start();
                InteropClient carol = kind.connect(server, "carol", "c-secret")) {
            assertThat(carol.realpath(".")).isEqualTo("/");
            carol.upload("in/a.txt", "a".getBytes(UTF_8));
            assertThat(server.fileContent("/in/a.txt", UTF_8)).isEqualTo("a");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void showsAUserRootDirectoryAsSlashAndKeepsTheUserBelowIt(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder()
                .user("alice", "a-secret").userRootDirectory("alice", "/users/alice")
                .file("/users/alice/mine.txt", "mine").file("/top-secret.txt", "secret")
                .start();
                InteropClient alice = kind.connect(server, "alice", "a-secret")) {
            assertThat(alice.realpath(".")).isEqualTo("/");
            assertThat(alice.list("/")).containsExactly("mine.txt");
            assertThat(new String(alice.download("/mine.txt"), UTF_8)).isEqualTo("mine");

            assertThat(alice.realpath("/..")).isEqualTo("/");
            assertThat(alice.list("/..")).containsExactly("mine.txt");
            assertStatus(SftpStatus.NO_SUCH_FILE, () -> alice.download("/top-secret.txt"));
            assertStatus(SftpStatus.NO_SUCH_FILE, () -> alice.download("/../top-secret.txt"));
            assertStatus(SftpStatus.NO_SUCH_FILE, () -> alice.download("../../top-secret.txt"));

            alice.upload("/../escaped.txt", "x".getBytes(UTF_8));
            assertThat(server.exists("/escaped.txt")).isFalse();
            assertThat(server.exists("/users/alice/escaped.txt")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void doesNotFollowALinkAboveAUserRootDirectory(ClientKind kind) throws Exception {
        try (SftpTestServer server = SftpTestServer.builder()
                .user("alice", "a-secret").userRootDirectory("alice", "/users/alice")
                .file("/top-secret.txt", "secret").directory("/users/alice")
                .start()) {
            Files.createSymbolicLink(server.path("/users/alice/up"),
                    server.fileSystem().getPath("/top-secret.txt"));
            Files.createSymbolicLink(server.path("/users/alice/root"), server.fileSystem().getPath("/"));
            try (InteropClient alice = kind.connect(server, "alice", "a-secret")) {
                assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.download("/up"));
                assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.list("/root"));
                assertStatus(SftpStatus.PERMISSION_DENIED, () -> alice.upload("/root/planted.txt", new byte[1]));
            }
            assertThat(server.fileContent("/top-secret.txt", UTF_8)).isEqualTo("secret");
            assertThat(server.exists("/planted.txt")).isFalse();
        }
    }
}
