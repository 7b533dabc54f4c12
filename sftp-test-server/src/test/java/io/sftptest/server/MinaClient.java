package io.sftptest.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/** Apache MINA SSHD's own SFTP client behind {@link InteropClient}. */
final class MinaClient implements InteropClient {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;

    private MinaClient(SshClient client, ClientSession session, SftpClient sftp) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
    }

    static MinaClient connect(String host, int port, String user, String password) {
        return open(host, port, user, session -> session.addPasswordIdentity(password));
    }

    static MinaClient connect(String host, int port, String user, KeyPair key) {
        return open(host, port, user, session -> session.addPublicKeyIdentity(key));
    }

    private static MinaClient open(String host, int port, String user,
            java.util.function.Consumer<ClientSession> identity) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(user, host, port).verify(TIMEOUT).getSession();
            identity.accept(session);
            session.auth().verify(TIMEOUT);
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            return new MinaClient(client, session, sftp);
        } catch (IOException | RuntimeException e) {
            if (session != null) {
                session.close(true);
            }
            client.stop();
            throw e instanceof IOException io ? new UncheckedIOException("MINA client: " + e.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    /** The MINA SFTP client, for what {@link InteropClient} does not cover. */
    SftpClient sftp() {
        return sftp;
    }

    /** The SSH session. */
    ClientSession session() {
        return session;
    }

    @Override
    public ClientKind kind() {
        return ClientKind.MINA;
    }

    @Override
    public void upload(String path, byte[] content) {
        call(() -> {
            try (OutputStream out = sftp.write(path)) {
                out.write(content);
            }
            return null;
        });
    }

    @Override
    public byte[] download(String path) {
        return call(() -> {
            try (InputStream in = sftp.read(path)) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public List<String> list(String directory) {
        return call(() -> {
            List<String> names = new ArrayList<>();
            for (SftpClient.DirEntry entry : sftp.readDir(directory)) {
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
            sftp.remove(path);
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

    private static Attributes attributes(SftpClient.Attributes a) {
        return new Attributes(a.getSize(), a.getPermissions() & 07777, a.isDirectory(), a.isSymbolicLink(),
                a.getModifyTime() == null ? 0 : a.getModifyTime().to(java.util.concurrent.TimeUnit.SECONDS));
    }

    @Override
    public void chmod(String path, int permissions) {
        call(() -> {
            sftp.setStat(path, new SftpClient.Attributes().perms(permissions));
            return null;
        });
    }

    @Override
    public void symlink(String target, String link) {
        call(() -> {
            sftp.symLink(link, target);
            return null;
        });
    }

    @Override
    public String readlink(String path) {
        return call(() -> sftp.readLink(path));
    }

    @Override
    public String realpath(String path) {
        return call(() -> sftp.canonicalPath(path));
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // the connection may already be gone, e.g. after server.disconnect(id)
        }
        session.close(true);
        client.stop();
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T call(IoCall<T> call) {
        try {
            return call.call();
        } catch (SftpException e) {
            throw new StatusException(e.getStatus(), e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // readDir() iterates lazily and wraps the status in an UncheckedIOException
            if (e.getCause() instanceof SftpException status) {
                throw new StatusException(status.getStatus(), status.getMessage(), e);
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
