package io.sftptest.samples.personalities;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;

/**
 * Code under test: publishes a file with JSch so that readers never see half of it: it uploads to
 * {@code <name>.part} and renames that onto the final name. Renaming onto an existing name replaces it only on
 * servers with OpenSSH's {@code posix-rename@openssh.com}; plain SFTP v3 servers refuse it, so to publish the same
 * name again there, set {@code removeExisting} (the old file is gone for a moment).
 *
 * <pre>{@code
 * new AtomicPublisher("sftp.example.com", 22, "alice", "secret", true).publish("/outbox/prices.csv", bytes);
 * }</pre>
 */
public final class AtomicPublisher {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean removeExisting;

    /**
     * Creates a publisher.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param removeExisting whether to remove an existing file of the final name before the rename
     */
    public AtomicPublisher(String host, int port, String user, String password, boolean removeExisting) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.removeExisting = removeExisting;
    }

    /**
     * Uploads the content to {@code remotePath + ".part"}, then renames it to {@code remotePath}.
     *
     * @param remotePath the final name, e.g. {@code /outbox/prices.csv}
     * @param content the file's content
     * @throws JSchException when the connection fails
     * @throws SftpException when the upload, the removal or the rename fails
     */
    public void publish(String remotePath, byte[] content) throws JSchException, SftpException {
        String partPath = remotePath + ".part";
        Session session = new JSch().getSession(user, host, port);
        session.setPassword(password);
        // a sample: production code would check the host key against known_hosts
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            try {
                sftp.put(new ByteArrayInputStream(content), partPath);
                if (removeExisting && exists(sftp, remotePath)) {
                    sftp.rm(remotePath);
                }
                sftp.rename(partPath, remotePath);
            } finally {
                sftp.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }

    private static boolean exists(ChannelSftp sftp, String path) throws SftpException {
        try {
            sftp.lstat(path);
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }
}
