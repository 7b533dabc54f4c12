package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files the server writes over time: pollers see sizes and times change between listings. */
class GrowingFileTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private SftpTestServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aPollerSeesTheSizeAndTheModificationTimeChangeBetweenTwoListings(ClientKind kind) {
        server = SftpTestServer.builder().user("alice", "secret").start();
        server.clock().set(T);
        GrowingFile export = server.growFile("/out/export.csv").start();
        export.append("id,amount\n");
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            InteropClient.Attributes first = client.stat("/out/export.csv");
            server.clock().advance(Duration.ofMinutes(1));
            export.append("1,100\n");
            InteropClient.Attributes second = client.stat("/out/export.csv");
            assertThat(first.size()).isEqualTo(10);
            assertThat(second.size()).isEqualTo(16);
            assertThat(second.modified() - first.modified()).isEqualTo(60);
            export.finish();
            assertThat(new String(client.download("/out/export.csv"), UTF_8)).isEqualTo("id,amount\n1,100\n");
        }
        assertThat(export.state()).isEqualTo(GrowingFile.State.COMPLETE);
    }

    @Test
    void growsAtARateToItsContent() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").start();
        byte[] content = new byte[400_000];
        new java.util.Random(7).nextBytes(content);
        GrowingFile growing;
        try (InteropClient client = ClientKind.SSHJ.connect(server, "alice", "secret")) {
            growing = server.growFile("/out/data.bin").content(content).bytesPerSecond(100_000)
                    .interval(Duration.ofMillis(20)).start();
            Await.await("a listing of a partly written file", () -> {
                long size = client.stat("/out/data.bin").size();
                return size > 0 && size < content.length;
            }, WAIT);
        }
        assertThat(growing.await(WAIT)).isEqualTo(GrowingFile.State.COMPLETE);
        assertThat(server.fileContent("/out/data.bin")).isEqualTo(content);
        assertThat(growing.size()).isEqualTo(content.length);
    }

    @Test
    void aSizeAloneGrowsGeneratedLines() throws Exception {
        server = SftpTestServer.builder().start();
        GrowingFile growing = server.growFile("/out/lines.txt").size(130).bytesPerSecond(10_000).start();
        assertThat(growing.await(WAIT)).isEqualTo(GrowingFile.State.COMPLETE);
        String text = server.fileContent("/out/lines.txt", UTF_8);
        assertThat(text).hasSize(130).startsWith("0123456789abcdef");
        assertThat(text.split("\n")[0]).hasSize(63);
    }

    @Test
    void aClientDeletingTheFileEndsTheGrowth() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").start();
        GrowingFile growing = server.growFile("/out/slow.bin").size(10_000_000).bytesPerSecond(1_000)
                .interval(Duration.ofMillis(10)).start();
        try (InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
            Await.await("the first bytes", () -> growing.size() > 0, WAIT);
            client.remove("/out/slow.bin");
        }
        assertThat(growing.await(WAIT)).isEqualTo(GrowingFile.State.DELETED);
        assertThat(server.exists("/out/slow.bin")).isFalse();
    }

    @Test
    void stopLeavesAPartialFileAndFinishWritesTheRest() throws Exception {
        server = SftpTestServer.builder().start();
        GrowingFile crashed = server.growFile("/out/a.txt").content("0123456789").bytesPerSecond(1)
                .interval(Duration.ofSeconds(1)).start();
        crashed.stop();
        assertThat(crashed.state()).isEqualTo(GrowingFile.State.ABANDONED);
        assertThat(server.fileContent("/out/a.txt", UTF_8)).isEqualTo("0123456789".substring(0,
                (int) crashed.size()));
        GrowingFile done = server.growFile("/out/b.txt").content("0123456789").bytesPerSecond(1)
                .interval(Duration.ofSeconds(1)).start();
        done.finish();
        assertThat(done.state()).isEqualTo(GrowingFile.State.COMPLETE);
        assertThat(server.fileContent("/out/b.txt", UTF_8)).isEqualTo("0123456789");
    }

    @Test
    void withLockingOnClientsCannotReplaceAFileThatIsStillBeingWritten() {
        server = SftpTestServer.builder().user("alice", "secret").lockOpenFiles(true).start();
        GrowingFile growing = server.growFile("/out/report.csv").start();
        growing.append("a,b\n");
        try (InteropClient client = ClientKind.MINA.connect(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.rename("/out/report.csv", "/archive.csv"))
                    .isInstanceOfSatisfying(InteropClient.StatusException.class,
                            e -> assertThat(e.status()).isEqualTo(SftpStatus.LOCK_CONFLICT.code()));
            assertThat(client.download("/out/report.csv")).isEqualTo("a,b\n".getBytes(UTF_8));
            growing.finish();
            client.rename("/out/report.csv", "/archive.csv");
        }
    }

    @Test
    void paramikoPollingSeesTheFileGrow(@TempDir Path dir) {
        server = SftpTestServer.builder().user("alice", "secret").start();
        GrowingFile growing = server.growFile("/out/data.bin").size(100_000_000).bytesPerSecond(100_000)
                .interval(Duration.ofMillis(20)).start();
        Processes.Result result = Paramiko.run(dir, server, "alice", "secret", String.join("\n",
                "sizes = []",
                "while len(sizes) < 3:",
                "    size = sftp.stat('/out/data.bin').st_size",
                "    if not sizes or sizes[-1] != size:",
                "        sizes.append(size)",
                "print('sizes', sizes)"));
        growing.stop();
        assertThat(result.assertSucceeded().output()).containsPattern("sizes \\[\\d+, \\d+, \\d+\\]");
    }

    @Test
    void resetAbandonsEveryGrowth() {
        server = SftpTestServer.builder().start();
        GrowingFile growing = server.growFile("/out/x.bin").size(1_000_000).bytesPerSecond(1_000).start();
        server.reset();
        assertThat(growing.state()).isEqualTo(GrowingFile.State.ABANDONED);
        assertThat(server.exists("/out/x.bin")).isFalse();
        server.growFile("/out/x.bin").start().finish(); // the path is free again
    }

    @Test
    void refusesGrowthsThatCouldNotWork() {
        server = SftpTestServer.builder().start();
        assertThatThrownBy(() -> server.growFile("/a").bytesPerSecond(0))
                .hasMessageContaining("a file growing at 0 bytes/s never changes")
                .hasMessageContaining("call append(...)");
        assertThatThrownBy(() -> server.growFile("/a").bytesPerSecond(10).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("give .size(bytes) or .content(...)");
        assertThatThrownBy(() -> server.growFile("/a").content("x").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("add .bytesPerSecond(n)");
        assertThatThrownBy(() -> server.growFile("/a").size(0)).hasMessageContaining("at least 1 byte");
        assertThatThrownBy(() -> server.growFile("/a").interval(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> server.growFile("a")).hasMessageContaining("must be absolute");
        GrowingFile rate = server.growFile("/a").size(100).bytesPerSecond(1).interval(Duration.ofHours(1)).start();
        assertThatThrownBy(() -> rate.append("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("grows at 1 bytes/s on its own");
        assertThatThrownBy(() -> server.growFile("/a").start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"/a\" is growing already");
        rate.stop();
        assertThatThrownBy(() -> rate.append("x")).isInstanceOf(IllegalStateException.class);
        SftpTestServer virtual = SftpTestServer.builder().virtualFileSystem().build();
        try {
            assertThatThrownBy(() -> virtual.growFile("/a")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("virtual mode");
        } finally {
            virtual.close();
        }
        assertThat(Arrays.asList(GrowingFile.State.values())).hasSize(4);
    }
}
