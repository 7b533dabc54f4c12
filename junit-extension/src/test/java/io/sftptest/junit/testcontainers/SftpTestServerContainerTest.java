package io.sftptest.junit.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import io.sftptest.server.Fault;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;

class SftpTestServerContainerTest {
    static final List<SftpTestServer> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        seen.clear();
    }

    @Testcontainers
    static class UnderTestcontainers {
        @Container
        static SftpTestServerContainer shared = new SftpTestServerContainer(SftpTestServer.builder()
                .user("alice", "secret"));

        @Container
        SftpTestServerContainer perTest = new SftpTestServerContainer();

        @Test
        void one() throws Exception {
            seen.add(shared.server());
            seen.add(perTest.server());
            assertThat(listRoot(shared.server(), "alice", "secret")).isTrue();
        }

        @Test
        void two() {
            seen.add(shared.server());
            seen.add(perTest.server());
        }
    }

    @Test
    void testcontainersStartsAndStopsItLikeAContainerWithoutDocker() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnderTestcontainers.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).as("static field: one server for the class").isSameAs(seen.get(2));
        assertThat(seen.get(1)).as("instance field: one server per test").isNotSameAs(seen.get(3));
        assertThat(seen).noneMatch(SftpTestServer::isRunning);
    }

    /** Two tests in a fixed order on one static container: the second sees what the first left. */
    @Testcontainers
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SharedAcrossTests {
        @Container
        static SftpTestServerContainer sftp = new SftpTestServerContainer(SftpTestServer.builder()
                .user("alice", "secret"));

        @Test
        @Order(1)
        void leavesAFileAConnectionAndAFaultRule() throws Exception {
            sftp.server().putFile("/left-over.txt", "from the first test");
            sftp.server().faults().on(SftpOperation.MKDIR).respond(Fault.status(SftpStatus.FAILURE));
            assertThat(listRoot(sftp.server(), "alice", "secret")).isTrue();
        }

        @Test
        @Order(2)
        void findsThemInTheNextTest() {
            seen.add(sftp.server());
            assertThat(sftp.server().exists("/left-over.txt")).isTrue();
            assertThat(sftp.server().recording().requests(RequestFilter.operation(SftpOperation.CONNECT))).hasSize(1);
            assertThat(sftp.server().faults().rules()).hasSize(1);
        }
    }

    @Test
    void aStaticContainerServerIsNotResetBetweenTests() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharedAcrossTests.class)).execute()
                .testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(seen).hasSize(1);
    }

    @Test
    void startsAgainWithAFreshServerAfterStop() {
        SftpTestServerContainer container = new SftpTestServerContainer();
        assertThatThrownBy(container::server).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not running");
        container.start();
        container.start();
        SftpTestServer first = container.server();
        container.stop();
        container.stop();
        assertThat(first.isRunning()).isFalse();
        container.start();
        assertThat(container.server()).isNotSameAs(first);
        assertThat(container.server().isRunning()).isTrue();
        container.close();
        assertThat(container.isRunning()).isFalse();
    }

    @Test
    void tellsTheContainerAddressAndFailsClearlyWithoutDocker() {
        ContainerAddress address = new ContainerAddress(ContainerAddress.HOST, 2222);
        assertThat(address.uri("alice")).hasToString("sftp://alice@host.testcontainers.internal:2222/");
        assertThat(address.uri()).hasToString("sftp://host.testcontainers.internal:2222/");

        // This machine has no Docker engine: the exposure call path must fail with a message that says why.
        // (With Docker, it returns new ContainerAddress("host.testcontainers.internal", server.port()).)
        org.junit.jupiter.api.Assumptions.assumeFalse(dockerAvailable(), "a Docker engine is available here");
        SftpTestServerContainer container = new SftpTestServerContainer();
        container.start();
        try {
            assertThatThrownBy(container::exposeToContainers).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot make SFTP server " + container.server().uri()
                            + " reachable from containers: Testcontainers.exposeHostPorts(" + container.server().port()
                            + ") failed")
                    .hasMessageContaining("It needs a Docker environment");
        } finally {
            container.stop();
        }
    }

    private static boolean dockerAvailable() {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || System.getenv("DOCKER_HOST") != null;
    }

    @SuppressWarnings("deprecation") // JSch's setPassword(String)
    static boolean listRoot(SftpTestServer server, String user, String password) throws Exception {
        Session session = new JSch().getSession(user, server.host(), server.port());
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            boolean ok = sftp.ls("/") != null;
            sftp.disconnect();
            return ok;
        } finally {
            session.disconnect();
        }
    }
}
