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
        event(connectionId, null, SftpOperation.CONNECT, null, SftpStatus.OK, from);
    }

    @Override
    public void authenticated(long connectionId, String user, String method, boolean success) {
        event(connectionId, user, SftpOperation.AUTH, method, success ? SftpStatus.OK : SftpStatus.PERMISSION_DENIED,
                null);
    }

    @Override
    public void disconnected(long connectionId, String user, String reason) {
        event(connectionId, user, SftpOperation.DISCONNECT, null, SftpStatus.OK, reason);
    }

    private void event(long connectionId, String user, SftpOperation operation, String method, SftpStatus status,
            String message) {
        recording.append(new RecordedRequest(context.nextSequence(), Instant.now(), connectionId, 0, user, operation,
                method, null, null, null, -1, -1, 0, null, status, message, 0, Duration.ZERO, null));
    }
}
