package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Failed logins are refused with an authentication failure, and the server keeps serving. */
class AuthenticationTest {
    private static final String AUTH_FAILURE = "(?is).*auth.*";

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void rejectsWrongPasswordAndKeepsServing(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").file("/a.txt", "a").start()) {
            assertThatThrownBy(() -> kind.connect(server, "alice", "wrong").close())
                    .hasMessageMatching(AUTH_FAILURE);

            assertLoginWorks(kind, server);
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void rejectsUnknownUserAndKeepsServing(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").file("/a.txt", "a").start()) {
            assertThatThrownBy(() -> kind.connect(server, "mallory", "secret").close())
                    .hasMessageMatching(AUTH_FAILURE);

            assertLoginWorks(kind, server);
        }
    }

    @Test
    void rejectsAKeyThatIsNotAuthorisedAndKeepsServing() throws Exception {
        KeyPair authorised = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        KeyPair stranger = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (SftpTestServer server = SftpTestServer.builder().user("bob", authorised.getPublic()).file("/b.txt", "b")
                .start()) {
            assertThatThrownBy(() -> MinaClient.connect(server.host(), server.port(), "bob", stranger).close())
                    .hasMessageMatching(AUTH_FAILURE);

            try (MinaClient bob = MinaClient.connect(server.host(), server.port(), "bob", authorised)) {
                assertThat(new String(bob.download("/b.txt"), UTF_8)).isEqualTo("b");
            }
        }
    }

    @Test
    void openSshClientIsRefusedWithAKeyThatIsNotAuthorised(@TempDir Path dir) {
        Path authorised = OpenSsh.generateKey(dir, "authorised");
        Path stranger = OpenSsh.generateKey(dir, "stranger");
        try (SftpTestServer server = SftpTestServer.builder().user("bob", Path.of(authorised + ".pub"))
                .file("/b.txt", "b").start()) {
            Processes.Result refused = OpenSsh.sftp(server, "bob", stranger, "ls -1 /").assertFailed();
            assertThat(refused.output()).contains("Permission denied");

            Processes.Result accepted = OpenSsh.sftp(server, "bob", authorised, "ls -1 /").assertSucceeded();
            assertThat(accepted.output()).contains("b.txt");
        }
    }

    @Test
    void refusesToBuildAUserWithNeitherPasswordNorKey() {
        SftpTestServer.Builder builder = SftpTestServer.builder().user("alice", "secret")
                .homeDirectory("carol", "/home/carol");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"carol\"")
                .hasMessageContaining("no password or key")
                .hasMessageContaining(".user(\"carol\", \"secret\")");
    }

    private static void assertLoginWorks(ClientKind kind, SftpTestServer server) {
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(client.list("/")).containsExactly("a.txt");
        }
    }
}
