package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The everyday SFTP operations, each run with MINA SSHD's client, JSch and sshj over a real socket. */
class FileOperationsInteropTest {
    private SftpTestServer server;

    @BeforeEach
    void startServer() {
        server = SftpTestServer.builder().user("alice", "secret").start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void uploadsAndDownloadsFiles(ClientKind kind) {
        server.putFile("/in/a.txt", "from the server");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(new String(client.download("/in/a.txt"), UTF_8)).isEqualTo("from the server");

            client.upload("/in/b.txt", "from the client".getBytes(UTF_8));
        }
        assertThat(server.fileContent("/in/b.txt", UTF_8)).isEqualTo("from the client");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void uploadReplacesAnExistingFile(ClientKind kind) {
        server.putFile("/a.txt", "a much longer old content");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            client.upload("/a.txt", "new".getBytes(UTF_8));
        }
        assertThat(server.fileContent("/a.txt", UTF_8)).isEqualTo("new");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void showsAFreshServerWithAnEmptyRoot(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(client.list("/")).isEmpty();
            assertThat(client.realpath(".")).isEqualTo("/");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void listsADirectory(ClientKind kind) {
        server.putFile("/dir/one.txt", "1").putFile("/dir/two.txt", "22").createDirectory("/dir/sub");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(client.list("/dir")).containsExactlyInAnyOrder("one.txt", "two.txt", "sub");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void createsRenamesAndRemovesFilesAndDirectories(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            client.mkdir("/work");
            assertThat(server.isDirectory("/work")).isTrue();

            client.upload("/work/draft.txt", "text".getBytes(UTF_8));
            client.rename("/work/draft.txt", "/work/final.txt");
            assertThat(server.list("/work")).containsExactly("final.txt");
            assertThat(server.fileContent("/work/final.txt", UTF_8)).isEqualTo("text");

            client.remove("/work/final.txt");
            assertThat(server.exists("/work/final.txt")).isFalse();

            client.rmdir("/work");
            assertThat(server.exists("/work")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void statReportsSizeAndType(ClientKind kind) {
        server.putFile("/data/five.bin", new byte[5]).createDirectory("/data/dir");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            InteropClient.Attributes file = client.stat("/data/five.bin");
            assertThat(file.size()).isEqualTo(5);
            assertThat(file.directory()).isFalse();

            assertThat(client.stat("/data/dir").directory()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void chmodStoresPermissionBitsAndStatReturnsThem(ClientKind kind) throws Exception {
        server.putFile("/secret.txt", "s");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            client.chmod("/secret.txt", 0640);

            assertThat(Integer.toOctalString(client.stat("/secret.txt").permissions())).isEqualTo("640");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.path("/secret.txt"))))
                    .isEqualTo("rw-r-----");

            client.chmod("/secret.txt", 0755);
            assertThat(Integer.toOctalString(client.stat("/secret.txt").permissions())).isEqualTo("755");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void createsAndReadsSymbolicLinks(ClientKind kind) throws Exception {
        server.putFile("/data/real.txt", "twelve bytes");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            client.symlink("/data/real.txt", "/data/link.txt");

            assertThat(Files.isSymbolicLink(server.path("/data/link.txt")))
                    .as("a link at /data/link.txt on the server").isTrue();
            assertThat(client.readlink("/data/link.txt")).isEqualTo("/data/real.txt");
            InteropClient.Attributes link = client.lstat("/data/link.txt");
            assertThat(link.symbolicLink()).isTrue();
            InteropClient.Attributes target = client.stat("/data/link.txt");
            assertThat(target.symbolicLink()).isFalse();
            assertThat(target.size()).isEqualTo(12);
            assertThat(new String(client.download("/data/link.txt"), UTF_8)).isEqualTo("twelve bytes");
        }
        assertThat(Files.isRegularFile(server.path("/data/real.txt"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void answersNoSuchFileForAMissingFile(ClientKind kind) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.download("/missing.txt"))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class,
                            e -> assertThat(e.status()).isEqualTo(SftpStatus.NO_SUCH_FILE.code()));
            assertThatThrownBy(() -> client.stat("/missing.txt"))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class,
                            e -> assertThat(e.status()).isEqualTo(SftpStatus.NO_SUCH_FILE.code()));
        }
    }
}
