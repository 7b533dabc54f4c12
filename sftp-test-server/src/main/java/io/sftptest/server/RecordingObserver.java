package io.sftptest.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

import io.sftptest.server.internal.RequestInfo;
import io.sftptest.server.internal.ServerContext;
import io.sftptest.server.internal.ServerObserver;

/** Turns what a server observes into records of its {@link Recording}. */
final class RecordingObserver implements ServerObserver {
    private final Recording recording;
    private final ServerContext context;

    RecordingObserver(Recording recording, ServerContext context) {
        this.recording = recording;
        this.context = context;
    }

    @Override
    public void replying(RequestInfo request) {
        request.durationNanos = System.nanoTime() - request.startNanos;
        request.recorded = true;
        recording.append(request.toRecord());
    }

    @Override
    public void requestCompleted(RequestInfo request) {
        if (!request.recorded) { // no answer was sent, e.g. the connection broke
            request.recorded = true;
            recording.append(request.toRecord());
        }
    }

    @Override
    public void connected(long connectionId, InetSocketAddress remoteAddress) {
        String from = remoteAddress == null ? null
                : remoteAddress.getAddress().getHostAddress() + ":" + remoteAddress.getPort();
        recording.append(event(connectionId, null, SftpOperation.CONNECT, SftpStatus.OK, Instant.now(), Duration.ZERO,
                from, null, null));
    }

    @Override
    public void authenticated(long connectionId, String user, String method, AuthOutcome outcome,
            Duration duration) {
        SftpStatus status = outcome == AuthOutcome.FAILURE ? SftpStatus.PERMISSION_DENIED : SftpStatus.OK;
        recording.append(event(connectionId, user, SftpOperation.AUTH, status, Instant.now().minus(duration),
                duration, null, method, outcome));
    }

    @Override
    public void disconnected(long connectionId, String user) {
        recording.append(event(connectionId, user, SftpOperation.DISCONNECT, SftpStatus.OK, Instant.now(),
                Duration.ZERO, null, null, null));
    }

    private RecordedRequest event(long connectionId, String user, SftpOperation operation, SftpStatus status,
            Instant time, Duration duration, String clientAddress, String authMethod, AuthOutcome authOutcome) {
        return new RecordedRequest(context.nextSequence(), time, connectionId, 0, user, operation, null, null, null,
                null, -1, -1, 0, null, status, null, 0, duration, null, clientAddress, authMethod, authOutcome);
    }
}
