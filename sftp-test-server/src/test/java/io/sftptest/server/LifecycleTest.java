package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** start(), close(), and what a server leaves behind when it is gone. */
class LifecycleTest {
    private static final Path OPEN_FDS = Path.of("/proc/self/fd");

    @Test
    void knowsItsPortRightAfterStart() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().build()) {
            assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start()");

            server.start();

            assertThat(server.port()).isPositive();
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.uri()).hasToString("sftp://127.0.0.1:" + server.port() + "/");
            assertThat(identificationLine(server.host(), server.port())).startsWith("SSH-2.0-");
        }
    }

    @Test
    void closeIsIdempotentAndStopsListening() {
        SftpTestServer server = SftpTestServer.builder().start();
        int port = server.port();

        server.close();
        server.close();

        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> identificationLine("127.0.0.1", port)).hasRootCauseInstanceOf(ConnectException.class);
    }

    @Test
    void refusesToStartTwiceWithAClearMessage() {
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            assertThatThrownBy(server::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already running")
                    .hasMessageContaining(String.valueOf(server.port()))
                    .hasMessageContaining("SftpTestServer.builder()");
        }
    }

    @Test
    void refusesToStartAfterClose() {
        SftpTestServer server = SftpTestServer.builder().start();
        server.close();

        assertThatThrownBy(server::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed")
                .hasMessageContaining("SftpTestServer.builder()");
    }

    @Test
    void leaksNoThreadsOrFileDescriptorsOver1000StartCloseCycles() {
        startAndClose(50); // warm-up: class loading, the cached host key, JIT, lazily started JDK threads
        awaitQuiet();
        int threadsBefore = liveThreads();
        long fdsBefore = openFileDescriptors();

        startAndClose(1000);

        awaitBackTo(threadsBefore, fdsBefore);
    }

    @Test
    void leaksNoThreadsOrFileDescriptorsWhenClosedWithConnectedClients() {
        cycleWithClient(3);
        awaitQuiet();
        int threadsBefore = liveThreads();
        long fdsBefore = openFileDescriptors();

        cycleWithClient(15);

        awaitBackTo(threadsBefore, fdsBefore);
    }

    private static void awaitBackTo(int threads, long fds) {
        Await.await(() -> "thread count back to " + threads + " (+2) and open file descriptors back to " + fds
                + " (+5); now " + liveThreads() + " threads: " + Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName).sorted().toList() + ", and " + openFileDescriptors() + " descriptors",
                () -> liveThreads() <= threads + 2 && openFileDescriptors() <= fds + 5,
                Duration.ofSeconds(20));
    }

    private static void cycleWithClient(int times) {
        for (int i = 0; i < times; i++) {
            SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
            try (MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
                client.upload("/x.txt", new byte[] {1});
                server.close();
            }
        }
    }

    private static void startAndClose(int times) {
        for (int i = 0; i < times; i++) {
            SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
            assertThat(server.port()).isPositive();
            server.close();
        }
    }

    /** Waits until the thread count stops falling, so that the baseline holds no dying threads. */
    private static void awaitQuiet() {
        int[] last = {Integer.MAX_VALUE};
        Await.poll(() -> {
            int now = liveThreads();
            boolean stable = now >= last[0];
            last[0] = now;
            return stable;
        }, Duration.ofSeconds(5));
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long openFileDescriptors() {
        if (!Files.isDirectory(OPEN_FDS)) {
            return 0; // not Linux: only threads are checked
        }
        try (Stream<Path> fds = Files.list(OPEN_FDS)) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String identificationLine(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != -1 && c != '\n';) {
                line.append((char) c);
            }
            return line.toString().trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
