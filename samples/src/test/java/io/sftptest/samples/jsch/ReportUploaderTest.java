package io.sftptest.samples.jsch;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.Fault;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// tag::jsch-upload[]
@SftpServerTest(users = "alice:secret", directories = "/out")
class ReportUploaderTest {
    private static final byte[] REPORT = "id,total\n1,42\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void uploadsTheReport(SftpTestServer server) {
        new ReportUploader(server.host(), server.port(), "alice", "secret", 3).upload("/out/report.csv", REPORT);

        assertThat(server).hasFile("/out/report.csv").hasContent("id,total\n1,42\n");
        assertThat(server).uploaded("/out/report.csv");
    }
    // end::jsch-upload[]

    // tag::jsch-retry[]
    @Test
    void retriesWhenTheFirstOpenFails(SftpTestServer server) {
        server.faults().on(SftpOperation.OPEN).path("/out/*.csv").once()
                .respond(Fault.status(SftpStatus.FAILURE, "disk hiccup"));

        int attempts = new ReportUploader(server.host(), server.port(), "alice", "secret", 3)
                .upload("/out/report.csv", REPORT);

        assertThat(attempts).isEqualTo(2);
        assertThat(server).hasFile("/out/report.csv").hasContent("id,total\n1,42\n");
        assertThat(server)
                .received(RequestFilter.of(SftpOperation.OPEN, "/out/report.csv").status(SftpStatus.FAILURE)).once()
                .connected(2);
    }
    // end::jsch-retry[]

    @Test
    void givesUpAfterTheLastAttempt(SftpTestServer server) {
        server.faults().on(SftpOperation.OPEN).path("/out/report.csv")
                .respond(Fault.status(SftpStatus.PERMISSION_DENIED, "read-only share"));
        ReportUploader uploader = new ReportUploader(server.host(), server.port(), "alice", "secret", 3);

        assertThatThrownBy(() -> uploader.upload("/out/report.csv", REPORT))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("failed 3 times");
        assertThat(server).hasNoFile("/out/report.csv")
                .received(SftpOperation.OPEN).path("/out/report.csv").times(3);
    }
}
