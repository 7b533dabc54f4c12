package io.sftptest.server;

import java.util.concurrent.TimeoutException;

/**
 * Thrown by {@link Recording#awaitRequest(RequestFilter, java.time.Duration)} and
 * {@link Recording#awaitFile(String, java.time.Duration)} when nothing matching arrived in time. Its
 * message lists what the server did receive; its cause is a {@link TimeoutException}.
 */
public final class RecordingTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was awaited and what was received instead
     */
    public RecordingTimeoutException(String message) {
        super(message, new TimeoutException(message));
    }
}
