package io.sftptest.samples.state;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;

/**
 * Code under test: downloads a file that another party may still be writing, with sshj. It takes the file only
 * when two listings {@code interval} apart show the same size and modification time, the rule of Camel's
 * {@code readLock=changed}; a download on sight may get half a file.
 *
 * <pre>{@code
 * byte[] export = new StableFilePoller("sftp.example.com", 22, "alice", "secret", Duration.ofSeconds(5))
 *         .downloadWhenStable("/out/export.csv", Duration.ofMinutes(10));
 * }</pre>
 */
public final class StableFilePoller {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Duration interval;

    /**
     * Creates a poller.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param interval the time between two listings that must agree
     */
    public StableFilePoller(String host, int port, String user, String password, Duration interval) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.interval = interval;
    }

    /**
     * Downloads a file at once, whatever state it is in: what a poller without a read lock does.
     *
     * @param path the remote file
     * @return its content now
     * @throws IOException when the connection or the download fails
     */
    public byte[] downloadNow(String path) throws IOException {
        try (SSHClient ssh = connect(); SFTPClient sftp = ssh.newSFTPClient()) {
            return download(sftp, path);
        }
    }

    // tag::state-growing-file[]
    /**
     * Waits until a file stops changing, then downloads it.
     *
     * @param path the remote file
     * @param timeout how long to wait for it to become stable
     * @return the complete content
     * @throws IOException when the file did not settle within the timeout, or the connection failed
     * @throws InterruptedException when interrupted while waiting
     */
    public byte[] downloadWhenStable(String path, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SSHClient ssh = connect(); SFTPClient sftp = ssh.newSFTPClient()) {
            FileAttributes previous = sftp.stat(path);
            while (System.nanoTime() < deadline) {
                Thread.sleep(interval.toMillis());
                FileAttributes current = sftp.stat(path);
                if (current.getSize() == previous.getSize() && current.getMtime() == previous.getMtime()) {
                    return download(sftp, path);
                }
                previous = current;
            }
        }
        throw new IOException(path + " was still changing after " + timeout);
    }
    // end::state-growing-file[]

    private SSHClient connect() throws IOException {
        SSHClient ssh = new SSHClient();
        // a sample: production code would check the host key against known_hosts
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        try {
            ssh.connect(host, port);
            ssh.authPassword(user, password);
            return ssh;
        } catch (IOException e) {
            ssh.close();
            throw e;
        }
    }

    private static byte[] download(SFTPClient sftp, String path) throws IOException {
        try (RemoteFile file = sftp.open(path); InputStream in = file.new RemoteFileInputStream();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
