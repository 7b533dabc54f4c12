package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.jcraft.jsch.SftpException;

/** SFTP version negotiation, status codes per version, and custom status messages. */
class ProtocolVersionTest {
    @Test
    void negotiatesVersion3WhenOnlyVersion3IsOffered() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersion(3).start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.sftp().getVersion()).isEqualTo(3);
        }
    }

    @Test
    void negotiatesVersion6WithTheMinaClientByDefault() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.sftp().getVersion()).isEqualTo(6);
        }
    }

    @Test
    void sendsDirNotEmptyToAVersion6Client() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersion(6)
                .file("/full/file.txt", "x").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.sftp().getVersion()).isEqualTo(6);

            StatusAssertions.assertStatus(SftpStatus.DIR_NOT_EMPTY, () -> client.rmdir("/full"));
        }
    }

    @Test
    void sendsFailureInsteadOfDirNotEmptyToAVersion3Client() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersion(3)
                .file("/full/file.txt", "x").start()) {
            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
                StatusAssertions.assertStatus(SftpStatus.FAILURE, () -> mina.rmdir("/full"));
            }
            try (JschClient jsch = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThatThrownBy(() -> jsch.sftp().rmdir("/full"))
                        .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.id)
                                .as("JSch's raw status code").isEqualTo(SftpStatus.FAILURE.code()));
            }
            assertThat(server.exists("/full/file.txt")).isTrue();
        }
    }

    @Test
    void sendsFailureToJschWhateverVersionsTheServerOffers() {
        // JSch speaks version 3 only, so even a server offering 3..6 must map v6-only codes for it.
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .file("/full/file.txt", "x").start();
                JschClient jsch = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThatThrownBy(() -> jsch.sftp().rmdir("/full"))
                    .isInstanceOfSatisfying(SftpException.class, e -> assertThat(e.id).isEqualTo(4));
        }
    }

    @Test
    void refusesAClientThatOnlySpeaksAVersionBelowTheMinimum() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersions(4, 6).start()) {
            assertThatThrownBy(() -> JschClient.connect(server.host(), server.port(), "alice", "secret").close())
                    .isInstanceOf(RuntimeException.class);

            try (MinaClient mina = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThat(mina.sftp().getVersion()).isEqualTo(6);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void showsTheConfiguredStatusMessage(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .statusMessage(SftpStatus.NO_SUCH_FILE, "nothing here").start();
                InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.download("/missing.txt"))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> {
                        assertThat(e.status()).isEqualTo(SftpStatus.NO_SUCH_FILE.code());
                        assertThat(e.getCause().getMessage()).contains("nothing here");
                    });
        }
    }
}
