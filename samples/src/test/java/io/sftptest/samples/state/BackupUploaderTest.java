package io.sftptest.samples.state;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

// tag::state-full-disk-test[]
@SftpServerTest(users = "alice:secret", directories = "/backups", diskCapacity = "1MiB")
class BackupUploaderTest {
    private static final byte[] BACKUP = new byte[600 * 1024];

    @Test
    void failsBeforeSendingAnythingWhenTheServerSaysTheDiskIsTooFull(SftpTestServer server) {
        server.putFile("/backups/yesterday.dump", new byte[512 * 1024]); // 512 KiB of 1 MiB left
        BackupUploader uploader = new BackupUploader(server.host(), server.port(), "alice", "secret", true);

        assertThatThrownBy(() -> uploader.upload("/backups/today.dump", BACKUP))
                .isInstanceOf(IOException.class).hasMessageContaining("not enough space");
        assertThat(server).received(SftpOperation.WRITE).never();
    }

    @Test
    void removesThePartialFileWhenTheDiskFillsUpDuringTheUpload(SftpTestServer server) {
        server.putFile("/backups/yesterday.dump", new byte[512 * 1024]);
        BackupUploader uploader = new BackupUploader(server.host(), server.port(), "alice", "secret", false);

        assertThatThrownBy(() -> uploader.upload("/backups/today.dump", BACKUP))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left on device");
        assertThat(server).hasNoFile("/backups/today.dump.part").hasNoFile("/backups/today.dump");
        assertThat(server).hasFile("/backups/yesterday.dump");
    }
}
// end::state-full-disk-test[]
