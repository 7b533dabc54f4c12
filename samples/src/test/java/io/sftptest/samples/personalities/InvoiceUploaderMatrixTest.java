package io.sftptest.samples.personalities;

import static io.sftptest.assertj.SftpAssertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

import io.sftptest.junit.PersonalitySource;
import io.sftptest.server.SftpTestServer;

// tag::personality-matrix[]
class InvoiceUploaderMatrixTest {
    @TempDir
    Path local;

    // one run per server: the table of what it survived is printed and written to target/personality-matrix/
    @ParameterizedTest
    @PersonalitySource(value = {"no-setstat", "setstat-unsupported", "setstat-ignored", "windows-openssh",
            "readdir-single", "extensions-unsupported", "sftp-v3-only+small-reads"}, users = "alice:secret")
    void uploadsTheInvoice(SftpTestServer server) throws IOException {
        server.createDirectory("/invoices");
        Path invoice = Files.writeString(local.resolve("inv-1.pdf"), "%PDF-1.7 invoice 1");

        new InvoiceUploader(server.host(), server.port(), "alice", "secret", false).upload(invoice, "/invoices");

        assertThat(server).hasFile("/invoices/inv-1.pdf").hasContent("%PDF-1.7 invoice 1");
    }
}
// end::personality-matrix[]
