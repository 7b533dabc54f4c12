package io.sftptest.samples.spring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.springframework.integration.file.FileHeaders;
import org.springframework.integration.sftp.session.SftpRemoteFileTemplate;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Code under test: publishes reports to the partner's SFTP {@code /out} directory through Spring Integration's
 * {@link SftpRemoteFileTemplate} (which writes {@code name.writing} and renames it when complete).
 * Wired by {@link ReportPublisherConfig}.
 */
public class ReportPublisher {
    private final SftpRemoteFileTemplate template;

    /**
     * Creates a publisher.
     *
     * @param template the template, its remote directory set
     */
    public ReportPublisher(SftpRemoteFileTemplate template) {
        this.template = template;
    }

    /**
     * Uploads one report.
     *
     * @param fileName the remote file name, e.g. {@code report.csv}
     * @param csv the report
     * @return the remote path written
     */
    public String publish(String fileName, String csv) {
        return template.send(MessageBuilder.withPayload(csv.getBytes(StandardCharsets.UTF_8))
                .setHeader(FileHeaders.FILENAME, fileName)
                .build());
    }

    /**
     * Lists the remote directory's reports.
     *
     * @param directory the directory
     * @return the entries' names
     */
    public List<String> list(String directory) {
        return Arrays.stream(template.list(directory)).map(SftpClient.DirEntry::getFilename)
                .filter(name -> !name.startsWith(".")).sorted().toList();
    }
}
