package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

class JschSmokeTest {
    @Test
    void uploadsAndDownloadsWithJsch() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.putFile("/in/a.txt", "hello");
            JSch jsch = new JSch();
            Session session = jsch.getSession("alice", server.host(), server.port());
            session.setPassword("secret");
            session.setConfig("StrictHostKeyChecking", "no");
            session.connect(5000);
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(5000);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sftp.get("/in/a.txt", out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
            sftp.put(new ByteArrayInputStream("up".getBytes(StandardCharsets.UTF_8)), "/in/b.txt");
            sftp.disconnect();
            session.disconnect();
            assertThat(server.fileContent("/in/b.txt", StandardCharsets.UTF_8)).isEqualTo("up");
        }
    }
}
