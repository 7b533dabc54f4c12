package io.sftptest.samples.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.GrowingFile;
import io.sftptest.server.SftpTestServer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

// tag::state-growing-file-test[]
@SftpServerTest(users = "alice:secret")
class StableFilePollerTest {
    private static final byte[] EXPORT = new byte[200_000];

    static {
        new Random(10131).nextBytes(EXPORT);
    }

    @Test
    void waitsUntilTheFileStopsGrowing(SftpTestServer server) throws Exception {
        GrowingFile export = server.growFile("/out/export.bin").content(EXPORT).bytesPerSecond(100_000).start();
        StableFilePoller poller = new StableFilePoller(server.host(), server.port(), "alice", "secret",
                Duration.ofMillis(300));

        byte[] downloaded = poller.downloadWhenStable("/out/export.bin", Duration.ofSeconds(30));

        assertThat(downloaded).isEqualTo(EXPORT);
        assertThat(export.state()).isEqualTo(GrowingFile.State.COMPLETE);
    }

    @Test
    void aDownloadOnSightGetsHalfAFile(SftpTestServer server) throws Exception {
        server.growFile("/out/export.bin").content(EXPORT).bytesPerSecond(10_000).start();
        StableFilePoller poller = new StableFilePoller(server.host(), server.port(), "alice", "secret",
                Duration.ofMillis(300));

        assertThat(poller.downloadNow("/out/export.bin").length).isLessThan(EXPORT.length);
    }
}
// end::state-growing-file-test[]
