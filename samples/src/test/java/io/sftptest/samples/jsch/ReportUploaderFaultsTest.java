package io.sftptest.samples.jsch;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.Fault;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.event.UserAuthRequestEvent;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the uploader does when the server fails: each fault is one line of {@code server.faults()}; an
 * authentication verdict that changes between attempts is scripted with a listener.
 */
@SftpServerTest(users = "alice:secret", directories = "/out")
class ReportUploaderFaultsTest {
    private static final byte[] REPORT = "id,total\n1,42\n".getBytes(StandardCharsets.UTF_8);

    // tag::jsch-lost-ack[]
    @Test
    void reuploadsWhenTheAckOfTheCloseIsLost(SftpTestServer server) {
        // after(): the file is complete on the server, but the client is told the close failed
        server.faults().on(SftpOperation.CLOSE).path("/out/report.csv").after().once()
                .respond(Fault.status(SftpStatus.FAILURE, "connection reset"));

        int attempts = new ReportUploader(server.host(), server.port(), "alice", "secret", 3)
                .upload("/out/report.csv", REPORT);

        assertThat(attempts).isEqualTo(2);
        assertThat(server).hasFile("/out/report.csv").hasContent("id,total\n1,42\n"); // overwritten, not appended
        assertThat(server).received(SftpOperation.OPEN).path("/out/report.csv").times(2);
    }
    // end::jsch-lost-ack[]

    @Test
    void retriesAfterARejectedLogin(SftpTestServer server) throws Exception {
        AtomicInteger passwordAttempts = new AtomicInteger();
        SftpServerListener rejectFirstLogin = new SftpServerListener() {
            @Override
            public void onUserAuthRequest(UserAuthRequestEvent e) {
                if (e.authMethod().equals("password") && passwordAttempts.incrementAndGet() == 1) {
                    e.setAccept(false); // e.g. the partner's LDAP was briefly unreachable
                }
            }
        };
        int attempts;
        try (AutoCloseable registered = server.addListener(rejectFirstLogin)) {
            attempts = new ReportUploader(server.host(), server.port(), "alice", "secret", 3)
                    .upload("/out/report.csv", REPORT);
        }

        assertThat(attempts).isEqualTo(2);
        assertThat(server).hasFile("/out/report.csv").hasContent("id,total\n1,42\n");
        assertThat(server).received(RequestFilter.operation(SftpOperation.AUTH).status(SftpStatus.OK)).once();
    }

    @Test
    void reportsTheServersMessageWhenTheDiskIsFull(SftpTestServer server) {
        // SSH_FX_NO_SPACE_ON_FILESYSTEM exists from SFTP v5; JSch speaks v3 and gets FAILURE, with the message
        server.faults().on(SftpOperation.WRITE).path("/out/*")
                .respond(Fault.status(SftpStatus.NO_SPACE_ON_FILESYSTEM, "disk full on /out"));
        ReportUploader uploader = new ReportUploader(server.host(), server.port(), "alice", "secret", 1);

        assertThatThrownBy(() -> uploader.upload("/out/report.csv", REPORT))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full on /out");
        assertThat(server).received(SftpOperation.WRITE).path("/out/report.csv").answered(SftpStatus.FAILURE);
    }
}
