package io.sftptest.matrix.jsch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;

import io.sftptest.server.HostKey;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;

/**
 * com.jcraft:jsch 0.1.55 knows no Ed25519 host key: with the defaults it takes the ECDSA P-256 key; against a server
 * pinned to Ed25519 alone it fails, and the server names the key to add.
 */
class OldJschHostKeysTest {
    @Test
    void takesTheEcdsaKeyOfADefaultServer() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                JschClient client = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.hostKeyAlgorithm()).isEqualTo("ecdsa-sha2-nistp256");
        }
    }

    @Test
    void failsAgainstAnEd25519OnlyServerWhichNamesTheKeyToAdd() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .hostKey(HostKey.generateEd25519()).start()) {
            assertThatThrownBy(() -> JschClient.connect(server.host(), server.port(), "alice", "secret"))
                    .isInstanceOf(JSchException.class).hasMessage("Algorithm negotiation fail");

            String reason = server.recording()
                    .awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), Duration.ofSeconds(10))
                    .message();
            assertThat(reason).isEqualTo("key exchange with SSH-2.0-JSCH-0.1.54 failed: no common host key algorithm"
                    + " (client offers ssh-rsa,ssh-dss,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521;"
                    + " server offers ssh-ed25519); fix: builder.hostKeys(HostKey.generateEd25519(),"
                    + " HostKey.generateEcdsaP256())");
        }
        try (SftpTestServer fixed = SftpTestServer.builder().user("alice", "secret")
                .hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256()).start()) {
            JschClient.connect(fixed.host(), fixed.port(), "alice", "secret").close();
        }
    }
}
