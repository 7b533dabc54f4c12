package io.sftptest.samples.camel;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.SftpTestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// tag::camel[]
@SftpServerTest(users = "alice:secret", directories = "/inbox")
class InboxRouteTest {
    @TempDir
    Path local;

    @Test
    void copiesInboxFilesAndMovesThemToDone(SftpTestServer server) throws Exception {
        server.putFile("/inbox/a.csv", "1").putFile("/inbox/b.csv", "2");
        String inbox = "sftp://alice@" + server.host() + ":" + server.port() + "/inbox?password=secret";

        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new InboxRoute(inbox, local));
            NotifyBuilder twoFiles = new NotifyBuilder(camel).whenCompleted(2).create();
            camel.start();

            assertThat(twoFiles.matches(20, TimeUnit.SECONDS)).as("two files routed").isTrue();
        }
        assertThat(local.resolve("a.csv")).hasContent("1");
        assertThat(local.resolve("b.csv")).hasContent("2");
        assertThat(server).hasDirectory("/inbox/.done").containsExactlyFiles("a.csv", "b.csv");
        assertThat(server).downloaded("/inbox/a.csv").downloaded("/inbox/b.csv");
    }
}
// end::camel[]
