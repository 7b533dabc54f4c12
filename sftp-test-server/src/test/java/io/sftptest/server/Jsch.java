package io.sftptest.server;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/** A JSch SFTP client connected to a test server, closed with try-with-resources. */
final class Jsch implements AutoCloseable {
    final Session session;
    final ChannelSftp sftp;

    private Jsch(Session session, ChannelSftp sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    static Jsch connect(SftpTestServer server, String user, String password) throws JSchException {
        Session session = new JSch().getSession(user, server.host(), server.port());
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(5000);
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(5000);
        return new Jsch(session, sftp);
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }
}
