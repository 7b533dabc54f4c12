package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A closed server says so: its address, its files and its live controls fail with a message that points to a new
 * server, never to {@code start()} (a closed server cannot start again).
 */
class ClosedServerTest {
    private static final String NEW_ONE = ": a closed server cannot be started again; build a new one with"
            + " SftpTestServer.builder()";

    @Test
    void itsAddressIsGoneAndTheMessageNamesTheOldOne() {
        SftpTestServer server = SftpTestServer.startDefault();
        int port = server.port();
        server.close();

        String closed = "the server is closed (it listened on 127.0.0.1:" + port + ")" + NEW_ONE;
        for (ThrowingCallable call : List.<ThrowingCallable>of(server::port, server::host, server::uri,
                () -> server.uri("alice"), server::knownHostsLine)) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessage(closed);
        }
        assertThat(server.toString()).isEqualTo("SftpTestServer[closed]");
    }

    @Test
    void itsInMemoryFilesWentWithIt() {
        SftpTestServer server = SftpTestServer.builder().file("/a.txt", "a").start();
        server.close();

        String closed = "the server is closed, and its in-memory files went with it: read them before close()"
                + NEW_ONE;
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> server.fileContent("/a.txt"),
                () -> server.putFile("/b.txt", "b"), () -> server.isFile("/a.txt"), () -> server.exists("/a.txt"),
                () -> server.createDirectory("/d"), server::deleteAllFiles, () -> server.list("/"),
                server::fileSystem)) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessage(closed);
        }
    }

    @Test
    void aRealRootDirectoryIsNamedForItsFiles(@TempDir Path root) {
        SftpTestServer server = SftpTestServer.builder().rootDirectory(root).start();
        server.close();

        assertThatThrownBy(() -> server.fileContent("/a.txt")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the server is closed; its files are still in " + root.toAbsolutePath() + NEW_ONE);
    }

    @Test
    void itsLiveControlsDoNotAskForStart() {
        SftpTestServer server = SftpTestServer.startDefault();
        server.close();

        String closed = "the server is closed" + NEW_ONE;
        for (ThrowingCallable call : List.<ThrowingCallable>of(server::start, server::stopListening,
                server::startListening, server::reset)) {
            assertThatThrownBy(call).isInstanceOf(IllegalStateException.class).hasMessage(closed);
        }
    }

    @Test
    void aServerNotStartedYetAsksForStart() {
        try (SftpTestServer server = SftpTestServer.builder().build()) {
            for (ThrowingCallable call : List.<ThrowingCallable>of(server::port, server::stopListening,
                    server::reset)) {
                assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                        .hasMessage("the server has not been started: call start() first");
            }
        }
    }
}
