package io.sftptest.samples.state;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Code under test: with the Apache MINA SSHD client, removes the files of a directory that nobody collected
 * within a maximum age, by their modification time on the server and the application's own clock.
 *
 * <pre>{@code
 * List<String> removed = new StaleFileSweeper("sftp.example.com", 22, "alice", "secret", Clock.systemUTC())
 *         .sweep("/outbox", Duration.ofHours(1));
 * }</pre>
 */
public final class StaleFileSweeper {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Clock clock;

    /**
     * Creates a sweeper.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param clock the application's clock, which "now" comes from
     */
    public StaleFileSweeper(String host, int port, String user, String password, Clock clock) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.clock = clock;
    }

    // tag::state-clock[]
    /**
     * Removes the regular files of a directory last modified more than {@code maxAge} ago.
     *
     * @param directory the remote directory
     * @param maxAge how old a file may get
     * @return the names removed
     * @throws IOException when the connection, the listing or a removal fails
     */
    public List<String> sweep(String directory, Duration maxAge) throws IOException {
        Instant cutoff = clock.instant().minus(maxAge);
        List<String> removed = new ArrayList<>();
        try (SshClient client = SshClient.setUpDefaultClient()) {
            // a sample: production code would check the host key against known_hosts
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(user, host, port).verify(TIMEOUT).getSession()) {
                session.addPasswordIdentity(password);
                session.auth().verify(TIMEOUT);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                    for (SftpClient.DirEntry entry : sftp.readDir(directory)) {
                        SftpClient.Attributes attributes = entry.getAttributes();
                        if (attributes.isRegularFile()
                                && attributes.getModifyTime().toInstant().isBefore(cutoff)) {
                            sftp.remove(directory + "/" + entry.getFilename());
                            removed.add(entry.getFilename());
                        }
                    }
                }
            }
        }
        return removed;
    }
    // end::state-clock[]
}
