package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test clock: file times come from a clock the test stops, sets and advances. */
class ServerClockTest {
    private static final Instant T = Instant.parse("2001-02-03T04:05:06Z");

    private SftpTestServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    /** A clock the test moves by hand, standing for the clock of the code under test. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void move(Duration amount) {
            now = now.plus(amount);
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void uploadsAndTheTestsFilesGetTheTimeOfTheStoppedClock(ClientKind kind) {
        server = SftpTestServer.builder().user("alice", "secret").start();
        server.clock().set(T);
        server.putFile("/in/put.csv", "a\n");
        server.clock().advance(Duration.ofMinutes(10));
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            client.upload("/in/uploaded.csv", "b\n".getBytes(UTF_8));
            assertThat(client.stat("/in/put.csv").modified()).isEqualTo(T.getEpochSecond());
            assertThat(client.stat("/in/uploaded.csv").modified()).isEqualTo(T.plusSeconds(600).getEpochSecond());
            client.mkdir("/in/sub");
            assertThat(client.stat("/in/sub").modified()).isEqualTo(T.plusSeconds(600).getEpochSecond());
        }
    }

    @Test
    void aReadStampsTheAccessTimeAndATimeTheClientSetsIsKept() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").clock(Clock.fixed(T, ZoneOffset.UTC)).start();
        server.putFile("/a.txt", "hello");
        server.clock().advance(Duration.ofHours(1));
        Instant chosen = Instant.parse("1999-12-31T23:59:59Z");
        try (TestClients.Mina mina = TestClients.mina(server, "alice", "secret", null)) {
            try (java.io.InputStream in = mina.sftp().read("/a.txt")) {
                in.readAllBytes();
            }
            SftpClient.Attributes read = mina.sftp().stat("/a.txt");
            assertThat(read.getModifyTime().toInstant()).isEqualTo(T);
            assertThat(read.getAccessTime().toInstant()).isEqualTo(T.plus(Duration.ofHours(1)));
            mina.sftp().setStat("/a.txt", new SftpClient.Attributes().modifyTime(FileTime.from(chosen)));
            assertThat(mina.sftp().stat("/a.txt").getModifyTime().to(TimeUnit.SECONDS))
                    .isEqualTo(chosen.getEpochSecond());
        }
    }

    @Test
    void followsTheBuildersClockAndResumesFromAStoppedReading() {
        HandClock hand = new HandClock();
        server = SftpTestServer.builder().clock(hand).start();
        Instant start = hand.instant();
        assertThat(server.clock().now()).isEqualTo(start);
        hand.move(Duration.ofSeconds(5));
        assertThat(server.clock().now()).isEqualTo(start.plusSeconds(5));

        server.clock().set(T);
        hand.move(Duration.ofSeconds(5));
        assertThat(server.clock().now()).isEqualTo(T);
        assertThat(server.clock().isStopped()).isTrue();
        server.clock().resume();
        hand.move(Duration.ofSeconds(7));
        assertThat(server.clock().now()).isEqualTo(T.plusSeconds(7));
        server.clock().advance(Duration.ofMinutes(-1));
        assertThat(server.clock().now()).isEqualTo(T.plusSeconds(7).minusSeconds(60));

        server.reset();
        assertThat(server.clock().isStopped()).isFalse();
        assertThat(server.clock().now()).isEqualTo(hand.instant());
    }

    @Test
    void openSshAndCurlListingsShowTheTimeOfTheClock(@TempDir Path dir) throws Exception {
        Path key = OpenSsh.generateKey(dir, "id_ed25519");
        server = SftpTestServer.builder().user("bob", key.resolveSibling("id_ed25519.pub")).user("alice", "secret")
                .clock(Clock.fixed(T, ZoneOffset.UTC)).start();
        server.putFile("/in/old.csv", "a\n");
        Processes.Result ls = OpenSsh.sftp(server, "bob", key, "ls -l /in").assertSucceeded();
        assertThat(ls.output()).contains("Feb  3  2001").contains("old.csv");
        Processes.Result listing = Curl.run(dir, server, "alice", "secret", "/in/").assertSucceeded();
        assertThat(listing.output()).contains("Feb  3  2001").contains("old.csv");
    }

    @Test
    void paramikoSeesTheFilesAge(@TempDir Path dir) {
        server = SftpTestServer.builder().user("alice", "secret").start();
        server.clock().set(T);
        server.putFile("/in/old.csv", "a\n");
        Processes.Result result = Paramiko.run(dir, server, "alice", "secret",
                "print('mtime', sftp.stat('/in/old.csv').st_mtime)");
        assertThat(result.assertSucceeded().output()).contains("mtime " + T.getEpochSecond());
    }

    @Test
    void refusesAClockWhereTheOperatingSystemStampsTheTimes(@TempDir Path root) {
        assertThatThrownBy(() -> SftpTestServer.builder().rootDirectory(root).clock(Clock.systemUTC()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drop .clock(...) or .rootDirectory(...)");
        assertThatThrownBy(() -> SftpTestServer.builder().virtualFileSystem().clock(Clock.systemUTC()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("virtualFileSystem()");
        server = SftpTestServer.builder().rootDirectory(root).start();
        assertThatThrownBy(() -> server.clock())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the test clock needs the in-memory filesystem");
        server.putFile("/real.txt", "x"); // the OS stamps it, as before
        assertThat(Files.exists(root.resolve("real.txt"))).isTrue();
    }
}
