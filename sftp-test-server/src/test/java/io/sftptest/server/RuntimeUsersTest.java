package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;

/**
 * Users added and removed while the server runs: an added user logs in from the next attempt on; a removed user
 * cannot, and the connections logged in as that user are dropped at once; {@code reset()} puts back the built users.
 */
class RuntimeUsersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aUserAddedWhileTheServerRunsLogsIn() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            assertThatThrownBy(() -> TestClients.jsch(server, "carol", "pw").close()).isInstanceOf(JSchException.class);

            server.addUser("carol", "pw");

            try (TestClients.Jsch carol = TestClients.jsch(server, "carol", "pw")) {
                carol.sftp().put(new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)), "/c.txt");
            }
            assertThat(server.fileContent("/c.txt", StandardCharsets.UTF_8)).isEqualTo("x");
        }
    }

    @Test
    void addingAUserAgainChangesThePasswordAndKeepsTheKeys(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id_ed25519");
        try (SftpTestServer server = SftpTestServer.builder().user("bob", dir.resolve("id_ed25519.pub"))
                .user("bob", "first").start()) {
            server.addUser("bob", "second");

            assertThatThrownBy(() -> TestClients.jsch(server, "bob", "first").close()).isInstanceOf(JSchException.class);
            TestClients.jsch(server, "bob", "second").close();
            OpenSsh.sftp(server, "bob", key, "ls /").assertSucceeded();
        }
    }

    @Test
    void aUserAddedWithAKeyLogsInWithIt(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id_ed25519");
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            OpenSsh.sftp(server, "dave", key, "ls /").assertFailed();

            server.addUser("dave", HostKey.fromFile(key).publicKey());

            OpenSsh.sftp(server, "dave", key, "ls /").assertSucceeded();
        }
    }

    @Test
    void aRemovedUserCannotLogInAndItsOpenConnectionsAreDropped() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("bob", "pw").start();
                TestClients.Jsch alice = TestClients.jsch(server, "alice", "secret");
                TestClients.Jsch bob = TestClients.jsch(server, "bob", "pw")) {
            assertThat(server.removeUser("alice")).isTrue();

            assertThat(server.connections()).extracting(SftpConnection::user).containsExactly("bob");
            assertThatThrownBy(() -> alice.sftp().ls("/")).isInstanceOf(SftpException.class);
            assertThat(bob.sftp().ls("/")).isNotNull();
            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret").close())
                    .isInstanceOf(JSchException.class).hasMessageContaining("Auth fail");
            RecordedRequest dropped = server.recording().awaitRequest(
                    RequestFilter.operation(SftpOperation.DISCONNECT).user("alice"), TIMEOUT);
            assertThat(dropped.message()).isEqualTo("user \"alice\" was removed");
            assertThat(server.removeUser("alice")).as("removed already").isFalse();
        }
    }

    @Test
    void resetPutsBackTheUsersTheServerWasBuiltWith() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.addUser("carol", "pw").removeUser("alice");

            server.reset();

            TestClients.jsch(server, "alice", "secret").close();
            assertThatThrownBy(() -> TestClients.jsch(server, "carol", "pw").close()).isInstanceOf(JSchException.class);
        }
    }

    @Test
    void theDefaultUserStaysBesideAddedOnes() throws Exception {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            server.addUser("carol", "pw");

            TestClients.jsch(server, SftpTestServer.DEFAULT_USER, SftpTestServer.DEFAULT_PASSWORD).close();
            TestClients.jsch(server, "carol", "pw").close();
        }
    }

    @Test
    void refusesABlankNameOrAMissingPassword() {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            assertThatThrownBy(() -> server.addUser(" ", "pw")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("user name must not be empty");
            assertThatThrownBy(() -> server.addUser("carol", (String) null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("password");
            assertThatThrownBy(() -> server.removeUser("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("user name must not be empty");
            assertThat(server.connections()).isEqualTo(List.of());
        }
    }
}
