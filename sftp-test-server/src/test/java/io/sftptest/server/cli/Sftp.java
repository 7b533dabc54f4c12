package io.sftptest.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/** A JSch SFTP client on the runner's port, as alice:secret, closed with try-with-resources. */
final class Sftp implements AutoCloseable {
    final Session session;
    final ChannelSftp channel;

    private Sftp(Session session, ChannelSftp channel) {
        this.session = session;
        this.channel = channel;
    }

    static Sftp connect(int port) throws JSchException {
        Session session = new JSch().getSession("alice", "127.0.0.1", port);
        session.setPassword("secret");
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(10_000);
        ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
        channel.connect(10_000);
        return new Sftp(session, channel);
    }

    void upload(String path, byte[] content) throws SftpException {
        channel.put(new ByteArrayInputStream(content), path);
    }

    byte[] download(String path) throws SftpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        channel.get(path, out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        channel.disconnect();
        session.disconnect();
    }
}
