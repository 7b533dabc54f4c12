package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

/**
 * All servers of a JVM share one JDK channel group. Its event threads are what keeps an accept event from being
 * stranded: with MINA's one event thread per group, a batch of epoll events whose last one belongs to a connection
 * closed meanwhile left the listening socket's event queued and unhandled, and a quiet server never accepted again.
 * That closing one server leaves the others serving is {@code SharedIoThreadsTest}'s.
 */
class SharedChannelGroupTest {
    private static final Duration IDENTIFICATION_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void theGroupHasMoreThanOneEventThreadSoAQueuedEventAlwaysHasOneFree() throws Exception {
        try (SftpTestServer server = Health.builder().start()) {
            assertThat(Health.identification(server, IDENTIFICATION_TIMEOUT)).startsWith("SSH-2.0-");
            List<String> eventThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(Thread::isAlive)
                    .map(Thread::getName)
                    .filter(name -> name.startsWith("sftp-test-server-events-"))
                    .toList();
            assertThat(eventThreads).as("the shared group's own event threads").hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void burstsOfConnectionsClosedBeforeTheServerAnswersNeverStopItAccepting() throws Exception {
        SshClient client = RawSftp.startClient();
        try (SftpTestServer server = Health.builder().start()) {
            for (int burst = 0; burst < 5; burst++) {
                for (int i = 0; i < 200; i++) {
                    // closed at once: the server's sockets close while their events are being read
                    new Socket(server.host(), server.port()).close();
                }
                Health.assertServes(client, server);
                assertThat(Health.identification(server, IDENTIFICATION_TIMEOUT))
                        .as("identification after burst %d", burst + 1).startsWith("SSH-2.0-");
            }
        } finally {
            client.stop();
        }
    }
}
