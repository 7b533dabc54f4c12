package io.sftptest.samples.sshj;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.Fault;
import io.sftptest.server.FaultRule;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.event.FileReadEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SftpServerTest(users = "alice:secret")
class ArchiveDownloaderTest {
    @TempDir
    Path local;

    // tag::sshj-tree[]
    @Test
    void downloadsADirectoryTree(SftpTestServer server) throws Exception {
        server.putFile("/archive/2026/01/orders.csv", "id\n1\n")
              .putFile("/archive/2026/02/orders.csv", "id\n2\n")
              .putFile("/archive/2026/summary.txt", "2 orders");

        new ArchiveDownloader(server.host(), server.port(), "alice", "secret")
                .downloadTree("/archive/2026", local);

        assertThat(local.resolve("2026/01/orders.csv")).hasContent("id\n1\n");
        assertThat(local.resolve("2026/02/orders.csv")).hasContent("id\n2\n");
        assertThat(local.resolve("2026/summary.txt")).hasContent("2 orders");
        assertThat(server).downloaded("/archive/2026/**");
    }
    // end::sshj-tree[]

    // tag::sshj-resume[]
    @Test
    void resumesADownloadAfterTheConnectionDrops(SftpTestServer server) throws Exception {
        byte[] big = new byte[256 * 1024];
        new Random(42).nextBytes(big);
        server.putFile("/archive/big.bin", big);
        AtomicBoolean dropped = new AtomicBoolean();
        SftpServerListener dropAfter64KiB = new SftpServerListener() {
            @Override
            public void onFileRead(FileReadEvent e) {
                if (!e.beforeExec() && e.offset() >= 64 * 1024 && dropped.compareAndSet(false, true)) {
                    server.disconnect(e.connectionId());
                }
            }
        };

        int connections;
        try (AutoCloseable registered = server.addListener(dropAfter64KiB)) { // removed when this test ends
            connections = new ArchiveDownloader(server.host(), server.port(), "alice", "secret")
                    .downloadResuming("/archive/big.bin", local.resolve("big.bin"), 3);
        }

        assertThat(connections).isEqualTo(2);
        assertThat(local.resolve("big.bin")).hasBinaryContent(big);
        List<RecordedRequest> reads = server.recording().requests(RequestFilter.operation(SftpOperation.READ));
        assertThat(reads).filteredOn(read -> read.offset() == 0).hasSize(1); // resumed, not restarted
    }
    // end::sshj-resume[]

    // tag::sshj-timeout[]
    @Test
    void givesUpWhenTheServerStopsAnswering(SftpTestServer server) {
        server.putFile("/archive/big.bin", new byte[64 * 1024]);
        // the link stalls: reads are never answered (released when the server is reset or closed)
        FaultRule stall = server.faults().on(SftpOperation.READ).path("/archive/big.bin").respond(Fault.hang());
        ArchiveDownloader downloader = new ArchiveDownloader(server.host(), server.port(), "alice", "secret",
                Duration.ofMillis(500));

        assertThatThrownBy(() -> downloader.downloadResuming("/archive/big.bin", local.resolve("big.bin"), 2))
                .isInstanceOf(IOException.class)
                .hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        stall.release();
        assertThat(server).received(SftpOperation.OPEN).path("/archive/big.bin").times(2);
    }
    // end::sshj-timeout[]
}
