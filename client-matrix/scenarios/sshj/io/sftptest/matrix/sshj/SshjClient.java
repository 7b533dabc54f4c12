package io.sftptest.matrix.sshj;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

import io.sftptest.matrix.MatrixClient;

/**
 * sshj, with the calls every release since 0.11 has: default settings, except that a test server's host key is
 * not checked.
 */
final class SshjClient implements MatrixClient {
    /** The highest status code SFTP defines (v6); {@code Response.StatusCode} maps codes but has no getter in 0.11. */
    private static final int HIGHEST_STATUS = 31;

    private final SSHClient ssh;
    private final SFTPClient sftp;

    private SshjClient(SSHClient ssh, SFTPClient sftp) {
        this.ssh = ssh;
        this.sftp = sftp;
    }

    static SshjClient connect(String host, int port, String user, String password) throws Exception {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        ssh.connect(host, port);
        ssh.authPassword(user, password);
        return new SshjClient(ssh, ssh.newSFTPClient());
    }

    @Override
    public void put(String path, byte[] content) throws Exception {
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC))) {
            file.write(0, content, 0, content.length);
        }
    }

    @Override
    public byte[] get(String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.READ))) {
            byte[] buffer = new byte[32 * 1024];
            long offset = 0;
            for (int read = file.read(offset, buffer, 0, buffer.length); read > 0;
                    read = file.read(offset, buffer, 0, buffer.length)) {
                out.write(buffer, 0, read);
                offset += read;
            }
        }
        return out.toByteArray();
    }

    @Override
    public List<String> list(String directory) throws Exception {
        List<String> names = new ArrayList<>();
        for (RemoteResourceInfo entry : sftp.ls(directory)) {
            names.add(entry.getName());
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
        if (failure instanceof SFTPException sftpFailure) {
            Response.StatusCode status = sftpFailure.getStatusCode();
            for (int code = 0; code <= HIGHEST_STATUS; code++) {
                if (Response.StatusCode.fromInt(code) == status) {
                    return code;
                }
            }
            throw new AssertionError("status " + status + " has no code", failure);
        }
        throw new AssertionError("not an SFTP status: " + failure, failure);
    }

    @Override
    public int sftpVersion() {
        return sftp.version();
    }

    @Override
    public void close() throws Exception {
        sftp.close();
        ssh.disconnect();
    }
}
