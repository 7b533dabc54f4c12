package io.sftptest.server.internal.probe;

import java.io.IOException;

/**
 * The probe cannot make a file at all: no connection, an untrusted host key, a refused login, or a scratch directory
 * it must not use. The message says why and what to do; nothing was left on the server.
 */
public final class ProbeException extends IOException {
    private static final long serialVersionUID = 1L;

    ProbeException(String message) {
        super(message);
    }

    ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
