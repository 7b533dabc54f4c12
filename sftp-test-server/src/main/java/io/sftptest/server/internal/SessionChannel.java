package io.sftptest.server.internal;

import java.io.IOException;

import org.apache.sshd.server.channel.ChannelSession;

/**
 * MINA's session channel (SFTP, exec and shell run on it), taking a client's repeated EOF and an exit after the
 * session closed quietly: see {@link HarmlessWarnings}.
 */
class SessionChannel extends ChannelSession {
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
