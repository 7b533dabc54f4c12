package io.sftptest.samples.personalities;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.Personality;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.schmizz.sshj.sftp.SFTPException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// tag::personality-no-setstat[]
@SftpServerTest(users = "alice:secret", personalities = "no-setstat", directories = "/invoices")
class InvoiceUploaderTest {
    @TempDir
    Path local;

    @Test
    void failsAfterTheFileArrivedWhenItPreservesAttributes(SftpTestServer server) throws IOException {
        Path invoice = Files.writeString(local.resolve("inv-1.pdf"), "%PDF-1.7 invoice 1");
        InvoiceUploader uploader = new InvoiceUploader(server.host(), server.port(), "alice", "secret", true);

        assertThatThrownBy(() -> uploader.upload(invoice, "/invoices"))
                .isInstanceOf(SFTPException.class)
                .hasMessageContaining(Personality.NO_SETSTAT_MESSAGE);
        // the upload itself worked: only the attribute change after it was refused
        assertThat(server).hasFile("/invoices/inv-1.pdf").hasContent("%PDF-1.7 invoice 1");
        assertThat(server).received(SftpOperation.SETSTAT, SftpOperation.FSETSTAT).path("/invoices/inv-1.pdf")
                .answered(SftpStatus.PERMISSION_DENIED);
    }

    @Test
    void uploadsWithAttributePreservationOff(SftpTestServer server) throws IOException {
        Path invoice = Files.writeString(local.resolve("inv-2.pdf"), "%PDF-1.7 invoice 2");

        new InvoiceUploader(server.host(), server.port(), "alice", "secret", false).upload(invoice, "/invoices");

        assertThat(server).hasFile("/invoices/inv-2.pdf").hasContent("%PDF-1.7 invoice 2");
        assertThat(server).received(SftpOperation.SETSTAT, SftpOperation.FSETSTAT).never();
    }
}
// end::personality-no-setstat[]
