package io.sftptest.matrix.jsch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.SftpTestServer;

/** The JUnit way in from fake-sftp-server-lambda: one server per class, reset before each test. */
// tag::migrating-extension[]
@SftpServerTest(users = "dummy user:dummy password", directories = "/out")
class MigratedToTheExtensionTest {
    @Test
    void uploadsAFile(SftpTestServer server) throws Exception {
        try (JschClient client = JschClient.connect(server.host(), server.port(), "dummy user", "dummy password")) {
            client.put("/out/result.txt", "content".getBytes(UTF_8));
        }

        assertThat(server.fileContent("/out/result.txt", UTF_8)).isEqualTo("content");
    }
}
// end::migrating-extension[]
