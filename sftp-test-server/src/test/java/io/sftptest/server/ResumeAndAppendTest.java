package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelSftp;

import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;

/** Resumed and appending transfers, in each client's own way of asking for them. */
class ResumeAndAppendTest {
    private static final String FULL = "0123456789abcdefghij";

    private SftpTestServer server;

    @BeforeEach
    void startServer() {
        server = SftpTestServer.builder().user("alice", "secret").start();
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void resumesAnInterruptedUploadWithJschResumeMode() throws Exception {
        server.putFile("/upload.txt", FULL.substring(0, 7));
        try (JschClient client = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            client.sftp().put(new ByteArrayInputStream(FULL.getBytes(UTF_8)), "/upload.txt", ChannelSftp.RESUME);
        }
        assertThat(server.fileContent("/upload.txt", UTF_8)).isEqualTo(FULL);
    }

    @Test
    void appendsWithJschAppendMode() throws Exception {
        server.putFile("/log.txt", "line 1\n");
        try (JschClient client = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            client.sftp().put(new ByteArrayInputStream("line 2\n".getBytes(UTF_8)), "/log.txt", ChannelSftp.APPEND);
        }
        assertThat(server.fileContent("/log.txt", UTF_8)).isEqualTo("line 1\nline 2\n");
    }

    @Test
    void resumesAnInterruptedDownloadWithJschResumeMode(@TempDir Path dir) throws Exception {
        server.putFile("/download.txt", FULL);
        Path local = dir.resolve("download.txt");
        Files.writeString(local, FULL.substring(0, 12));
        try (JschClient client = JschClient.connect(server.host(), server.port(), "alice", "secret")) {
            client.sftp().get("/download.txt", local.toString(), null, ChannelSftp.RESUME);
        }
        assertThat(Files.readString(local)).isEqualTo(FULL);
    }

    @Test
    void writesAndReadsAtOffsetsWithSshj() throws Exception {
        server.putFile("/upload.txt", FULL.substring(0, 7) + "_______");
        try (SshjClient client = SshjClient.connect(server.host(), server.port(), "alice", "secret");
                RemoteFile file = client.sftp().open("/upload.txt", EnumSet.of(OpenMode.READ, OpenMode.WRITE))) {
            byte[] rest = FULL.substring(7).getBytes(UTF_8);
            file.write(7, rest, 0, rest.length);

            byte[] tail = new byte[5];
            int read = file.read(15, tail, 0, tail.length);
            assertThat(new String(tail, 0, read, UTF_8)).isEqualTo("fghij");
        }
        assertThat(server.fileContent("/upload.txt", UTF_8)).isEqualTo(FULL);
    }

    @Test
    void appendsWithSshjAppendMode() throws Exception {
        server.putFile("/log.txt", "line 1\n");
        try (SshjClient client = SshjClient.connect(server.host(), server.port(), "alice", "secret");
                RemoteFile file = client.sftp().open("/log.txt", EnumSet.of(OpenMode.WRITE, OpenMode.APPEND))) {
            byte[] line = "line 2\n".getBytes(UTF_8);
            file.write(file.length(), line, 0, line.length);
        }
        assertThat(server.fileContent("/log.txt", UTF_8)).isEqualTo("line 1\nline 2\n");
    }

    @Test
    void writesAtAnOffsetWithMinaClient() throws Exception {
        server.putFile("/upload.txt", FULL.substring(0, 7));
        try (MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret");
                SftpClient.CloseableHandle handle = client.sftp().open("/upload.txt", SftpClient.OpenMode.Write)) {
            byte[] rest = FULL.substring(7).getBytes(UTF_8);
            client.sftp().write(handle, 7, rest);
        }
        assertThat(server.fileContent("/upload.txt", UTF_8)).isEqualTo(FULL);
    }

    @Test
    void appendsWithMinaClientAppendMode() throws Exception {
        server.putFile("/log.txt", "line 1\n");
        try (MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret");
                OutputStream out = client.sftp().write("/log.txt", SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Append)) {
            out.write("line 2\n".getBytes(UTF_8));
        }
        assertThat(server.fileContent("/log.txt", UTF_8)).isEqualTo("line 1\nline 2\n");
    }
}
