package io.sftptest.server.internal;

import java.io.IOException;

import org.apache.sshd.server.channel.ChannelSession;

/**
 * MINA's session channel (SFTP, exec and shell run on it), taking a client's repeated EOF and an exit after the
 * session closed quietly (see {@link HarmlessWarnings}), and whose window adjustments a {@link WindowStall} can hold
 * back.
 */
class SessionChannel extends ChannelSession {
    @Override
    protected void sendWindowAdjust(long length) throws IOException {
        if (!WindowStall.holds(this, length)) {
            super.sendWindowAdjust(length);
        }
    }

    /** Sends a window adjustment a stall held back, once it is released. */
    void grant(long length) {
        if (!isOpen() || isClosing()) {
            return;
        }
        try {
            super.sendWindowAdjust(length);
        } catch (IOException e) {
            close(true); // the client cannot get its window back: the channel is of no use any more
        }
    }

    @Override
    public void handleEof() throws IOException {
        if (HarmlessWarnings.repeatedEof(this)) {
            // all that MINA does on a repeated EOF besides its warning: its receivers were closed on the first
            notifyStateChanged("SSH_MSG_CHANNEL_EOF");
            return;
        }
        super.handleEof();
    }

    @Override
    protected void closeShell(int exitValue, boolean closeImmediately) throws IOException {
        try {
            super.closeShell(exitValue, closeImmediately);
        } catch (IOException failure) {
            // MINA's exit callback would warn of it; with the session closing there is no one to send the exit to
            if (!HarmlessWarnings.exitAfterSessionClosed(this, failure)) {
                throw failure;
            }
        }
    }
}
