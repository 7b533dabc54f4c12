package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;

class RecordingWithJschTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void recordsAJschUploadOfThreeFilesIntoANewDirectoryInOrder() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().mkdir("/out");
                for (String name : new String[] {"a.csv", "b.csv", "c.csv"}) {
                    client.sftp().put(text(name + " content"), "/out/" + name);
                }
            }
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);

            assertThat(server.recording().requests()).extracting(RecordedRequest::summary).containsExactly(
                    "#1.0 CONNECT from 127.0.0.1:" + server.recording().requests().get(0).clientAddress().split(":")[1],
                    "#1.0 alice AUTH(password) : OK",
                    "#1.1 alice MKDIR /out : OK",
                    "#1.2 alice OPEN /out/a.csv (write,create,truncate) : OK",
                    "#1.3 alice WRITE /out/a.csv @0 13 bytes : OK",
                    "#1.4 alice CLOSE /out/a.csv : OK",
                    "#1.5 alice OPEN /out/b.csv (write,create,truncate) : OK",
                    "#1.6 alice WRITE /out/b.csv @0 13 bytes : OK",
                    "#1.7 alice CLOSE /out/b.csv : OK",
                    "#1.8 alice OPEN /out/c.csv (write,create,truncate) : OK",
                    "#1.9 alice WRITE /out/c.csv @0 13 bytes : OK",
                    "#1.10 alice CLOSE /out/c.csv : OK",
                    "#1.0 alice DISCONNECT");
            assertThat(server.recording().requests()).extracting(RecordedRequest::sequence)
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.OPEN)))
                    .allSatisfy(open -> assertThat(open.flags()).isEqualTo(RecordedRequest.FXF_WRITE
                            | RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC));
            assertThat(server.recording().files()).extracting(FileTransfer::toString).containsExactly(
                    "file /out/a.csv: opened for write by alice on connection 1, 1 write, 13 bytes, closed",
                    "file /out/b.csv: opened for write by alice on connection 1, 1 write, 13 bytes, closed",
                    "file /out/c.csv: opened for write by alice on connection 1, 1 write, 13 bytes, closed");
        }
    }

    @Test
    void recordsARefusedPasswordAsADeniedAuthAttempt() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").maxAuthAttempts(1).start()) {
            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "wrong")).isInstanceOf(JSchException.class);

            RecordedRequest auth = server.recording().awaitRequest(RequestFilter.operation(SftpOperation.AUTH),
                    TIMEOUT);

            assertThat(auth.summary()).isEqualTo("#1.0 alice AUTH(password) : PERMISSION_DENIED");
        }
    }

    @Test
    void recordsTheAttributesOfAChmod() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.putFile("/a.txt", "x");
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().chmod(0640, "/a.txt");
            }

            RecordedRequest setstat = server.recording().awaitRequest(
                    RequestFilter.operation(SftpOperation.SETSTAT), TIMEOUT);

            assertThat(setstat.attributes().permissionString()).isEqualTo("rw-r-----");
            assertThat(setstat.summary()).isEqualTo("#1.2 alice SETSTAT /a.txt {type=REGULAR, permissions=rw-r-----} : OK");
        }
    }

    @Test
    void awaitFileWaitsForAnAsynchronousUpload() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
                try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                    client.sftp().put(text("late"), "/report.txt");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            FileTransfer transfer = server.recording().awaitFile("/report.txt", TIMEOUT);

            assertThat(transfer.bytesWritten()).isEqualTo(4);
            assertThat(server.fileContent("/report.txt", StandardCharsets.UTF_8)).isEqualTo("late");
            upload.get();
        }
    }

    @Test
    void recordsALargeUploadWithoutKeepingItsData() throws Exception {
        long size = 24L * 1024 * 1024;
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().put(new ZeroStream(size), "/big.bin");
            }

            FileTransfer transfer = server.recording().awaitFile("/big.bin", TIMEOUT);

            assertThat(transfer.bytesWritten()).isEqualTo(size);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)))
                    .hasSize(transfer.writes())
                    .allSatisfy(write -> assertThat(write.bytes()).isPositive().isLessThanOrEqualTo(64 * 1024));
        }
    }

    @Test
    void stopsRecordingAtTheBuildersLimit() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").recordingLimit(3).start()) {
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().mkdir("/a");
                client.sftp().mkdir("/b");
            }
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.MKDIR), TIMEOUT);

            assertThat(server.recording().count()).isEqualTo(3);
            assertThat(server.recording().isTruncated()).isTrue();
            assertThat(server.recording().toString()).endsWith("more dropped]");
        }
    }

    @Test
    void resetClearsTheRecordingAndForgetsTheDroppedConnections() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            TestClients.Jsch dropped = TestClients.jsch(server, "alice", "secret");
            dropped.sftp().mkdir("/x");

            server.reset();
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().mkdir("/y");
            }
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT).connection(2), TIMEOUT);

            assertThat(server.recording().requests()).extracting(RecordedRequest::connectionId).containsOnly(2L);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.MKDIR)))
                    .extracting(RecordedRequest::path).containsExactly("/y");
            dropped.close();
        }
    }

    @Test
    void exportsARealSessionAsJsonLines() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().put(text("x"), "/a.txt");
            }
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);
            StringWriter json = new StringWriter();

            server.recording().writeJsonLines(json);

            assertThat(json.toString().lines()).hasSize(server.recording().count())
                    .allSatisfy(line -> assertThat(line).startsWith("{\"seq\":").endsWith("}"))
                    .anySatisfy(line -> assertThat(line).contains("\"op\":\"WRITE\",\"path\":\"/a.txt\""));
        }
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Zeros without a backing array, so the test itself holds no large buffer. */
    private static final class ZeroStream extends InputStream {
        private long remaining;

        ZeroStream(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            remaining -= n;
            return n;
        }
    }
}
