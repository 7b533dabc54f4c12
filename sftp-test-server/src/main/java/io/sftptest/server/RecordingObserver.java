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
        event(connectionId, null, SftpOperation.CONNECT, null, SftpStatus.OK, from);
    }

    @Override
    public void authenticated(long connectionId, String user, String method, boolean success) {
        event(connectionId, user, SftpOperation.AUTH, method, success ? SftpStatus.OK : SftpStatus.PERMISSION_DENIED,
                null);
    }

    @Override
    public void disconnected(long connectionId, String user) {
        event(connectionId, user, SftpOperation.DISCONNECT, null, SftpStatus.OK, null);
    }

    private void event(long connectionId, String user, SftpOperation operation, String method, SftpStatus status,
            String message) {
        recording.append(new RecordedRequest(context.nextSequence(), Instant.now(), connectionId, 0, user, operation,
                method, null, null, null, -1, -1, 0, null, status, message, 0, Duration.ZERO, null));
    }
}
