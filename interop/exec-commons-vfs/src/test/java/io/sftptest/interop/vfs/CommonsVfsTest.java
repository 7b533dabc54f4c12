package io.sftptest.interop.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.apache.commons.vfs2.FileObject;
import org.apache.commons.vfs2.FileSystemOptions;
import org.apache.commons.vfs2.impl.StandardFileSystemManager;
import org.apache.commons.vfs2.provider.sftp.SftpFileSystem;
import org.apache.commons.vfs2.provider.sftp.SftpFileSystemConfigBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.sftptest.server.HostKey;
import io.sftptest.server.Personality;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;

/**
 * Apache Commons VFS 2 with its default SFTP options: exec detection on, so every new file system first runs
 * {@code id -u} over JSch 0.1.55's exec channel (without want-reply). Each test has a JUnit timeout far below the
 * 10-minute wait that an unanswered exec used to cost.
 */
class CommonsVfsTest {
    private static final String REPORT = "id,total\n1,42\n";

    private final StandardFileSystemManager vfs = new StandardFileSystemManager();
    private SftpTestServer server;

    @BeforeEach
    void initVfs() throws IOException {
        vfs.init();
    }

    @AfterEach
    void close() {
        vfs.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void createsAFileSystemAndRoundTripsAFileWithExecDetectionOn() throws IOException {
        start(SftpTestServer.builder());

        FileObject report = resolve("/out/report.csv");
        write(report);

        SftpFileSystem fileSystem = (SftpFileSystem) report.getFileSystem();
        assertThat(fileSystem.isExecDisabled()).isFalse();
        assertThat(new String(resolve("/out/report.csv").getContent().getByteArray(), StandardCharsets.UTF_8))
                .isEqualTo(REPORT);
        // its permission checks compare the uid and groups from id -u / id -G with what stat reports
        assertThat(report.isWriteable()).isTrue();
        assertThat(report.isReadable()).isTrue();
        assertThat(server.fileContent("/out/report.csv", StandardCharsets.UTF_8)).isEqualTo(REPORT);
        assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.EXEC)))
                .extracting(RecordedRequest::command).contains("id -u", "id -G");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void fallsBackCleanlyWhenTheServerRefusesExec() throws IOException {
        start(SftpTestServer.builder().personality(Personality.NO_EXEC));

        FileObject report = resolve("/out/report.csv");
        write(report);

        assertThat(((SftpFileSystem) report.getFileSystem()).isExecDisabled()).isTrue();
        assertThat(new String(resolve("/out/report.csv").getContent().getByteArray(), StandardCharsets.UTF_8))
                .isEqualTo(REPORT);
        assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.EXEC)))
                .extracting(RecordedRequest::status).containsExactly(SftpStatus.OP_UNSUPPORTED);
    }

    private void start(SftpTestServer.Builder builder) {
        // JSch 0.1.55 knows neither Ed25519 host keys nor rsa-sha2 signatures
        server = builder.user("alice", "secret").hostKey(HostKey.generate("ecdsa-sha2-nistp256")).directory("/out")
                .start();
    }

    private FileObject resolve(String path) throws IOException {
        FileSystemOptions options = new FileSystemOptions();
        SftpFileSystemConfigBuilder.getInstance().setStrictHostKeyChecking(options, "no");
        SftpFileSystemConfigBuilder.getInstance().setUserDirIsRoot(options, false);
        return vfs.resolveFile("sftp://alice:secret@" + server.host() + ":" + server.port() + path, options);
    }

    private static void write(FileObject file) throws IOException {
        try (OutputStream out = file.getContent().getOutputStream()) {
            out.write(REPORT.getBytes(StandardCharsets.UTF_8));
        }
    }
}
