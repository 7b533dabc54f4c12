package io.sftptest.assertj;

import java.time.Duration;
import java.time.Instant;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/** Made-up records for assertion tests. */
final class Records {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final int UPLOAD = RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC;

    private Records() {
    }

    static RecordedRequest request(long seq, SftpOperation op, String path, SftpStatus status) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", op, null, path, null, null, -1, -1, 0,
                null, status, null, 0, Duration.ofMillis(1), null, null, null, null);
    }

    static RecordedRequest request(long seq, SftpOperation op, String path) {
        return request(seq, op, path, SftpStatus.OK);
    }

    static RecordedRequest connect(long seq, long connection) {
        return new RecordedRequest(seq, T0.plusMillis(seq), connection, 0, null, SftpOperation.CONNECT, null, null,
                null, null, -1, -1, 0, null, SftpStatus.OK, null, 0, Duration.ZERO, null, "127.0.0.1:50000", null,
                null);
    }

    static RecordedRequest auth(long seq, String user, boolean ok) {
        return auth(seq, user, "password", ok ? AuthOutcome.SUCCESS : AuthOutcome.FAILURE);
    }

    static RecordedRequest auth(long seq, String user, String method, AuthOutcome outcome) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, 0, user, SftpOperation.AUTH, null, null, null,
                null, -1, -1, 0, null, outcome == AuthOutcome.FAILURE ? SftpStatus.PERMISSION_DENIED : SftpStatus.OK,
                null, 0, Duration.ofMillis(2), null, null, method, outcome);
    }

    static RecordedRequest open(long seq, String path, String handle, int flags) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", SftpOperation.OPEN, null, path, null,
                handle, -1, -1, flags, null, SftpStatus.OK, null, 0, Duration.ofMillis(1), null, null, null, null);
    }

    static RecordedRequest io(long seq, SftpOperation op, String path, String handle, long bytes) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", op, null, path, null, handle, 0, bytes,
                0, null, SftpStatus.OK, null, bytes, Duration.ofMillis(1), null, null, null, null);
    }

    static RecordedRequest close(long seq, String path, String handle) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", SftpOperation.CLOSE, null, path, null,
                handle, -1, -1, 0, null, SftpStatus.OK, null, 0, Duration.ofMillis(1), null, null, null, null);
    }
}
