package io.sftptest.server;

import static io.sftptest.server.Records.close;
import static io.sftptest.server.Records.io;
import static io.sftptest.server.Records.open;
import static io.sftptest.server.Records.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class RecordingTest {
    private static final int WRITE_CREATE = RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT
            | RecordedRequest.FXF_TRUNC;

    @Test
    void filtersByOperationPathGlobUserAndConnection() {
        Recording recording = Recording.of(
                request(1, 1, "alice", SftpOperation.OPEN, "/out/a.csv", SftpStatus.OK),
                request(2, 1, "alice", SftpOperation.STAT, "/out/a.csv", SftpStatus.OK),
                request(3, 2, "bob", SftpOperation.OPEN, "/out/b.csv", SftpStatus.OK),
                request(4, 2, "bob", SftpOperation.OPEN, "/in/c.txt", SftpStatus.NO_SUCH_FILE));

        assertThat(recording.requests(RequestFilter.operation(SftpOperation.OPEN))).extracting(RecordedRequest::sequence)
                .containsExactly(1L, 3L, 4L);
        assertThat(recording.count(RequestFilter.of(SftpOperation.OPEN, "/out/*.csv"))).isEqualTo(2);
        assertThat(recording.count(RequestFilter.any().path("/**"))).isEqualTo(4);
        assertThat(recording.count(RequestFilter.any().user("bob"))).isEqualTo(2);
        assertThat(recording.count(RequestFilter.any().connection(1))).isEqualTo(2);
        assertThat(recording.count(RequestFilter.any().status(SftpStatus.NO_SUCH_FILE))).isEqualTo(1);
        assertThat(recording.first(RequestFilter.operation(SftpOperation.STAT, SftpOperation.LSTAT)))
                .map(RecordedRequest::sequence).contains(2L);
        assertThat(RequestFilter.of(SftpOperation.OPEN, "/out/*.csv").user("bob").connection(2)
                .status(SftpStatus.OK)).hasToString("OPEN /out/*.csv by bob on connection 2 answered OK");
    }

    @Test
    void keepsRecordsInOrderOfArrivalWhenASlowRequestIsAnsweredLate() {
        Recording recording = new Recording(10);
        recording.append(request(1, 1, "alice", SftpOperation.OPEN, "/a", SftpStatus.OK));
        recording.append(request(3, 1, "alice", SftpOperation.STAT, "/b", SftpStatus.OK));
        recording.append(request(2, 1, "alice", SftpOperation.READ, "/a", SftpStatus.OK));

        assertThat(recording.requests()).extracting(RecordedRequest::sequence).containsExactly(1L, 2L, 3L);
    }

    @Test
    void summarisesReadsAndWritesPerHandle() {
        Recording recording = Recording.of(
                open(1, "/out/a.csv", "h1", WRITE_CREATE),
                io(2, SftpOperation.WRITE, "/out/a.csv", "h1", 0, 4096),
                io(3, SftpOperation.WRITE, "/out/a.csv", "h1", 4096, 4096),
                open(4, "/in/b.csv", "h2", RecordedRequest.FXF_READ),
                io(5, SftpOperation.WRITE, "/out/a.csv", "h1", 8192, 2048),
                io(6, SftpOperation.READ, "/in/b.csv", "h2", 0, 100),
                close(7, "/out/a.csv", "h1"));

        assertThat(recording.files()).extracting(FileTransfer::toString).containsExactly(
                "file /out/a.csv: opened for write by alice on connection 1, 3 writes, 10240 bytes, closed",
                "file /in/b.csv: opened for read by alice on connection 1, 1 read, 100 bytes, still open");
        assertThat(recording.files("/out/*")).singleElement().satisfies(upload -> {
            assertThat(upload.isCompletedUpload()).isTrue();
            assertThat(upload.bytesWritten()).isEqualTo(10_240);
        });
    }

    @Test
    void countsAndClears() {
        Recording recording = Recording.of(request(1, 1, "alice", SftpOperation.OPEN, "/a", SftpStatus.OK),
                open(2, "/b", "h", WRITE_CREATE));
        assertThat(recording.count()).isEqualTo(2);

        recording.clear();

        assertThat(recording.count()).isZero();
        assertThat(recording.files()).isEmpty();
        assertThat(recording).hasToString("Recording of 0 requests; nothing was received");
    }

    @Test
    void stopsAtTheLimitAndSaysSo() {
        Recording recording = new Recording(2);
        for (int i = 1; i <= 5; i++) {
            recording.append(request(i, 1, "alice", SftpOperation.STAT, "/f" + i, SftpStatus.OK));
        }

        assertThat(recording.count()).isEqualTo(2);
        assertThat(recording.isTruncated()).isTrue();
        assertThat(recording.droppedCount()).isEqualTo(3);
        assertThat(recording).hasToString("Recording of 2 requests; received:\n"
                + "  #1.1 alice STAT /f1 : OK\n"
                + "  #1.2 alice STAT /f2 : OK\n"
                + "  [recording truncated at 2 records: 3 more dropped]");
        StringWriter json = new StringWriter();
        recording.writeJsonLines(json);
        assertThat(json.toString().lines()).last().isEqualTo("{\"truncated\":true,\"limit\":2,\"dropped\":3}");
    }

    @Test
    void awaitingStillSeesRecordsDroppedAtTheLimit() throws Exception {
        Recording recording = new Recording(1);
        recording.append(open(1, "/out/a.csv", "h", WRITE_CREATE));
        CompletableFuture<FileTransfer> awaited = CompletableFuture.supplyAsync(
                () -> recording.awaitFile("/out/a.csv", Duration.ofSeconds(30)));

        recording.append(io(2, SftpOperation.WRITE, "/out/a.csv", "h", 0, 7));
        recording.append(close(3, "/out/a.csv", "h"));

        assertThat(awaited.get().bytesWritten()).isEqualTo(7);
        assertThat(recording.count()).isEqualTo(1);
        assertThat(recording.droppedCount()).isEqualTo(2);
    }

    @Test
    void writesJsonLinesToAFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        java.nio.file.Path file = directory.resolve("recording.jsonl");

        Recording.of(request(1, 1, "alice", SftpOperation.STAT, "/é", SftpStatus.OK)).writeJsonLines(file);

        assertThat(java.nio.file.Files.readString(file)).startsWith("{\"seq\":1,").contains("\"path\":\"/é\"")
                .endsWith("}\n");
    }

    @Test
    void writesOneJsonObjectPerLine() {
        RecordedRequest setstat = new RecordedRequest(7, Records.T0, 2, 3, "alice", SftpOperation.SETSTAT, null,
                "/out/a.csv", null, null, -1, -1, 0, new SftpFileAttributes(null, 0L, null, null, null, null,
                        0640, null, null, null),
                SftpStatus.PERMISSION_DENIED, "read-only", 0, Duration.ofNanos(1500), null, null, null, null);
        RecordedRequest write = new RecordedRequest(8, Records.T0, 2, 4, "alice", SftpOperation.WRITE, null,
                "/out/a.csv", null, "\u0000\u0001", 0, 5, 0, null, SftpStatus.OK, "", 5, Duration.ofNanos(10), null, null, null, null);
        StringWriter json = new StringWriter();

        Recording.of(setstat, write).writeJsonLines(json);

        assertThat(json.toString()).isEqualTo(
                "{\"seq\":7,\"time\":\"2026-01-01T10:00:00Z\",\"connection\":2,\"index\":3,\"user\":\"alice\","
                + "\"op\":\"SETSTAT\",\"path\":\"/out/a.csv\",\"attributes\":{\"size\":0,\"permissions\":\"rw-r-----\"},"
                + "\"status\":\"PERMISSION_DENIED\",\"statusCode\":3,\"message\":\"read-only\",\"bytes\":0,"
                + "\"durationNanos\":1500}\n"
                + "{\"seq\":8,\"time\":\"2026-01-01T10:00:00Z\",\"connection\":2,\"index\":4,\"user\":\"alice\","
                + "\"op\":\"WRITE\",\"path\":\"/out/a.csv\",\"handle\":\"0001\",\"offset\":0,\"length\":5,"
                + "\"status\":\"OK\",\"statusCode\":0,\"message\":\"\",\"bytes\":5,\"durationNanos\":10}\n");
    }

    @Test
    void awaitRequestReturnsTheFirstMatchAlreadyRecorded() {
        Recording recording = Recording.of(request(1, 1, "alice", SftpOperation.OPEN, "/a", SftpStatus.OK),
                request(2, 1, "alice", SftpOperation.OPEN, "/b", SftpStatus.OK));

        RecordedRequest open = recording.awaitRequest(RequestFilter.operation(SftpOperation.OPEN), Duration.ZERO);

        assertThat(open.path()).isEqualTo("/a");
    }

    @Test
    void awaitRequestWakesUpWhenAMatchArrives() throws Exception {
        Recording recording = new Recording(100);
        CompletableFuture<RecordedRequest> awaited = CompletableFuture.supplyAsync(
                () -> recording.awaitRequest(RequestFilter.of(SftpOperation.RENAME, "/out/*"), Duration.ofSeconds(30)));

        recording.append(request(1, 1, "alice", SftpOperation.OPEN, "/out/x", SftpStatus.OK));
        recording.append(request(2, 1, "alice", SftpOperation.RENAME, "/out/x", SftpStatus.OK));

        assertThat(awaited.get().sequence()).isEqualTo(2);
    }

    @Test
    void awaitRequestsWaitsForTheCount() throws Exception {
        Recording recording = new Recording(100);
        recording.append(request(1, 1, "alice", SftpOperation.REMOVE, "/a", SftpStatus.OK));
        CompletableFuture<List<RecordedRequest>> awaited = CompletableFuture.supplyAsync(() -> recording
                .awaitRequests(RequestFilter.operation(SftpOperation.REMOVE), 3, Duration.ofSeconds(30)));

        recording.append(request(2, 1, "alice", SftpOperation.REMOVE, "/b", SftpStatus.OK));
        recording.append(request(3, 1, "alice", SftpOperation.REMOVE, "/c", SftpStatus.OK));

        assertThat(awaited.get()).extracting(RecordedRequest::path).containsExactly("/a", "/b", "/c");
    }

    @Test
    void awaitFileWaitsForTheCloseOfAnUpload() throws Exception {
        Recording recording = new Recording(100);
        CompletableFuture<FileTransfer> awaited = CompletableFuture.supplyAsync(
                () -> recording.awaitFile("/out/*.csv", Duration.ofSeconds(30)));

        recording.append(open(1, "/out/a.csv", "h", WRITE_CREATE));
        recording.append(io(2, SftpOperation.WRITE, "/out/a.csv", "h", 0, 10));
        recording.append(close(3, "/out/a.csv", "h"));

        assertThat(awaited.get().bytesWritten()).isEqualTo(10);
    }

    @Test
    void awaitFileIgnoresDownloads() {
        Recording recording = Recording.of(open(1, "/out/a.csv", "h", RecordedRequest.FXF_READ),
                close(2, "/out/a.csv", "h"));

        assertThatThrownBy(() -> recording.awaitFile("/out/a.csv", Duration.ofMillis(1)))
                .isInstanceOf(RecordingTimeoutException.class)
                .hasMessageStartingWith("Expected a completed upload of /out/a.csv within PT0.001S but none arrived");
    }

    @Test
    void awaitRequestTimesOutListingWhatWasReceived() {
        Recording recording = Recording.of(request(1, 1, "alice", SftpOperation.OPEN, "/out/A.csv", SftpStatus.OK));

        assertThatThrownBy(() -> recording.awaitRequest(RequestFilter.of(SftpOperation.OPEN, "/out/a.csv"),
                Duration.ofMillis(20)))
                .isInstanceOf(RecordingTimeoutException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessage("Expected a request matching OPEN /out/a.csv within PT0.02S but none arrived; received:\n"
                        + "  #1.1 alice OPEN /out/A.csv : OK");
    }
}
