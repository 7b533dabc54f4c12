package io.sftptest.samples.mina;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Code under test: with the Apache MINA SSHD client, lists the {@code .csv} files in an inbox directory and
 * moves each one into an archive directory.
 *
 * <pre>{@code
 * try (InboxArchiver archiver = new InboxArchiver("sftp.example.com", 22, "alice", "secret")) {
 *     List<String> moved = archiver.archive("/inbox", "/archive");
 * }
 * }</pre>
 */
public final class InboxArchiver implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SshClient client;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    /**
     * Creates an archiver and starts its SSH client.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     */
    public InboxArchiver(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        client = SshClient.setUpDefaultClient();
        // a sample: production code would verify the host key (KnownHostsServerKeyVerifier)
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
    }

    /**
     * Moves every {@code *.csv} file of {@code inbox} into {@code archive}, in name order.
     *
     * @param inbox the directory to empty
     * @param archive the directory to move the files into (must exist)
     * @return the names of the files moved
     * @throws IOException when listing or a move fails
     */
    public List<String> archive(String inbox, String archive) throws IOException {
        try (ClientSession session = client.connect(user, host, port).verify(TIMEOUT).getSession()) {
            session.addPasswordIdentity(password);
            session.auth().verify(TIMEOUT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                List<String> names = new ArrayList<>();
                for (SftpClient.DirEntry entry : sftp.readDir(inbox)) {
                    if (entry.getAttributes().isRegularFile() && entry.getFilename().endsWith(".csv")) {
                        names.add(entry.getFilename());
                    }
                }
                names.sort(null);
                for (String name : names) {
                    sftp.rename(inbox + "/" + name, archive + "/" + name);
                }
                return names;
            }
        }
    }

    /** Stops the SSH client. */
    @Override
    public void close() {
        client.stop();
    }
}
