package io.sftptest.server;

import java.time.Duration;
import java.time.Instant;

/** Made-up records for tests of the recording. */
final class Records {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Records() {
    }

    static RecordedRequest request(long seq, long connection, String user, SftpOperation op, String path,
            SftpStatus status) {
        return new RecordedRequest(seq, T0.plusMillis(seq), connection, seq, user, op, null, path, null, null, -1, -1,
                0, null, status, null, 0, Duration.ofMillis(1), null, null, null, null);
    }

    static RecordedRequest open(long seq, String path, String handle, int flags) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", SftpOperation.OPEN, null, path, null,
                handle, -1, -1, flags, null, SftpStatus.OK, null, 0, Duration.ofMillis(1), null, null, null, null);
    }

    static RecordedRequest io(long seq, SftpOperation op, String path, String handle, long offset, long bytes) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", op, null, path, null, handle, offset,
                bytes, 0, null, SftpStatus.OK, null, bytes, Duration.ofMillis(1), null, null, null, null);
    }

    static RecordedRequest close(long seq, String path, String handle) {
        return new RecordedRequest(seq, T0.plusMillis(seq), 1, seq, "alice", SftpOperation.CLOSE, null, path, null,
                handle, -1, -1, 0, null, SftpStatus.OK, null, 0, Duration.ofMillis(1), null, null, null, null);
    }
}
