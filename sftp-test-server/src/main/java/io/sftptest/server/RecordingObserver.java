package io.sftptest.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

import io.sftptest.server.internal.ServerContext;
import io.sftptest.server.internal.ServerObserver;

/** Turns a server's connects, authentication verdicts and disconnects into records of its {@link Recording}. */
final class RecordingObserver implements ServerObserver {
    private final Recording recording;
    private final ServerContext context;

    RecordingObserver(Recording recording, ServerContext context) {
        this.recording = recording;
        this.context = context;
    }

    @Override
    public void connected(long connectionId, InetSocketAddress remoteAddress) {
        String from = remoteAddress == null ? null
                : remoteAddress.getAddress().getHostAddress() + ":" + remoteAddress.getPort();
        recording.append(event(connectionId, null, SftpOperation.CONNECT, SftpStatus.OK, Instant.now(), Duration.ZERO,
                null, from, null, null));
    }

    @Override
    public void authenticated(long connectionId, String user, String method, AuthOutcome outcome,
            Duration duration) {
        SftpStatus status = outcome == AuthOutcome.FAILURE ? SftpStatus.PERMISSION_DENIED : SftpStatus.OK;
        recording.append(event(connectionId, user, SftpOperation.AUTH, status, Instant.now().minus(duration),
                duration, null, null, method, outcome));
    }

    @Override
    public void disconnected(long connectionId, String user, String reason) {
        recording.append(event(connectionId, user, SftpOperation.DISCONNECT, SftpStatus.OK, Instant.now(),
                Duration.ZERO, reason, null, null, null));
    }

    private RecordedRequest event(long connectionId, String user, SftpOperation operation, SftpStatus status,
            Instant time, Duration duration, String message, String clientAddress, String authMethod,
            AuthOutcome authOutcome) {
        return new RecordedRequest(context.nextSequence(), time, connectionId, 0, user, operation, null, null, null,
                null, -1, -1, 0, null, status, message, 0, duration, null, clientAddress, authMethod, authOutcome);
    }
}
