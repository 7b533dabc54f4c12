package io.sftptest.assertj;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static io.sftptest.server.RequestFilter.of;
import static io.sftptest.server.SftpOperation.CLOSE;
import static io.sftptest.server.SftpOperation.MKDIR;
import static io.sftptest.server.SftpOperation.OPEN;
import static io.sftptest.server.SftpOperation.WRITE;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;

/** A real JSch client over a real socket, recorded end to end and asserted on. */
class JschUploadEndToEndTest {
    private SftpTestServer server;
    private Session session;
    private ChannelSftp sftp;

    @BeforeEach
    void connect() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").start();
        session = new JSch().getSession("alice", server.host(), server.port());
        session.setPassword("secret");
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(5000);
        sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(5000);
    }

    @AfterEach
    void disconnect() {
        sftp.disconnect();
        session.disconnect();
        server.close();
    }

    private void put(String text, String path) throws Exception {
        sftp.put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), path);
    }

    @Test
    void uploadOfThreeFilesIntoANewDirectoryMatchesTheExpectedSequenceExactly() throws Exception {
        sftp.mkdir("/out");
        put("a\n", "/out/a.csv");
        put("bb\n", "/out/b.csv");
        put("ccc\n", "/out/c.csv");

        assertThat(server)
                .connected(1)
                .authenticatedAs("alice")
                .receivedInOrder(
                        of(MKDIR, "/out"),
                        of(OPEN, "/out/a.csv"), of(WRITE, "/out/a.csv"), of(CLOSE, "/out/a.csv"),
                        of(OPEN, "/out/b.csv"), of(WRITE, "/out/b.csv"), of(CLOSE, "/out/b.csv"),
                        of(OPEN, "/out/c.csv"), of(WRITE, "/out/c.csv"), of(CLOSE, "/out/c.csv"))
                .receivedNothingElse();
        assertThat(server)
                .received(MKDIR).path("/out").once()
                .received(OPEN).path("/out/*.csv").user("alice").times(3)
                .received(SftpOperation.REMOVE, SftpOperation.RENAME).never()
                .uploaded("/out/a.csv").uploaded("/out/b.csv").uploaded("/out/c.csv")
                .received(WRITE).path("/out/**").answered(io.sftptest.server.SftpStatus.OK)
                .receivedNothingElse();
        assertThat(server).hasDirectory("/out").containsExactlyFiles("a.csv", "b.csv", "c.csv");
        assertThat(server).hasFile("/out/c.csv").hasContent("ccc\n").hasSize(4);
    }

    @Test
    void aWrongCaseInTheClientsPathIsObviousFromTheNearMisses() throws Exception {
        sftp.mkdir("/out");
        put("a\n", "/out/A.csv");

        assertThatThrownBy(() -> assertThat(server).uploaded("/out/a.csv"))
                .hasMessage("\nExpecting server to have received an upload of:\n"
                        + "  /out/a.csv\n"
                        + "(opened for writing, closed with OK), but it did not.\n"
                        + "Files opened (1):\n"
                        + "  file /out/A.csv: opened for write by alice on connection 1, 1 write, 2 bytes, closed\n"
                        + "Near misses:\n"
                        + "  #1.2 alice OPEN /out/A.csv (write,create,truncate) : OK");
        assertThatThrownBy(() -> assertThat(server).received(WRITE).path("/out/a.csv").once())
                .hasMessage("\nExpecting server to have received:\n"
                        + "  WRITE /out/a.csv\n"
                        + "exactly 1 time, but it received it 0 times.\n"
                        + "Near misses:\n"
                        + "  #1.3 alice WRITE /out/A.csv @0 2 bytes : OK\n"
                        + "Requests received (4):\n"
                        + "  #1.1 alice MKDIR /out : OK\n"
                        + "  #1.2 alice OPEN /out/A.csv (write,create,truncate) : OK\n"
                        + "  #1.3 alice WRITE /out/A.csv @0 2 bytes : OK\n"
                        + "  #1.4 alice CLOSE /out/A.csv : OK");
    }

    @Test
    void aDownloadIsRecognised() throws Exception {
        server.putFile("/in/data.csv", "x,y\n");

        sftp.get("/in/data.csv", new java.io.ByteArrayOutputStream());

        assertThat(server).downloaded("/in/data.csv").received(SftpOperation.WRITE).never();
    }
}
