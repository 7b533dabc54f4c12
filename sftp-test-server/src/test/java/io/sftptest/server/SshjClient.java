package io.sftptest.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/** sshj behind {@link InteropClient}. */
final class SshjClient implements InteropClient {
    private final SSHClient ssh;
    private final SFTPClient sftp;

    private SshjClient(SSHClient ssh, SFTPClient sftp) {
        this.ssh = ssh;
        this.sftp = sftp;
    }

    static SshjClient connect(String host, int port, String user, String password) {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        ssh.setConnectTimeout(20_000);
        ssh.setTimeout(20_000);
        try {
            ssh.connect(host, port);
            ssh.authPassword(user, password);
            return new SshjClient(ssh, ssh.newSFTPClient());
        } catch (IOException e) {
            closeQuietly(ssh);
            throw new UncheckedIOException("sshj: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    /** The sshj SFTP client, for what {@link InteropClient} does not cover. */
    SFTPClient sftp() {
        return sftp;
    }

    @Override
    public ClientKind kind() {
        return ClientKind.SSHJ;
    }

    @Override
    public void upload(String path, byte[] content) {
        call(() -> {
            // in 32 KiB writes, 16 in flight, as sshj's own file transfer sends them: the stream sends each
            // write() as one SFTP request, and one of the whole file would exceed any server's packet limit
            try (RemoteFile file = sftp.open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC));
                    OutputStream out = file.new RemoteFileOutputStream(0, 16)) {
                for (int offset = 0; offset < content.length; offset += 32 * 1024) {
                    out.write(content, offset, Math.min(32 * 1024, content.length - offset));
                }
            }
            return null;
        });
    }

    @Override
    public byte[] download(String path) {
        return call(() -> {
            try (RemoteFile file = sftp.open(path); InputStream in = file.new RemoteFileInputStream()) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public List<String> list(String directory) {
        return call(() -> {
            List<String> names = new ArrayList<>();
            for (RemoteResourceInfo entry : sftp.ls(directory)) {
                names.add(entry.getName());
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

    private static Attributes attributes(FileAttributes a) {
        return new Attributes(a.getSize(), a.getMode().getPermissionsMask() & 07777,
                a.getType() == FileMode.Type.DIRECTORY, a.getType() == FileMode.Type.SYMLINK, a.getMtime());
    }

    @Override
    public void chmod(String path, int permissions) {
        call(() -> {
            sftp.chmod(path, permissions);
            return null;
        });
    }

    @Override
    public void symlink(String target, String link) {
        call(() -> {
            // sshj sends SSH_FXP_SYMLINK in the draft's order (linkpath, targetpath); OpenSSH's
            // sftp-server, and so every client written against it and this server, reads them the
            // other way round (sshj issue #144). Swapped here, the call means what it does on OpenSSH.
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
        return call(() -> sftp.canonicalize(path));
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // the connection may already be gone
        }
        closeQuietly(ssh);
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T call(IoCall<T> call) {
        try {
            return call.call();
        } catch (SFTPException e) {
            throw new StatusException(e.getStatusCode().getCode(), e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
