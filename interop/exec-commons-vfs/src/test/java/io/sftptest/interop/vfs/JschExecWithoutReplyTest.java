package io.sftptest.interop.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import io.sftptest.server.HostKey;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;

/**
 * JSch 0.1.55's {@code ChannelExec} sends its exec request without want-reply (its {@code RequestExec} writes 0):
 * before the server answered exec itself, MINA refused such a request silently and the client waited for output
 * until the idle timeout (10 minutes). The timeouts below fail such a wait long before.
 */
class JschExecWithoutReplyTest {
    private SftpTestServer server;
    private Session session;

    @BeforeEach
    void connect() throws Exception {
        // JSch 0.1.55 knows neither Ed25519 host keys nor rsa-sha2 signatures
        server = SftpTestServer.builder().user("alice", "secret").hostKey(HostKey.generate("ecdsa-sha2-nistp256"))
                .file("/in/a.csv", "x").start();
        session = new JSch().getSession("alice", server.host(), server.port());
        session.setPassword("secret");
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
    }

    @AfterEach
    void close() {
        session.disconnect();
        server.close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void getsTheOutputEofAndExitStatusOfItsCommandAtOnce() throws Exception {
        Answer id = exec("id -u");
        Answer md5 = exec("md5sum /in/a.csv");

        assertThat(id.output()).matches("\\d+\n");
        assertThat(id.exitStatus()).isZero();
        assertThat(md5).isEqualTo(new Answer("9dd4e461268c8034f5c8564e155c67a6  /in/a.csv\n", 0));
        assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.EXEC)))
                .extracting(RecordedRequest::command).containsExactly("id -u", "md5sum /in/a.csv");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void getsNotFoundForAnythingElse() throws Exception {
        assertThat(exec("uname -a")).isEqualTo(new Answer("", 127));
    }

    /** What Commons VFS does in {@code SftpFileSystem.executeCommand}: read stdout to EOF, wait for the close. */
    private Answer exec(String command) throws Exception {
        ChannelExec channel = (ChannelExec) session.openChannel("exec");
        try {
            channel.setCommand(command);
            channel.setInputStream(null);
            InputStream out = channel.getInputStream();
            channel.connect(10_000);
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            while (!channel.isClosed()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // the test's timeout bounds this wait
            }
            return new Answer(output, channel.getExitStatus());
        } finally {
            channel.disconnect();
        }
    }

    private record Answer(String output, int exitStatus) {
    }
}
