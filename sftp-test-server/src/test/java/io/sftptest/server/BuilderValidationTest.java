package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BuilderValidationTest {

    @Test
    void rejectsAUserWithNeitherPasswordNorKey() {
        SftpTestServer.Builder builder = SftpTestServer.builder().homeDirectory("alice", "/home/alice");

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("user \"alice\" has no password or key: call .user(\"alice\", \"secret\") "
                        + "or .user(\"alice\", publicKey)");
    }

    @Test
    void namesTheUnknownCipherAndListsTheSupportedOnes() {
        assertThatThrownBy(() -> SftpTestServer.builder().ciphers("aes128-gcm@openssh.com", "rot13"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown or unsupported cipher \"rot13\": use one of ")
                .hasMessageContaining("aes128-ctr")
                .hasMessageContaining("chacha20-poly1305@openssh.com");
    }

    @Test
    void namesTheUnknownKeyExchangeMacAndSignature() {
        assertThatThrownBy(() -> SftpTestServer.builder().keyExchanges("dh-nonsense"))
                .hasMessageStartingWith("unknown or unsupported key exchange \"dh-nonsense\"");
        assertThatThrownBy(() -> SftpTestServer.builder().macs("hmac-none"))
                .hasMessageStartingWith("unknown or unsupported MAC \"hmac-none\"");
        assertThatThrownBy(() -> SftpTestServer.builder().signatures("ssh-nothing"))
                .hasMessageStartingWith("unknown or unsupported signature \"ssh-nothing\"");
    }

    @Test
    void rejectsProtocolVersionsOutsideThreeToSix() {
        assertThatThrownBy(() -> SftpTestServer.builder().protocolVersion(7))
                .hasMessage("protocol versions 7..7 are invalid: SFTP versions are 3 to 6, and min must not exceed max");
        assertThatThrownBy(() -> SftpTestServer.builder().protocolVersions(5, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsRelativePathsAndBadNumbersWithTheFix() {
        assertThatThrownBy(() -> SftpTestServer.builder().homeDirectory("alice", "home/alice"))
                .hasMessage("home directory \"home/alice\" must be absolute: write \"/home/alice\"");
        assertThatThrownBy(() -> SftpTestServer.builder().port(70_000))
                .hasMessage("port 70000 is out of range: use 0 (any free port) to 65535");
        assertThatThrownBy(() -> SftpTestServer.builder().idleTimeout(Duration.ZERO))
                .hasMessage("idleTimeout must be positive, was PT0S");
        assertThatThrownBy(() -> SftpTestServer.builder().serverVersion("SSH-2.0-Foo"))
                .hasMessageContaining("must not start with \"SSH-\"");
        assertThatThrownBy(() -> SftpTestServer.builder().authMethods("password", "gssapi"))
                .hasMessage("unknown authentication method \"gssapi\": use password, publickey or keyboard-interactive");
    }

    @Test
    void rejectsAMissingRootDirectory() {
        assertThatThrownBy(() -> SftpTestServer.builder().rootDirectory(java.nio.file.Path.of("/no/such/dir")))
                .hasMessage("root directory /no/such/dir does not exist or is not a directory: create it first");
    }

    @Test
    void rejectsAMalformedAuthorizedKeysLine() {
        assertThatThrownBy(() -> SftpTestServer.builder().userAuthorizedKey("bob", "ssh-ed25519 not-base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user \"bob\"");
    }

    @Test
    void createsADefaultUserWhenNoneIsNamed() throws Exception {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            assertThat(server.isRunning()).isTrue();
            assertThat(TestClients.jschLoginSucceeds(server, SftpTestServer.DEFAULT_USER, SftpTestServer.DEFAULT_PASSWORD))
                    .isTrue();
        }
    }

    @Test
    void refusesToStartTwiceOrAfterClose() {
        SftpTestServer server = SftpTestServer.builder().start();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the server is already running on sftp://127.0.0.1:");
        int port = server.port();
        server.close();
        server.close();
        assertThatThrownBy(server::start).hasMessage("the server is closed: a closed server cannot be started again;"
                + " build a new one with SftpTestServer.builder()");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class)
                .hasMessage("the server is closed (it listened on 127.0.0.1:" + port + "): a closed server cannot be"
                        + " started again; build a new one with SftpTestServer.builder()");
        assertThatThrownBy(() -> SftpTestServer.builder().build().port())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the server has not been started: call start() first");
    }

    @Test
    void fileHelpersRefusePathsThatLeaveTheRoot() {
        try (SftpTestServer server = SftpTestServer.startDefault()) {
            assertThatThrownBy(() -> server.putFile("/../etc/passwd", "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("path \"/../etc/passwd\" leaves the server's root directory: use a path below "
                            + "\"/\" without \"..\" segments that climb above it");
            assertThatThrownBy(() -> server.path("in/../../x")).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.path("/in/./a/../b.txt")).isEqualTo(server.path("/in/b.txt"));
            assertThat(server.exists("/etc/passwd")).isFalse();
        }
    }

    @Test
    void aServerWithoutRecordingSaysSoWhenAskedForIt() {
        try (SftpTestServer server = SftpTestServer.builder().recording(false).start()) {
            assertThatThrownBy(server::recording)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this server records nothing: it was built with .recording(false); "
                            + "remove that call to assert on requests");
        }
    }
}
