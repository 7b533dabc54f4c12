package io.sftptest.matrix.jsch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;

import io.sftptest.server.SftpTestServer;

/**
 * What a fake-sftp-server-lambda test becomes here, with the JSch those tests were written for
 * (com.jcraft:jsch 0.1.55), and the server's defaults: docs/MIGRATING.md quotes these tests.
 */
class MigratingFromFakeSftpServerLambdaTest {

    // tag::migrating-lambda[]
    @Test
    void aWithSftpServerLambdaBecomesTryWithResources() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().start()) {   // withSftpServer(server -> { ... })
            server.auth().allUsers().accept();                              // any user name and password, as before
            server.putFile("/in/data.txt", "dummy content", UTF_8);          // putFile
            server.createDirectory("/out");                                  // createDirectory(ies)

            try (JschClient client = JschClient.connect("127.0.0.1", server.port(), "dummy user", "dummy pw")) {
                client.put("/out/result.txt", client.get("/in/data.txt"));
            }

            assertThat(server.fileContent("/out/result.txt", UTF_8)).isEqualTo("dummy content"); // getFileContent
            assertThat(server.isFile("/out/result.txt")).isTrue();                               // existsFile
            server.deleteAllFiles();                                                  // deleteAllFilesAndDirectories
            assertThat(server.isFile("/out/result.txt")).isFalse();
        }
    }
    // end::migrating-lambda[]

    // tag::migrating-add-user[]
    @Test
    void addUserOnARunningServerAllowsOnlyTheUsersAdded() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            server.auth().allUsers().accept();

            server.auth().allUsers().credentials();              // from now on the credentials decide
            server.addUser("dummy user", "first password")
                    .addUser("dummy user", "second password");    // the last password counts

            JschClient.connect("127.0.0.1", server.port(), "dummy user", "second password").close();
            assertThatThrownBy(() -> JschClient.connect("127.0.0.1", server.port(), "dummy user", "first password"))
                    .isInstanceOf(JSchException.class).hasMessage("Auth fail");
        }
    }
    // end::migrating-add-user[]

    @Test
    void putFileFromAStreamReplacesAFileWhereThePeerThrew() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            server.putFile("/a.txt", new ByteArrayInputStream("one".getBytes(UTF_8)));

            server.putFile("/a.txt", new ByteArrayInputStream("two".getBytes(UTF_8)));

            assertThat(server.fileContent("/a.txt", UTF_8)).isEqualTo("two");
        }
    }

    @Test
    void aClosedServerSaysSoInsteadOfAnsweringWithTheOldPort() {
        SftpTestServer server = SftpTestServer.builder().start();
        server.close();

        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the server is closed (it listened on 127.0.0.1:");
        assertThatThrownBy(() -> server.fileContent("/a.txt")).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the server is closed, and its in-memory files went with it");
    }
}
