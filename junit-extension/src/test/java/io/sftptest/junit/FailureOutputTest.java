package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.Event;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import io.sftptest.server.SftpTestServer;

class FailureOutputTest {
    static final List<SftpTestServer> seen = new CopyOnWriteArrayList<>();
    static final List<Integer> ports = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        seen.clear();
        ports.clear();
    }

    @SftpServerTest(users = "alice:secret")
    static class FailingAfterTraffic {
        @Test
        void failsAfterUploading(SftpTestServer server) {
            seen.add(server);
            ports.add(server.port());
            Sftp.put(server, "alice", "secret", "/report.csv", "x,y\n");
            assertEquals("x,y\n", Sftp.get(server, "alice", "secret", "/reports.csv"));
        }

        @Test
        void failsWithoutTraffic() {
            throw new IllegalStateException("boom");
        }

        @Test
        void passes(SftpTestServer server) {
            Sftp.put(server, "alice", "secret", "/ok.txt", "ok");
        }
    }

    @Test
    void addsTheRequestsOfAFailedTestToItsFailure() {
        List<Event> failures = Kit.run(FailingAfterTraffic.class).testEvents()
                .assertStatistics(s -> s.started(3).succeeded(1).failed(2)).failed().list();

        int port = ports.get(0); // read while the server ran: a closed server has no port
        Throwable failure = throwable(failures, "failsAfterUploading");
        assertThat(failure.getMessage()).contains("SSH_FX_NO_SUCH_FILE");
        assertThat(failure.getSuppressed()).hasSize(1);
        String log = failure.getSuppressed()[0].toString();
        assertThat(log).startsWith("SFTP server \"default\" (sftp://127.0.0.1:" + port + "/) received ")
                .contains("alice OPEN /report.csv", "alice WRITE /report.csv", "alice OPEN /reports.csv (read) : NO_SUCH_FILE")
                .doesNotContain("ok.txt");
        assertThat(failure.getSuppressed()[0].getStackTrace()).isEmpty();

        Throwable quiet = throwable(failures, "failsWithoutTraffic");
        assertThat(quiet).hasMessage("boom");
        assertThat(quiet.getSuppressed()).extracting(Throwable::toString)
                .containsExactly("SFTP server \"default\" (sftp://127.0.0.1:" + port
                        + "/) received no SFTP request during this test");
    }

    static class LastTwo {
        @RegisterExtension
        static SftpServerExtension sftp = SftpServerExtension.builder()
                .server(SftpTestServer.builder().user("alice", "secret"))
                .requestsShownOnFailure(2)
                .build();

        @Test
        void fails(SftpTestServer server) {
            for (int i = 1; i <= 3; i++) {
                Sftp.put(server, "alice", "secret", "/f" + i + ".txt", "x");
            }
            throw new AssertionError("expected failure");
        }
    }

    @Test
    void showsOnlyTheLastRequestsAndSaysHowManyThereWere() {
        List<Event> failures = Kit.run(LastTwo.class).testEvents().failed().list();
        String log = throwable(failures, "fails").getSuppressed()[0].toString();
        assertThat(log).containsPattern("SFTP server \"sftp\" \\(sftp://127\\.0\\.0\\.1:\\d+/\\) received \\d+ requests "
                + "during this test, the last 2:");
        assertThat(log.lines().count()).isEqualTo(3);
        assertThat(log).contains("/f3.txt").doesNotContain("/f1.txt");
    }

    @SftpServerTest(users = "alice:secret")
    static class OldClient {
        @Test
        void cannotConnect(SftpTestServer server) throws Exception {
            Session session = new JSch().getSession("alice", server.host(), server.port());
            session.setConfig("StrictHostKeyChecking", "no");
            session.setConfig("server_host_key", "ssh-rsa,ssh-dss"); // an old client's host key algorithms
            session.connect(10_000);
        }
    }

    @Test
    void showsWhyTheKeyExchangeOfAFailedTestFailedAndTheFix() {
        List<Event> failures = Kit.run(OldClient.class).testEvents().failed().list();

        Throwable failure = throwable(failures, "cannotConnect");
        assertThat(failure).hasMessageContaining("Algorithm negotiation fail");
        assertThat(failure.getSuppressed()[0].toString()).contains(" received 1 request during this test:",
                "#1.0 DISCONNECT (key exchange with SSH-2.0-JSCH",
                " failed: no common host key algorithm (client offers ssh-rsa,ssh-dss; server offers ",
                "; fix: builder.legacyAlgorithms(true).hostKeys(HostKey.generateEd25519(), HostKey.generateEcdsaP256(),"
                        + " HostKey.generate(\"ssh-rsa\")))");
    }

    static class FailingAfterEach {
        @RegisterExtension
        SftpServerExtension sftp = new SftpServerExtension(SftpTestServer.builder().user("alice", "secret"));

        @Test
        void test(SftpTestServer server) {
            seen.add(server);
            Sftp.put(server, "alice", "secret", "/a.txt", "a");
        }

        @AfterEach
        void afterEach() {
            throw new IllegalStateException("cleanup failed");
        }
    }

    @Test
    void addsTheRequestsToAFailingAfterEachAndStillClosesTheServer() {
        List<Event> failures = Kit.run(FailingAfterEach.class).testEvents().failed().list();
        Throwable failure = throwable(failures, "test");
        assertThat(failure).hasMessage("cleanup failed");
        assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::toString).collect(Collectors.joining()))
                .contains("alice OPEN /a.txt");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).isRunning()).isFalse();
    }

    static class FaultRulesLeftUnused {
        static final UnusedFaultCheck CHECK = new UnusedFaultCheck() {
            @Override
            public boolean isAvailable() {
                return true;
            }

            @Override
            public List<String> unusedFaults(SftpTestServer server) {
                return server.exists("/trigger") ? List.of() : List.of("OPEN /in/*.csv -> PERMISSION_DENIED");
            }
        };

        @RegisterExtension
        static SftpServerExtension sftp = SftpServerExtension.builder().failOnUnusedFaults(true)
                .unusedFaultCheck(CHECK).build();

        @Test
        void leavesARuleUnused() {
        }

        @Test
        void usesEveryRule(SftpTestServer server) {
            server.putFile("/trigger", "");
        }
    }

    @Test
    void failsATestThatLeftAFaultRuleUnusedThroughTheFaultCheckHook() {
        List<Event> failures = Kit.run(FaultRulesLeftUnused.class).testEvents()
                .assertStatistics(s -> s.started(2).succeeded(1).failed(1)).failed().list();
        assertThat(throwable(failures, "leavesARuleUnused").getMessage()).startsWith("SFTP server \"sftp\" (field "
                + FaultRulesLeftUnused.class.getName() + ".sftp) has 1 fault rule that no request triggered: "
                + "[OPEN /in/*.csv -> PERMISSION_DENIED]");
    }

    private static Throwable throwable(List<Event> failures, String method) {
        return failures.stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method + "("))
                .findFirst().orElseThrow().getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
    }
}
