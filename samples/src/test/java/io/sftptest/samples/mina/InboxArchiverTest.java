package io.sftptest.samples.mina;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftptest.junit.SftpServerExtension;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// tag::mina-archive[]
class InboxArchiverTest {
    @RegisterExtension
    static SftpServerExtension sftp = new SftpServerExtension(SftpTestServer.builder()
            .user("alice", "secret")
            .directory("/inbox")
            .directory("/archive"));

    @Test
    void movesTheCsvFilesToTheArchive(SftpTestServer server) throws Exception {
        server.putFile("/inbox/b.csv", "2").putFile("/inbox/a.csv", "1").putFile("/inbox/readme.txt", "keep me");

        List<String> moved;
        try (InboxArchiver archiver = new InboxArchiver(server.host(), server.port(), "alice", "secret")) {
            moved = archiver.archive("/inbox", "/archive");
        }

        assertThat(moved).containsExactly("a.csv", "b.csv");
        assertThat(server).hasDirectory("/inbox").containsExactlyFiles("readme.txt");
        assertThat(server).hasDirectory("/archive").containsExactlyFiles("a.csv", "b.csv");
        assertThat(server).received(SftpOperation.RENAME).times(2)
                .received(SftpOperation.READ, SftpOperation.WRITE).never();
    }
}
// end::mina-archive[]
