package io.sftptest.matrix.jsch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

import io.sftptest.matrix.MatrixClient;

/**
 * JSch, as com.jcraft:jsch 0.1.55 and com.github.mwiede:jsch 0.2.x and 2.x share it (same package, same calls):
 * default settings, except that a test server's host key is not checked.
 */
final class JschClient implements MatrixClient {
    private final Session session;
    private final ChannelSftp sftp;

    private JschClient(Session session, ChannelSftp sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    @SuppressWarnings("deprecation") // mwiede's JSch prefers setPassword(byte[]); 0.1.55 has both
    static JschClient connect(String host, int port, String user, String password) throws Exception {
        Session session = new JSch().getSession(user, host, port);
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(10_000);
        return new JschClient(session, sftp);
    }

    /** The host key algorithm the key exchange agreed on, e.g. {@code ecdsa-sha2-nistp256}. */
    String hostKeyAlgorithm() {
        return session.getHostKey().getType();
    }

    @Override
    public void put(String path, byte[] content) throws Exception {
        sftp.put(new ByteArrayInputStream(content), path);
    }

    @Override
    public byte[] get(String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sftp.get(path, out);
        return out.toByteArray();
    }

    @Override
    public List<String> list(String directory) throws Exception {
        List<String> names = new ArrayList<>();
        Vector<?> entries = sftp.ls(directory); // a raw Vector in 0.1.55, Vector<LsEntry> later
        for (Object entry : entries) {
            String name = ((ChannelSftp.LsEntry) entry).getFilename();
            if (!name.equals(".") && !name.equals("..")) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public void rename(String from, String to) throws Exception {
        sftp.rename(from, to);
    }

    @Override
    public void remove(String path) throws Exception {
        sftp.rm(path);
    }

    @Override
    public void mkdir(String path) throws Exception {
        sftp.mkdir(path);
    }

    @Override
    public void rmdir(String path) throws Exception {
        sftp.rmdir(path);
    }

    @Override
    public int statusOf(Exception failure) {
        if (failure instanceof SftpException sftpFailure) {
            return sftpFailure.id;
        }
        throw new AssertionError("not an SFTP status: " + failure, failure);
    }

    @Override
    public int sftpVersion() {
        try {
            return sftp.getServerVersion();
        } catch (SftpException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }
}
