package io.sftptest.server.internal.probe;

import java.io.IOException;

/** The server did not answer within the probe's timeout: it hangs, or is far slower than a server should be. */
final class ProbeTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    ProbeTimeoutException(String message) {
        super(message);
    }
}
