package io.sftptest.samples.sshj;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * Code under test: downloads from an archive server with sshj, a whole directory tree or one big file that
 * survives dropped connections by resuming where the local copy ends.
 *
 * <pre>{@code
 * ArchiveDownloader archive = new ArchiveDownloader("sftp.example.com", 22, "alice", "secret");
 * archive.downloadTree("/archive/2026", Path.of("work/2026"));
 * archive.downloadResuming("/archive/big.bin", Path.of("work/big.bin"), 5);
 * }</pre>
 */
public final class ArchiveDownloader {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Duration timeout;

    /**
     * Creates a downloader that waits up to 30 seconds for each answer of the server.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     */
    public ArchiveDownloader(String host, int port, String user, String password) {
        this(host, port, user, password, Duration.ofSeconds(30));
    }

    /**
     * Creates a downloader.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param timeout how long to wait for each answer of the server before giving up on the connection
     */
    public ArchiveDownloader(String host, int port, String user, String password, Duration timeout) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
    }

    /**
     * Downloads a remote directory and everything below it into a local directory, under its own name:
     * {@code /archive/2026} becomes {@code localDirectory/2026}.
     *
     * @param remoteDirectory e.g. {@code /archive/2026}
     * @param localDirectory where to put it (created when missing)
     * @throws IOException when the download fails
     */
    public void downloadTree(String remoteDirectory, Path localDirectory) throws IOException {
        Files.createDirectories(localDirectory);
        try (SSHClient ssh = connect(); SFTPClient sftp = newSftpClient(ssh)) {
            sftp.getFileTransfer().download(remoteDirectory, new FileSystemFile(localDirectory.toFile()));
        }
    }

    /**
     * Downloads one file, and when the connection drops, reconnects and goes on from the bytes already
     * saved locally (also across calls: a partial local file is continued, not restarted).
     *
     * @param remoteFile the file to fetch
     * @param localFile where to save it
     * @param maxConnections how many connections to try at most
     * @return how many connections it took
     * @throws IOException when the last connection failed too
     */
    public int downloadResuming(String remoteFile, Path localFile, int maxConnections) throws IOException {
        IOException last = null;
        for (int connection = 1; connection <= maxConnections; connection++) {
            try (SSHClient ssh = connect(); SFTPClient sftp = newSftpClient(ssh)) {
                copyFrom(sftp, remoteFile, localFile);
                return connection;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("download of " + remoteFile + " failed on " + maxConnections + " connections", last);
    }

    private static void copyFrom(SFTPClient sftp, String remoteFile, Path localFile) throws IOException {
        long offset = Files.exists(localFile) ? Files.size(localFile) : 0;
        try (RemoteFile remote = sftp.open(remoteFile, EnumSet.of(OpenMode.READ));
                OutputStream out = Files.newOutputStream(localFile, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            byte[] buffer = new byte[32 * 1024];
            int n;
            while ((n = remote.read(offset, buffer, 0, buffer.length)) > 0) {
                out.write(buffer, 0, n);
                offset += n;
            }
        }
    }

    private SFTPClient newSftpClient(SSHClient ssh) throws IOException {
        SFTPClient sftp = ssh.newSFTPClient();
        sftp.getSFTPEngine().setTimeoutMs((int) timeout.toMillis());
        return sftp;
    }

    private SSHClient connect() throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.setConnectTimeout((int) timeout.toMillis());
        // a sample: production code would load known_hosts instead
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
}
