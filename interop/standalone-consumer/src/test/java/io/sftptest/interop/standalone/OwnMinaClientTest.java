package io.sftptest.interop.standalone;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.sftptest.junit.SftpServerExtension;
import io.sftptest.server.HostKey;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;

/**
 * A project that uses MINA SSHD itself (here as its SFTP client, in the version its POM names) and tests against the
 * standalone test server, with the JUnit extension and the assertions: both MINAs live on one class path, the
 * server's relocated inside its jar.
 */
class OwnMinaClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    // an ECDSA host key: MINA 2.12's client verifies Ed25519 only with net.i2p's EdDSA library on the class path
    @RegisterExtension
    static SftpServerExtension sftp = new SftpServerExtension(SftpTestServer.builder().user("alice", "secret")
            .directory("/out").hostKey(HostKey.generate("ecdsa-sha2-nistp256")));

    @Test
    void theProjectsOwnMinaIsTheVersionItAskedForAndTheServersIsRelocated() throws ClassNotFoundException {
        String expected = System.getProperty("sftptest.expected.sshd.version");

        assertThat(location(SshException.class)).as("the project's MINA SSHD").endsWith("sshd-common-" + expected + ".jar");
        assertThat(location(SshClient.class)).endsWith("sshd-core-" + expected + ".jar");
        assertThat(location(Class.forName("io.sftptest.server.shaded.org.apache.sshd.server.SshServer")))
                .as("the test server's MINA SSHD").isEqualTo(location(SftpTestServer.class))
                .contains("sftp-test-server-standalone");
        try (SftpTestServer defaults = SftpTestServer.startDefault()) {
            assertThat(defaults.knownHostsLine()).as("its Ed25519 host key, made by the relocated MINA with Bouncy "
                    + "Castle").contains(" ssh-ed25519 ");
        }
    }

    @Test
    void uploadsAndDownloadsWithItsOwnMinaClient(SftpTestServer server) throws IOException {
        server.putFile("/in/report.csv", "id,total\n1,42\n");

        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect("alice", server.host(), server.port()).verify(TIMEOUT)
                    .getSession()) {
                session.addPasswordIdentity("secret");
                session.auth().verify(TIMEOUT);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    try (OutputStream out = sftp.write("/out/copy.csv")) {
                        out.write("id,total\n1,42\n".getBytes(StandardCharsets.UTF_8));
                    }
                    try (InputStream in = sftp.read("/in/report.csv")) {
                        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id,total\n1,42\n");
                    }
                }
                assertThat(session.executeRemoteCommand("md5sum /out/copy.csv"))
                        .isEqualTo(md5("id,total\n1,42\n") + "  /out/copy.csv\n");
            }
        }

        assertThat(server).hasFile("/out/copy.csv").hasContent("id,total\n1,42\n");
        assertThat(server).uploaded("/out/copy.csv")
                .received(SftpOperation.EXEC).once();
    }

    private static String location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().getPath();
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
