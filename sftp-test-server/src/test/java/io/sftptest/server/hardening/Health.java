package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

import io.sftptest.server.SftpTestServer;

/** Checks that a server still serves a normal client and kept the files it held. */
final class Health {
    static final String USER = "alice";
    static final String PASSWORD = "secret";
    static final String SEED_PATH = "/seed/kept.txt";
    static final String SEED_TEXT = "written before the hostile client came\n";

    private Health() {
    }

    /** A builder with the user and the seed file that {@link #assertServes} checks. */
    static SftpTestServer.Builder builder() {
        return SftpTestServer.builder().user(USER, PASSWORD).file(SEED_PATH, SEED_TEXT);
    }

    /**
     * Opens a new socket and returns the first line the server sends (its identification, e.g.
     * {@code SSH-2.0-SftpTestServer}), or "" when it closes the socket first.
     */
    static String identification(SftpTestServer server, Duration timeout) throws IOException {
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] start = new byte[64];
            int n = socket.getInputStream().read(start);
            return n <= 0 ? "" : new String(start, 0, n, StandardCharsets.US_ASCII).lines().findFirst().orElse("");
        }
    }

    /** A normal client logs in, reads the seed file, writes and reads back a new file. */
    static void assertServes(SshClient client, SftpTestServer server) throws Exception {
        assertThat(server.isRunning()).as("server running").isTrue();
        assertThat(server.fileContent(SEED_PATH, StandardCharsets.UTF_8)).isEqualTo(SEED_TEXT);
        try (ClientSession session = RawSftp.login(client, server, USER, PASSWORD);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try (InputStream in = sftp.read(SEED_PATH)) {
                in.transferTo(read);
            }
            assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo(SEED_TEXT);
            String probe = "/health-" + System.nanoTime() + ".txt";
            try (OutputStream out = sftp.write(probe)) {
                out.write("ok".getBytes(StandardCharsets.UTF_8));
            }
            assertThat(server.fileContent(probe, StandardCharsets.UTF_8)).isEqualTo("ok");
            sftp.remove(probe);
        }
    }
}
