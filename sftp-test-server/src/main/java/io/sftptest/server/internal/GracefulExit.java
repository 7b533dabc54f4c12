package io.sftptest.server.internal;

import org.apache.sshd.server.ExitCallback;

/**
 * Makes an SFTP subsystem that ends on an error close its channel gracefully.
 *
 * <p>Why: when MINA's SFTP subsystem thread dies on a malformed request (a string longer than its
 * packet, a request before {@code SSH_FXP_INIT}), it exits with "close immediately". MINA 2.20 then
 * drops the channel on the server side without sending {@code SSH_MSG_CHANNEL_CLOSE}, so the client
 * waits on that channel until the idle timeout. A graceful close sends EOF and CLOSE, and the client
 * sees the channel end at once.
 */
final class GracefulExit {
    private GracefulExit() {
    }

    /**
     * Wraps an exit callback so that every exit closes gracefully.
     *
     * @param callback MINA's callback
     * @return the wrapped callback
     */
    public static ExitCallback of(ExitCallback callback) {
        return (exitValue, exitMessage, closeImmediately) -> callback.onExit(exitValue, exitMessage, false);
    }
}
