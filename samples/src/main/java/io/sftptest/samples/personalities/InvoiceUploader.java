package io.sftptest.samples.personalities;

import java.io.IOException;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPFileTransfer;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * Code under test: uploads invoice files with sshj, optionally keeping their local modification time and
 * permissions (sshj's default). Servers that refuse attribute changes, as managed cloud SFTP services do, need
 * {@code preserveAttributes = false}.
 *
 * <pre>{@code
 * new InvoiceUploader("sftp.example.com", 22, "alice", "secret", false).upload(Path.of("inv-1.pdf"), "/invoices");
 * }</pre>
 */
public final class InvoiceUploader {
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean preserveAttributes;

    /**
     * Creates an uploader.
     *
     * @param host the SFTP host
     * @param port the SFTP port
     * @param user the user
     * @param password the password
     * @param preserveAttributes whether to copy the local modification time and permissions to the uploaded file
     */
    public InvoiceUploader(String host, int port, String user, String password, boolean preserveAttributes) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.preserveAttributes = preserveAttributes;
    }

    /**
     * Uploads one invoice into a remote directory, under its local file name.
     *
     * @param invoice the local file
     * @param remoteDirectory the directory to put it in, e.g. {@code /invoices}
     * @return the remote path of the uploaded invoice
     * @throws IOException when the connection, the upload or (with attribute preservation) the attribute change
     *         fails
     */
    public String upload(Path invoice, String remoteDirectory) throws IOException {
        String remotePath = remoteDirectory + "/" + invoice.getFileName();
        try (SSHClient ssh = new SSHClient()) {
            // a sample: production code would check the host key against known_hosts
            ssh.addHostKeyVerifier(new PromiscuousVerifier());
            ssh.connect(host, port);
            ssh.authPassword(user, password);
            try (SFTPClient sftp = ssh.newSFTPClient()) {
                SFTPFileTransfer transfer = sftp.getFileTransfer();
                transfer.setPreserveAttributes(preserveAttributes);
                transfer.upload(new FileSystemFile(invoice.toFile()), remotePath);
            }
        }
        return remotePath;
    }
}
