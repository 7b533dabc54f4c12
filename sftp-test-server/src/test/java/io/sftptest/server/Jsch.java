package io.sftptest.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

/** A JSch SFTP client connected to a test server (or a runner's port), closed with try-with-resources. */
public final class Jsch implements AutoCloseable {
    public final Session session;
    public final ChannelSftp sftp;

    private Jsch(Session session, ChannelSftp sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    static Jsch connect(SftpTestServer server, String user, String password) throws JSchException {
        return connect(server.host(), server.port(), user, password);
    }

    /** Connects with a password, without a host key check. */
    public static Jsch connect(String host, int port, String user, String password) throws JSchException {
        Session session = new JSch().getSession(user, host, port);
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(5000);
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(5000);
        return new Jsch(session, sftp);
    }

    /** Uploads bytes to a file. */
    public void upload(String path, byte[] content) throws SftpException {
        sftp.put(new ByteArrayInputStream(content), path);
    }

    /** Downloads a file's bytes. */
    public byte[] download(String path) throws SftpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sftp.get(path, out);
        return out.toByteArray();
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }
}
