package io.sftptest.assertj;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

class RecordedRequestAssertTest {
    private final RecordedRequest open = Records.open(4, "/out/a.csv", "h", Records.UPLOAD);
    private final RecordedRequest rename = new RecordedRequest(9, Instant.EPOCH, 2, 3, "bob", SftpOperation.RENAME,
            null, "/out/a.tmp", "/out/a.csv", null, -1, -1, 0, null, SftpStatus.FILE_ALREADY_EXISTS, "exists", 0,
            Duration.ZERO, null, null, null, null);
    private final RecordedRequest chmod = new RecordedRequest(10, Instant.EPOCH, 2, 4, "bob", SftpOperation.SETSTAT,
            null, "/out/a.csv", null, null, -1, -1, 0, new SftpFileAttributes(null, null, null, null, null, null,
                    0600, null, null, null),
            SftpStatus.OK, null, 0, Duration.ZERO, null, null, null, null);

    @Test
    void passesOnAMatchingRecord() {
        assertThatCode(() -> assertThat(open).hasOperation(SftpOperation.OPEN).hasPath("/out/a.csv").hasUser("alice")
                .isOnConnection(1).succeeded().hasFlags(RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT)
                .hasBytes(0)).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(rename).hasTargetPath("/out/a.csv").answered(SftpStatus.FILE_ALREADY_EXISTS)
                .hasMessage("exists")).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(chmod).hasPermissions("rw-------")).doesNotThrowAnyException();
    }

    @Test
    void failsShowingTheRecord() {
        assertThatThrownBy(() -> assertThat(rename).answered(SftpStatus.OK))
                .hasMessage("\nExpecting request:\n"
                        + "  #2.3 bob RENAME /out/a.tmp -> /out/a.csv : FILE_ALREADY_EXISTS (exists)\n"
                        + "to have been answered:\n"
                        + "  OK\n"
                        + "but it was answered:\n"
                        + "  FILE_ALREADY_EXISTS");
        assertThatThrownBy(() -> assertThat(open).hasPath("/out/a.CSV"))
                .hasMessage("\nExpecting request:\n"
                        + "  #1.4 alice OPEN /out/a.csv (write,create,truncate) : OK\n"
                        + "to have path:\n"
                        + "  /out/a.CSV\n"
                        + "but it has:\n"
                        + "  /out/a.csv");
        assertThatThrownBy(() -> assertThat(open).hasFlags(RecordedRequest.FXF_APPEND))
                .hasMessage("\nExpecting request:\n"
                        + "  #1.4 alice OPEN /out/a.csv (write,create,truncate) : OK\n"
                        + "to have the open flags:\n"
                        + "  0x4\n"
                        + "but it has:\n"
                        + "  0x1a");
        assertThatThrownBy(() -> assertThat(chmod).hasPermissions("rw-r--r--"))
                .hasMessageContaining("to have permissions:\n  rw-r--r--\nbut it has:\n  rw-------");
        assertThatThrownBy(() -> assertThat(open).hasOperation(SftpOperation.CLOSE))
                .hasMessageContaining("to have operation:\n  CLOSE\nbut it has:\n  OPEN");
        assertThatThrownBy(() -> assertThat((RecordedRequest) null).hasPath("/a"))
                .hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void checksTheMethodAndOutcomeOfAnAuthenticationAttemptAndTheAddressOfAConnection() {
        RecordedRequest partial = Records.auth(2, "alice", "publickey", AuthOutcome.PARTIAL_SUCCESS);

        assertThatCode(() -> assertThat(partial).hasAuthMethod("publickey").hasAuthOutcome(AuthOutcome.PARTIAL_SUCCESS)
                .succeeded()).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(Records.connect(1, 1)).hasClientAddress("127.0.0.1:50000"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(partial).hasAuthOutcome(AuthOutcome.SUCCESS))
                .hasMessage("\nExpecting request:\n  #1.0 alice AUTH(publickey) : OK (partial success)\n"
                        + "to have authentication outcome:\n  SUCCESS\nbut it has:\n  PARTIAL_SUCCESS");
    }
}
