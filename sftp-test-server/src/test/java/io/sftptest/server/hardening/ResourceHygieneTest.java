package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

/**
 * Many start/close and connect/disconnect cycles leave threads, file descriptors and heap where they
 * were; close() returns with hung clients and hung request handlers; no thread outlives a closed server.
 */
class ResourceHygieneTest {
    private static final int CYCLES = Integer.getInteger("sftptest.hygiene.cycles", 1_000);
    private static final int THREAD_SLACK = 4;
    private static final long FD_SLACK = 16;
    private static final long HEAP_SLACK = 48L << 20;

    @Test
    void startingAndClosingAThousandServersLeavesThreadsDescriptorsAndHeapFlat() {
        for (int i = 0; i < 20; i++) {
            SftpTestServer.builder().start().close(); // warm up: class loading, caches
        }
        ResourceSnapshot before = settled(ResourceSnapshot.take());
        for (int i = 0; i < CYCLES; i++) {
            SftpTestServer server = SftpTestServer.builder().file("/f.txt", "x").start();
            server.close();
        }
        assertFlat(before, "after " + CYCLES + " start/close cycles");
    }

    @Test
    void aThousandConnectionsAndAHundredSftpSessionsLeaveThreadsDescriptorsAndHeapFlat() throws Exception {
        SshClient client = RawSftp.startClient();
        try (SftpTestServer server = Health.builder().start()) {
            sftpRoundTrip(client, server);
            ResourceSnapshot before = settled(ResourceSnapshot.take());
            for (int i = 0; i < CYCLES; i++) {
                assertThat(Health.identification(server, Duration.ofSeconds(10))).startsWith("SSH-2.0-");
            }
            // no wait for the server to close them: the logins meet their closing, as when CI saw a login
            // hang here (the accept event stranded in the JDK's channel group; SharedIo says how)
            for (int i = 0; i < CYCLES / 10; i++) {
                try {
                    sftpRoundTrip(client, server);
                } catch (org.apache.sshd.common.SshException timedOut) {
                    // say which side stopped (does the server still answer a new socket and a new client?)
                    throw new AssertionError(LoginHang.diagnose(server, "at session " + (i + 1) + " after "
                            + CYCLES + " TCP connections"), timedOut);
                }
            }
            Waiting.until(() -> server.connections().isEmpty(), "all connections to be closed");
            assertFlat(before, "after " + CYCLES + " TCP connections and " + CYCLES / 10 + " SFTP sessions");
        } finally {
            client.stop();
        }
    }

    @Test
    void closeReturnsWithHungClientsAndAHungRequestHandlerAndLeavesNoThreadBehind() throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        SshClient client = RawSftp.startClient();
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch handlerEntered = new CountDownLatch(1);
        List<AutoCloseable> hung = new ArrayList<>();
        SftpTestServer server = Health.builder().file("/big.bin", new byte[8 << 20]).start();
        try {
            // a request handler that ignores interrupts until released, as a "hang" fault would
            server.addRequestListener(request -> {
                if ("/hang".equals(request.path())) {
                    handlerEntered.countDown();
                    while (!release.get()) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                }
            });
            hung.add(new Socket(server.host(), server.port())); // never sends a byte
            Socket halfBanner = new Socket(server.host(), server.port());
            halfBanner.getOutputStream().write("SSH-2.0-half".getBytes(StandardCharsets.US_ASCII));
            hung.add(halfBanner);

            ClientSession stuck = RawSftp.login(client, server, Health.USER, Health.PASSWORD);
            SftpClient stuckSftp = SftpClientFactory.instance().createSftpClient(stuck);
            Thread requester = new Thread(() -> {
                try {
                    stuckSftp.stat("/hang");
                } catch (Exception expected) {
                    // the server goes away
                }
            }, "hung-requester");
            requester.setDaemon(true);
            requester.start();
            assertThat(handlerEntered.await(10, TimeUnit.SECONDS)).as("the handler to be entered").isTrue();

            RawSftp notReading = RawSftp.open(client, server, Health.USER, Health.PASSWORD);
            notReading.init(3);
            String handle = notReading.openForRead(1, "/big.bin");
            for (int id = 2; id < 200; id++) { // asks for 6 MiB and never reads the answers
                int requestId = id;
                notReading.send(org.apache.sshd.sftp.common.SftpConstants.SSH_FXP_READ, requestId, b -> {
                    b.putString(handle);
                    b.putLong((requestId - 2) * 32_768L);
                    b.putInt(32_768);
                });
            }

            Thread closer = new Thread(server::close, "closer");
            closer.start();
            closer.join(Duration.ofSeconds(10).toMillis());
            assertThat(closer.isAlive()).as("close() still running after 10 s").isFalse();
            assertThat(server.isRunning()).isFalse();
            // the thread stuck in the handler outlives close() until the handler returns, but it is a
            // daemon thread: it cannot keep the JVM alive
            assertThat(serverThreadsLeft(threadsBefore)).as("non-daemon threads after close").isEmpty();
        } finally {
            release.set(true);
            server.close();
            for (AutoCloseable c : hung) {
                c.close();
            }
            client.stop();
        }
        Waiting.until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("sshd-TestSftpSubsystem") && !threadsBefore.contains(t)),
                "the released subsystem thread to end");
    }

    private static List<String> serverThreadsLeft(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .collect(Collectors.toList());
    }

    private static void sftpRoundTrip(SshClient client, SftpTestServer server) throws Exception {
        try (ClientSession session = RawSftp.login(client, server, Health.USER, Health.PASSWORD);
                SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
            try (OutputStream out = sftp.write("/cycle.txt")) {
                out.write(1);
            }
            sftp.stat("/cycle.txt");
        }
    }

    /** Lets threads of earlier tests finish before the baseline is taken. */
    private static ResourceSnapshot settled(ResourceSnapshot first) {
        Waiting.poll(() -> false, Duration.ofMillis(200));
        return ResourceSnapshot.take();
    }

    private static void assertFlat(ResourceSnapshot before, String when) {
        boolean settled = Waiting.poll(() -> ResourceSnapshot.currentThreads() <= before.threads() + THREAD_SLACK
                && ResourceSnapshot.currentFileDescriptors() <= before.fileDescriptors() + FD_SLACK, Duration.ofSeconds(30));
        ResourceSnapshot after = ResourceSnapshot.take();
        System.out.println(when + ": before " + before + ", after " + after);
        assertThat(settled).as("threads and fds back to %s %s, now %s", before, when, after).isTrue();
        assertThat(after.heapBytes()).as("heap %s", when).isLessThanOrEqualTo(before.heapBytes() + HEAP_SLACK);
    }
}
