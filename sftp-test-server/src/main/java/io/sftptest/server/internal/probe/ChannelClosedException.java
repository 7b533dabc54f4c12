package io.sftptest.server.internal.probe;

import java.io.IOException;

/** The server closed the SFTP channel (or the connection) while the probe used it. */
final class ChannelClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
