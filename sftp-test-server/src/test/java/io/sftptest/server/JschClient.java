package io.sftptest.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;

/** JSch (the mwiede fork) behind {@link InteropClient}. */
final class JschClient implements InteropClient {
    private static final int TIMEOUT_MILLIS = 20_000;

    private final Session session;
    private final ChannelSftp sftp;

    private JschClient(Session session, ChannelSftp sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    static JschClient connect(String host, int port, String user, String password) {
        try {
            return new JschClient(session(host, port, user, password));
        } catch (JSchException e) {
            throw new IllegalStateException("JSch: " + e.getMessage(), e);
        }
    }

    private JschClient(Session session) throws JSchException {
        this(session, openSftp(session));
    }

    /** Opens a JSch session that is connected and authenticated, or throws JSch's exception. */
    static Session session(String host, int port, String user, String password) throws JSchException {
        Session session = TestClients.jschSession(host, port, user, password);
        session.connect(TIMEOUT_MILLIS);
        return session;
    }

    private static ChannelSftp openSftp(Session session) throws JSchException {
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(TIMEOUT_MILLIS);
            return sftp;
        } catch (JSchException e) {
            session.disconnect();
            throw e;
        }
    }

    /** The JSch session. */
    Session session() {
        return session;
    }

    /** The JSch channel, for what {@link InteropClient} does not cover. */
    ChannelSftp sftp() {
        return sftp;
    }

    @Override
    public ClientKind kind() {
        return ClientKind.JSCH;
    }

    @Override
    public void upload(String path, byte[] content) {
        call(() -> {
            sftp.put(new ByteArrayInputStream(content), path);
            return null;
        });
    }

    @Override
    public byte[] download(String path) {
        return call(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sftp.get(path, out);
            return out.toByteArray();
        });
    }

    @Override
    public List<String> list(String directory) {
        return call(() -> {
            List<String> names = new ArrayList<>();
            for (ChannelSftp.LsEntry entry : sftp.ls(directory)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    names.add(entry.getFilename());
                }
            }
            return names;
        });
    }

    @Override
    public void mkdir(String path) {
        call(() -> {
            sftp.mkdir(path);
            return null;
        });
    }

    @Override
    public void rename(String from, String to) {
        call(() -> {
            sftp.rename(from, to);
            return null;
        });
    }

    @Override
    public void remove(String path) {
        call(() -> {
            sftp.rm(path);
            return null;
        });
    }

    @Override
    public void rmdir(String path) {
        call(() -> {
            sftp.rmdir(path);
            return null;
        });
    }

    @Override
    public Attributes stat(String path) {
        return call(() -> attributes(sftp.stat(path)));
    }

    @Override
    public Attributes lstat(String path) {
        return call(() -> attributes(sftp.lstat(path)));
    }

    private static Attributes attributes(SftpATTRS a) {
        return new Attributes(a.getSize(), a.getPermissions() & 07777, a.isDir(), a.isLink(), a.getMTime());
    }

    @Override
    public void chmod(String path, int permissions) {
        call(() -> {
            sftp.chmod(permissions, path);
            return null;
        });
    }

    @Override
    public void symlink(String target, String link) {
        call(() -> {
            sftp.symlink(target, link);
            return null;
        });
    }

    @Override
    public String readlink(String path) {
        return call(() -> sftp.readlink(path));
    }

    @Override
    public String realpath(String path) {
        return call(() -> sftp.realpath(path));
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }

    private interface SftpCall<T> {
        T call() throws SftpException;
    }

    private static <T> T call(SftpCall<T> call) {
        try {
            return call.call();
        } catch (SftpException e) {
            throw new StatusException(e.id, e.getMessage(), e);
        }
    }
}
