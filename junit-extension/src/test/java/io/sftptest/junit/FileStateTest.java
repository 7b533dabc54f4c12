package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.sftptest.server.SftpTestServer;

/** {@code @SftpServerTest(diskCapacity, quotas, lockOpenFiles, clock)}: the built state, restored before each test. */
class FileStateTest {
    static final List<Object> observed = new CopyOnWriteArrayList<>();
    private static final Instant T = Instant.parse("2001-02-03T04:05:06Z");

    @BeforeEach
    void clear() {
        observed.clear();
    }

    @SftpServerTest(users = {"alice:secret", "bob:hunter2"}, diskCapacity = "64KiB", quotas = "alice=1KiB",
            lockOpenFiles = true, clock = "2001-02-03T04:05:06Z")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Annotated {
        @Test
        @Order(1)
        void first(SftpTestServer server) throws Exception {
            observed.add(server.disk().capacity().getAsLong());
            observed.add(server.disk().quota("alice").getAsLong());
            observed.add(server.locks().isEnabled());
            observed.add(server.clock().now());
            observed.add(refusal(() -> Sftp.put(server, "alice", "secret", "/a.txt", "x".repeat(2_000))));
            server.putFile("/held.txt", "h");
            server.locks().hold("/held.txt");
            observed.add(refusal(() -> Sftp.put(server, "bob", "hunter2", "/held.txt", "b")));
            server.disk().unlimited().removeQuota("alice");
            server.locks().disable();
            server.clock().advance(Duration.ofDays(1));
        }

        @Test
        @Order(2)
        void secondAfterTheReset(SftpTestServer server) {
            observed.add(server.disk().capacity().getAsLong());
            observed.add(server.disk().quota("alice").getAsLong());
            observed.add(server.locks().isEnabled());
            observed.add(server.clock().now());
        }
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof com.jcraft.jsch.SftpException)) {
                cause = cause.getCause();
            }
            return cause == null ? e.toString() : cause.getMessage();
        }
    }

    @Test
    void appliesTheAttributesAndRestoresThemBeforeEachTest() {
        Kit.run(Annotated.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(observed).containsExactly(65536L, 1024L, true, T, "SSH_FX_FAILURE: Disk quota exceeded",
                "SSH_FX_FAILURE: The process cannot access the file because it is being used by another process",
                65536L, 1024L, true, T);
    }

    @SftpServerTest(diskCapacity = "10MB")
    static class BadCapacity {
        @Test
        void test() {
        }
    }

    @SftpServerTest(clock = "yesterday")
    static class BadClock {
        @Test
        void test() {
        }
    }

    @SftpServerTest(quotas = "alice")
    static class BadQuota {
        @Test
        void test() {
        }
    }

    @Test
    void badAttributesFailTheClassNamingTheFix() {
        Kit.run(BadCapacity.class).containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("\"10MB\" is no byte count: use e.g. 1048576, 64KiB, 10MiB")))));
        Kit.run(BadClock.class).containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("clock \"yesterday\" is no instant")))));
        Kit.run(BadQuota.class).containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("quotas entry \"alice\" must be \"name=size\"")))));
    }
}
