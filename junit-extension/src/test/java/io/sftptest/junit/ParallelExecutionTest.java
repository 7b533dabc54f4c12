package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import io.sftptest.server.SftpTestServer;

/**
 * Runs fixtures with JUnit's parallel execution in concurrent mode. Barriers prove that tests really ran at the
 * same time (no sleeps, no timing assertions: a barrier that is never reached times out and fails the test).
 */
class ParallelExecutionTest {
    static final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    static final Map<Class<?>, AtomicInteger> active = new ConcurrentHashMap<>();
    static final AtomicInteger maxActive = new AtomicInteger();
    static final List<SftpTestServer> servers = new CopyOnWriteArrayList<>();
    static CyclicBarrier barrier;

    @BeforeEach
    void clear() {
        ports.clear();
        active.clear();
        maxActive.set(0);
        servers.clear();
        barrier = new CyclicBarrier(2);
    }

    @SftpServerTest(users = "alice:secret", lifecycle = ServerLifecycle.PER_METHOD)
    static class PerMethodServers {
        @Test
        void one(SftpTestServer server) throws Exception {
            meet(server);
        }

        @Test
        void two(SftpTestServer server) throws Exception {
            meet(server);
        }

        private static void meet(SftpTestServer server) throws Exception {
            Sftp.put(server, "alice", "secret", "/mine.txt", String.valueOf(server.port()));
            barrier.await(30, TimeUnit.SECONDS);
            ports.add(server.port());
            assertThat(server.listFilesRecursively("/")).containsExactly("/mine.txt");
        }
    }

    @Test
    void runsTestsWithPerMethodServersAtTheSameTimeOnDifferentPorts() {
        Kit.run(Kit.concurrent(), PerMethodServers.class).testEvents().assertStatistics(s -> s.started(2)
                .succeeded(2));
        assertThat(ports).hasSize(2);
    }

    /** Counts the tests of one top-level class running at this moment. */
    static void exclusively(Class<?> owner, SftpTestServer server, String file) {
        AtomicInteger running = active.computeIfAbsent(owner, k -> new AtomicInteger());
        maxActive.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            Sftp.put(server, "alice", "secret", file, "x");
            assertThat(server.listFilesRecursively("/")).containsExactly(file);
        } finally {
            running.decrementAndGet();
        }
    }

    @SftpServerTest(users = "alice:secret")
    static class SharedServerA {
        @RepeatedTest(3)
        void isolated(SftpTestServer server) {
            servers.add(server);
            exclusively(SharedServerA.class, server, "/a.txt");
        }

        @Test
        void meetsTheOtherClass(SftpTestServer server) throws Exception {
            servers.add(server);
            barrier.await(30, TimeUnit.SECONDS);
        }

        @Nested
        class Inner {
            @RepeatedTest(2)
            void isolatedToo(SftpTestServer server) {
                servers.add(server);
                exclusively(SharedServerA.class, server, "/inner.txt");
            }
        }
    }

    @SftpServerTest(users = "alice:secret")
    static class SharedServerB {
        @RepeatedTest(3)
        void isolated(SftpTestServer server) {
            servers.add(server);
            exclusively(SharedServerB.class, server, "/b.txt");
        }

        @Test
        void meetsTheOtherClass(SftpTestServer server) throws Exception {
            servers.add(server);
            barrier.await(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void runsClassesConcurrentlyButTheTestsOfAClassSharingAServerOneAfterAnother() {
        Kit.run(Kit.concurrent(), SharedServerA.class, SharedServerB.class).testEvents()
                .assertStatistics(s -> s.started(10).succeeded(10));
        assertThat(maxActive).as("tests of one class at the same time").hasValue(1);
        assertThat(servers).hasSize(10);
        assertThat(Set.copyOf(servers)).hasSize(2);
        assertThat(servers).noneMatch(SftpTestServer::isRunning);
    }

    /** Counts down when a test failed, also before its instance was created. */
    static final class FailureLatch implements TestWatcher {
        static CountDownLatch latch;

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            latch.countDown();
        }
    }

    @ExtendWith(FailureLatch.class)
    static class SharedStaticFieldWithoutSameThread {
        @RegisterExtension
        static SftpServerExtension sftp = new SftpServerExtension();

        @Test
        void one() throws Exception {
            assertThat(FailureLatch.latch.await(30, TimeUnit.SECONDS)).as("the other test failed meanwhile").isTrue();
        }

        @Test
        void two() throws Exception {
            assertThat(FailureLatch.latch.await(30, TimeUnit.SECONDS)).as("the other test failed meanwhile").isTrue();
        }
    }

    @Test
    void refusesToShareAServerBetweenTestsRunningAtTheSameTimeAndNamesTheFix() {
        FailureLatch.latch = new CountDownLatch(1);
        Kit.run(Kit.concurrent(), SharedStaticFieldWithoutSameThread.class).testEvents()
                .assertStatistics(s -> s.started(2).succeeded(1).failed(1))
                .assertThatEvents().haveExactly(1, event(finishedWithFailure(message(m -> m.contains(
                        "started while another test was using it (parallel execution, concurrent mode)")
                        && m.contains("@Execution(ExecutionMode.SAME_THREAD)")))));
    }
}
