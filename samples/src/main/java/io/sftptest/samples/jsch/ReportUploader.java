package io.sftptest.samples.jsch;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Code under test: uploads a report with JSch and tries again when an attempt fails.
 *
 * <pre>{@code
 * new ReportUploader("sftp.example.com", 22, "alice", "secret", 3).upload("/out/report.csv", bytes);
 * }</pre>
 */
public final class ReportUploader {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final int maxAttempts;

    /**
     * Creates an uploader.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param maxAttempts how many times to try an upload, at least 1
     */
    public ReportUploader(String host, int port, String user, String password, int maxAttempts) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Uploads the report, retrying a failed attempt (on a new connection) up to {@code maxAttempts} times.
     *
     * @param remotePath where to put it, e.g. {@code /out/report.csv}
     * @param content the report
     * @return how many attempts it took
     * @throws UncheckedIOException when the last attempt failed too
     */
    public int upload(String remotePath, byte[] content) {
        Exception last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                uploadOnce(remotePath, content);
                return attempt;
            } catch (JSchException | SftpException e) {
                last = e;
            }
        }
        throw new UncheckedIOException(new IOException(
                "upload of " + remotePath + " failed " + maxAttempts + " times, last: " + last, last));
    }

    private void uploadOnce(String remotePath, byte[] content) throws JSchException, SftpException {
        Session session = new JSch().getSession(user, host, port);
        session.setPassword(password);
        // a sample: production code would check the host key against known_hosts
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            try {
                sftp.put(new ByteArrayInputStream(content), remotePath);
            } finally {
                sftp.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }
}
