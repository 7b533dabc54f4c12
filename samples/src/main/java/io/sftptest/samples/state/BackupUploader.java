package io.sftptest.samples.state;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.SftpStatVFS;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Code under test: uploads a backup with JSch so that a full disk never leaves a truncated backup behind. It
 * asks the server for its free space first ({@code statvfs@openssh.com}, when the server offers it), uploads
 * under a temporary name, renames only a complete upload, and removes the partial file when the upload fails.
 *
 * <pre>{@code
 * new BackupUploader("sftp.example.com", 22, "alice", "secret", true).upload("/backups/db.dump", bytes);
 * }</pre>
 */
public final class BackupUploader {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean checkFreeSpace;

    /**
     * Creates an uploader.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param checkFreeSpace whether to ask the server for its free space before uploading
     */
    public BackupUploader(String host, int port, String user, String password, boolean checkFreeSpace) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.checkFreeSpace = checkFreeSpace;
    }

    /**
     * Uploads a backup.
     *
     * @param remotePath where the complete backup goes, e.g. {@code /backups/db.dump}
     * @param content the backup
     * @throws IOException when the server has too little space (before anything was sent), or the upload failed
     *         (the partial file is removed; the message carries the server's reason)
     */
    public void upload(String remotePath, byte[] content) throws IOException {
        try {
            Session session = new JSch().getSession(user, host, port);
            session.setPassword(password);
            // a sample: production code would check the host key against known_hosts
            session.setConfig("StrictHostKeyChecking", "no");
            session.connect(10_000);
            try {
                upload(session, remotePath, content);
            } finally {
                session.disconnect();
            }
        } catch (JSchException e) {
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    // tag::state-full-disk[]
    private void upload(Session session, String remotePath, byte[] content) throws JSchException, IOException {
        String directory = remotePath.substring(0, Math.max(1, remotePath.lastIndexOf('/')));
        String partial = remotePath + ".part";
        ChannelSftp sftp = open(session);
        try {
            if (checkFreeSpace) {
                long free = freeBytes(sftp, directory);
                if (free >= 0 && free < content.length) {
                    throw new IOException("not enough space for " + remotePath + ": " + content.length
                            + " bytes needed, " + free + " free");
                }
            }
            sftp.put(new ByteArrayInputStream(content), partial);
            sftp.rename(partial, remotePath);
        } catch (SftpException e) {
            // an SFTP v3 server says FAILURE for a full disk: only its message tells why
            removeQuietly(session, partial);
            throw new IOException("upload of " + remotePath + " failed: " + e.getMessage(), e);
        } finally {
            sftp.disconnect();
        }
    }

    /**
     * Removes a partial upload on a channel of its own: after a failed put, JSch's channel may still hold the
     * answers to the writes it had in flight, and would read one of them as the answer to the remove.
     */
    private static void removeQuietly(Session session, String path) throws JSchException {
        ChannelSftp cleanup = open(session);
        try {
            cleanup.rm(path);
        } catch (SftpException alreadyGone) {
            // nothing was created, or the server removed it
        } finally {
            cleanup.disconnect();
        }
    }

    private static ChannelSftp open(Session session) throws JSchException {
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(10_000);
        return sftp;
    }

    /** The bytes the server says are free for us, or -1 when it does not say. */
    private static long freeBytes(ChannelSftp sftp, String directory) {
        try {
            SftpStatVFS vfs = sftp.statVFS(directory);
            return vfs.getAvailForNonRoot() * 1024;
        } catch (SftpException unsupported) {
            return -1;
        }
    }
    // end::state-full-disk[]
}
