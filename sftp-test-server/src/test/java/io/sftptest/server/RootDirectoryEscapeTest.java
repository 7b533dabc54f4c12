package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real directory as the root (seed: RootDirectory), with a secret file in a sibling directory:
 * no path a client sends, and no symbolic link, reads or writes outside the root.
 */
class RootDirectoryEscapeTest {
    @TempDir
    Path base;
    private Path root;
    private Path outside;
    private SftpTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        root = Files.createDirectories(base.resolve("root"));
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "the secret");
        Files.writeString(root.resolve("inside.txt"), "inside");
        server = SftpTestServer.builder().user("alice", "secret").rootDirectory(root).start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void servesTheRootDirectoryAsSlash(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(client.list("/")).containsExactly("inside.txt");
            client.upload("/new.txt", "new".getBytes(UTF_8));
        }
        assertThat(root.resolve("new.txt")).hasContent("new");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void keepsRelativeDotDotPathsInsideTheRoot(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertRefused(() -> client.download("../outside/secret.txt"));
            assertRefused(() -> client.download("../../outside/secret.txt"));
            assertRefused(() -> client.download("../../../../../../etc/passwd"));
            assertThat(client.realpath("../..")).isEqualTo("/");
            assertThat(client.list("../..")).containsExactly("inside.txt");

            uploadOrAcceptRefusal(client, "../outside/planted.txt");
        }
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void keepsAbsoluteDotDotPathsInsideTheRoot(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertRefused(() -> client.download("/../outside/secret.txt"));
            assertRefused(() -> client.download("/../../../etc/passwd"));
            assertRefused(() -> client.download(outside.resolve("secret.txt").toString()));
            assertRefused(() -> client.list("/../outside"));

            uploadOrAcceptRefusal(client, "/../outside/planted.txt");
            uploadOrAcceptRefusal(client, outside.resolve("planted2.txt").toString());
            assertRefused(() -> client.rename("/inside.txt", "/../outside/moved.txt"));
        }
        assertOutsideUntouched();
        assertThat(root.resolve("inside.txt")).hasContent("inside");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void doesNotFollowALinkTheClientPointedOutsideTheRoot(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            for (String target : new String[] {"/../outside/secret.txt", "../outside/secret.txt",
                    outside.resolve("secret.txt").toString()}) {
                String link = "/link-" + Math.abs(target.hashCode());
                if (client.trySymlink(target, link)) {
                    assertRefused(() -> client.download(link));
                    uploadOrAcceptRefusal(client, link);
                }
            }
            String dirLink = "/dir-link";
            if (client.trySymlink(outside.toString(), dirLink)) {
                assertRefused(() -> client.list(dirLink));
                uploadOrAcceptRefusal(client, dirLink + "/planted.txt");
            }
        }
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void doesNotFollowAnExistingLinkThatLeavesTheRoot(ClientKind kind) throws Exception {
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-link"), outside);
        Files.createSymbolicLink(root.resolve("relative-link"), Path.of("..", "outside", "secret.txt"));
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(client.list("/")).containsExactlyInAnyOrder("inside.txt", "file-link", "dir-link",
                    "relative-link");
            assertRefused(() -> client.download("/file-link"));
            assertRefused(() -> client.download("/relative-link"));
            assertRefused(() -> client.download("/dir-link/secret.txt"));
            assertRefused(() -> client.list("/dir-link"));

            uploadOrAcceptRefusal(client, "/file-link");
            uploadOrAcceptRefusal(client, "/dir-link/planted.txt");
            uploadOrAcceptRefusal(client, "/relative-link");
            assertRefusedOrHarmless(() -> client.chmod("/file-link", 0777));
            assertRefusedOrHarmless(() -> client.rename("/inside.txt", "/dir-link"));
            assertRefusedOrHarmless(() -> client.rename("/inside.txt", "/file-link"));
        }
        assertOutsideUntouched();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void letsTheClientInspectAndRemoveALinkThatLeavesTheRoot(ClientKind kind) throws Exception {
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir-link"), outside);
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(client.lstat("/file-link").symbolicLink()).isTrue();
            assertThat(client.readlink("/file-link")).isNotEmpty();
            client.rename("/file-link", "/renamed-link");
            client.remove("/renamed-link");
            client.remove("/dir-link");
        }
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("inside.txt");
        }
        assertOutsideUntouched();
    }

    @Test
    void fileHelpersRefusePathsThatLeaveTheRoot() {
        assertThatThrownBy(() -> server.path("../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../x");
        assertThatThrownBy(() -> server.path("/../outside/secret.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.fileContent("/a/../../outside/secret.txt"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.putFile("/../outside/planted.txt", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertOutsideUntouched();
    }

    @Test
    void inMemoryFileHelpersRefusePathsThatLeaveTheRoot() {
        try (SftpTestServer inMemory = SftpTestServer.builder().build()) {
            assertThatThrownBy(() -> inMemory.path("../x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> inMemory.putFile("/../x", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private void assertOutsideUntouched() {
        assertThat(outside.resolve("secret.txt")).hasContent("the secret");
        try (var files = Files.list(outside)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secret.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (var files = Files.list(base)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("root", "outside");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request that must fail with an SFTP status (whichever: NO_SUCH_FILE, PERMISSION_DENIED, ...). */
    private static void assertRefused(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(InteropClient.StatusException.class);
    }

    private static void assertRefusedOrHarmless(Runnable call) {
        try {
            call.run();
        } catch (InteropClient.StatusException refused) {
            // refusing is as good as acting inside the root; assertOutsideUntouched() checks the rest
        }
    }

    /** An upload that the server may refuse or confine to the root; either way nothing lands outside. */
    private static void uploadOrAcceptRefusal(InteropClient client, String path) {
        assertRefusedOrHarmless(() -> client.upload(path, "planted".getBytes(UTF_8)));
    }
}
