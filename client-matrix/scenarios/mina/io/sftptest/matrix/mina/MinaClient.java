package io.sftptest.matrix.mina;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.apache.sshd.sftp.common.SftpException;

import io.sftptest.matrix.MatrixClient;

/**
 * MINA SSHD's {@code SftpClient}, as Spring Integration and Camel use it: default settings (it negotiates the
 * highest SFTP version both sides know), except that a test server's host key is not checked.
 */
final class MinaClient implements MatrixClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;

    private MinaClient(SshClient client, ClientSession session, SftpClient sftp) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
    }

    static MinaClient connect(String host, int port, String user, String password, SftpVersionSelector version)
            throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        ClientSession session = client.connect(user, host, port).verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return new MinaClient(client, session, SftpClientFactory.instance().createSftpClient(session, version));
    }

    @Override
    public void put(String path, byte[] content) throws Exception {
        try (OutputStream out = sftp.write(path)) {
            out.write(content);
        }
    }

    @Override
    public byte[] get(String path) throws Exception {
        try (InputStream in = sftp.read(path)) {
            return in.readAllBytes();
        }
    }

    @Override
    public List<String> list(String directory) throws Exception {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(directory)) {
            if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                names.add(entry.getFilename());
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
        sftp.remove(path);
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
            return sftpFailure.getStatus();
        }
        throw new AssertionError("not an SFTP status: " + failure, failure);
    }

    @Override
    public int sftpVersion() {
        return sftp.getVersion();
    }

    @Override
    public void close() throws Exception {
        sftp.close();
        session.close();
        client.stop();
    }
}
