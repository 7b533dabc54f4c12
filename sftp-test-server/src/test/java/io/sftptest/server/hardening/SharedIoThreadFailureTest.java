package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

/**
 * A shared I/O thread that cannot be started (OutOfMemoryError "unable to create native thread", as at a
 * process or thread limit) must not stop a server: the completion it was for still runs. Before, the
 * error killed the channel group's poller and lost the accept completion; from then on new TCP
 * connections completed in the kernel's backlog but got no identification, and logins timed out.
 */
class SharedIoThreadFailureTest {
    private static final java.time.Duration IDENTIFICATION_TIMEOUT = java.time.Duration.ofSeconds(5);
    private static final int MAX_CONNECTIONS = 200;

    @Test
    void aThreadThatCannotBeStartedLosesNoCompletion() throws Exception {
        // the server's shared pool, which no public API exposes
        Field field = Class.forName("io.sftptest.server.internal.SharedIo").getDeclaredField("SHARED_IO");
        field.setAccessible(true);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) field.get(null);
        ThreadFactory threads = pool.getThreadFactory();
        long keepAlive = pool.getKeepAliveTime(TimeUnit.NANOSECONDS);
        SshClient client = RawSftp.startClient();
        try (SftpTestServer server = Health.builder().start()) {
            Health.assertServes(client, server);
            // no idle thread left, so the next completion needs a new one, which fails once
            pool.setKeepAliveTime(1, TimeUnit.MILLISECONDS);
            Waiting.until(() -> pool.getPoolSize() == 0, "the idle shared I/O threads to end");
            AtomicBoolean failed = new AtomicBoolean();
            pool.setThreadFactory(task -> {
                if (failed.compareAndSet(false, true)) {
                    throw new OutOfMemoryError("unable to create native thread (simulated)");
                }
                return threads.newThread(task);
            });
            // an event the group's own event threads take is completed on them; one its internal thread
            // takes goes to the shared pool, and needs the thread that fails: new connections until one did
            for (int i = 0; i < MAX_CONNECTIONS && !failed.get(); i++) {
                assertThat(Health.identification(server, IDENTIFICATION_TIMEOUT)).startsWith("SSH-2.0-");
                Waiting.until(() -> pool.getPoolSize() == 0, "the idle shared I/O threads to end");
            }
            assertThat(failed).as("a thread failed to start within %d connections", MAX_CONNECTIONS).isTrue();
            pool.setThreadFactory(threads);
            pool.setKeepAliveTime(keepAlive, TimeUnit.NANOSECONDS);
            assertThat(Health.identification(server, IDENTIFICATION_TIMEOUT)).startsWith("SSH-2.0-");
            Health.assertServes(client, server);
        } finally {
            pool.setThreadFactory(threads);
            pool.setKeepAliveTime(keepAlive, TimeUnit.NANOSECONDS);
            client.stop();
        }
    }
}
