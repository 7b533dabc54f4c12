package io.sftptest.assertj;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

class ServerAssertTest {
    private SftpTestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = SftpTestServer.builder().build();
        server.putFile("/out/a.csv", "id,name\n1,alice\n");
        server.putFile("/out/b.csv", "");
        server.putFile("/out/latin1.txt", "café", StandardCharsets.ISO_8859_1);
        server.createDirectory("/out/archive");
        Files.setPosixFilePermissions(server.path("/out/a.csv"), PosixFilePermissions.fromString("rw-r-----"));
    }

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void fileAssertionsPassOnAMatchingFile() {
        assertThatCode(() -> assertThat(server).hasFile("/out/a.csv")
                .hasContent("id,name\n1,alice\n")
                .hasBinaryContent("id,name\n1,alice\n".getBytes(StandardCharsets.UTF_8))
                .hasLines("id,name", "1,alice")
                .hasSize(16)
                .hasPermissions("rw-r-----")
                .hasContentSatisfying(csv -> org.assertj.core.api.Assertions.assertThat(csv).startsWith("id,")))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(server).hasFile("/out/b.csv").isEmpty()).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(server).hasFile("/out/latin1.txt")
                .hasContent("café", StandardCharsets.ISO_8859_1)).doesNotThrowAnyException();
        assertThatCode(() -> assertThat(server).hasNoFile("/out/c.csv").hasNoFile("/in/a.csv"))
                .doesNotThrowAnyException();
    }

    @Test
    void hasFileFailsShowingWhatTheDirectoryHolds() {
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/A.csv"))
                .hasMessage("\nExpecting server to have file:\n"
                        + "  /out/A.csv\n"
                        + "but it has no such file; in \"/out\": [a.csv, archive, b.csv, latin1.txt]");
        assertThatThrownBy(() -> assertThat(server).hasFile("/in/a.csv"))
                .hasMessage("\nExpecting server to have file:\n"
                        + "  /in/a.csv\n"
                        + "but it has no such file; there is no directory \"/in\" either");
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/archive"))
                .hasMessage("\nExpecting server to have file:\n  /out/archive\nbut it is a directory");
    }

    @Test
    void hasContentFailsShowingBothTexts() {
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/a.csv").hasContent("id;name\n1;alice\n"))
                .hasMessage("\nExpecting file /out/a.csv to have content:\n"
                        + "  \"id;name\\n1;alice\\n\"\n"
                        + "but it had:\n"
                        + "  \"id,name\\n1,alice\\n\"");
    }

    @Test
    void otherFileAssertionsFailWithTheirMessages() {
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/a.csv").hasSize(3))
                .hasMessage("\nExpecting file /out/a.csv to have size:\n  3\nbut it has:\n  16");
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/a.csv").hasLines("id,name"))
                .hasMessage("\nExpecting file /out/a.csv to have lines:\n  [id,name]\nbut it had:\n  [id,name, 1,alice]");
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/a.csv").hasPermissions("rw-r--r--"))
                .hasMessage("\nExpecting file /out/a.csv to have permissions:\n  rw-r--r--\nbut it has:\n  rw-r-----");
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/a.csv").isEmpty())
                .hasMessage("\nExpecting file /out/a.csv to be empty, but it has 16 bytes");
        assertThatThrownBy(() -> assertThat(server).hasFile("/out/a.csv").hasBinaryContent(new byte[] {'i', 'd', ';'}))
                .hasMessage("\nExpecting file /out/a.csv to have 3 bytes of expected content, but it has 16 bytes "
                        + "differing from byte 2");
        assertThatThrownBy(() -> assertThat(server).hasNoFile("/out/a.csv"))
                .hasMessage("\nExpecting server to have no file:\n  /out/a.csv\nbut it has a file there of 16 bytes");
        assertThatThrownBy(() -> assertThat(server).hasNoFile("/out/archive"))
                .hasMessage("\nExpecting server to have no file:\n  /out/archive\nbut it has a directory there");
    }

    @Test
    void directoryAssertionsCheckTheListing() {
        assertThatCode(() -> assertThat(server).hasDirectory("/out")
                .containsExactlyFiles("latin1.txt", "a.csv", "b.csv", "archive")
                .containsFiles("a.csv")
                .containsFileMatching("*.csv")
                .containsFileMatching("{archive,x}"))
                .doesNotThrowAnyException();
        assertThatCode(() -> assertThat(server).hasDirectory("/out/archive").isEmpty()).doesNotThrowAnyException();
    }

    @Test
    void directoryAssertionsFailShowingTheListing() {
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/out").containsExactlyFiles("a.csv", "c.csv"))
                .hasMessage("\nExpecting directory /out to contain exactly:\n"
                        + "  [a.csv, c.csv]\n"
                        + "but it contains:\n"
                        + "  [a.csv, archive, b.csv, latin1.txt]\n"
                        + "missing:\n"
                        + "  [c.csv]\n"
                        + "unexpected:\n"
                        + "  [archive, b.csv, latin1.txt]");
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/out").containsFiles("c.csv"))
                .hasMessage("\nExpecting directory /out to contain:\n  [c.csv]\n"
                        + "but it contains:\n  [a.csv, archive, b.csv, latin1.txt]");
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/out").containsOnlyFilesMatching("*.csv"))
                .hasMessage("\nExpecting every entry of directory /out to match:\n  *.csv\n"
                        + "but these do not:\n  [archive, latin1.txt]");
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/out").containsFileMatching("*.json"))
                .hasMessage("\nExpecting directory /out to contain an entry matching:\n  *.json\n"
                        + "but it contains:\n  [a.csv, archive, b.csv, latin1.txt]");
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/out").isEmpty())
                .hasMessage("\nExpecting directory /out to be empty, but it contains:\n"
                        + "  [a.csv, archive, b.csv, latin1.txt]");
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/Out"))
                .hasMessage("\nExpecting server to have directory:\n  /Out\n"
                        + "but it has no such directory; in \"/\": [out]");
        assertThatThrownBy(() -> assertThat(server).hasDirectory("/out/a.csv"))
                .hasMessage("\nExpecting server to have directory:\n  /out/a.csv\nbut it is not a directory");
    }

    @Test
    void navigationKeepsTheDescription() {
        assertThatThrownBy(() -> assertThat(server).as("report").hasFile("/out/a.csv").hasSize(1))
                .hasMessageStartingWith("[report] \nExpecting file /out/a.csv to have size:");
    }

    @Test
    void fileAndDirectoryAssertionsReturnToTheServerAssertion() {
        SftpServerAssert serverAssert = assertThat(server).as("report");

        org.assertj.core.api.Assertions.assertThat(serverAssert.hasFile("/out/a.csv").hasSize(16).returnToServer())
                .isSameAs(serverAssert);
        org.assertj.core.api.Assertions.assertThat(serverAssert.hasDirectory("/out").containsFiles("a.csv")
                .returnToServer()).isSameAs(serverAssert);
        assertThatThrownBy(() -> assertThat(server).as("report").hasFile("/out/a.csv").returnToServer()
                .hasDirectory("/out").returnToServer().hasNoFile("/out/b.csv"))
                .hasMessageStartingWith("[report] \nExpecting server to have no file:\n  /out/b.csv");
    }

    @Test
    void aFileAssertionMadeWithItsConstructorReturnsToANewServerAssertion() {
        assertThatThrownBy(() -> new ServerFileAssert(new ServerPath(server, "/out/a.csv")).returnToServer()
                .hasNoFile("/out/a.csv")).hasMessageStartingWith("\nExpecting server to have no file:\n  /out/a.csv");
    }
}
