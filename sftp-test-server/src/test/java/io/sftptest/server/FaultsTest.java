package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.sftp.client.SftpClient;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;

import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPException;

/** Fault rules on SFTP requests, seen by real clients (JSch, sshj, MINA's SftpClient). */
class FaultsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MIB = 1024 * 1024;

    private static SftpTestServer server() {
        return SftpTestServer.builder().user("alice", "secret").user("bob", "secret").start();
    }

    @Test
    void failsTheThirdOpenWithPermissionDenied() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/in/a.csv", "a").putFile("/in/b.csv", "b").putFile("/in/c.csv", "c");
            FaultRule rule = server.faults().on(SftpOperation.OPEN).nth(3)
                    .respond(Fault.status(SftpStatus.PERMISSION_DENIED, "locked for the test"));
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThat(get(client.sftp(), "/in/a.csv")).isEqualTo("a");
                assertThat(get(client.sftp(), "/in/b.csv")).isEqualTo("b");
                assertThatThrownBy(() -> get(client.sftp(), "/in/c.csv"))
                        .isInstanceOfSatisfying(SftpException.class, e -> {
                            assertThat(e.id).isEqualTo(SftpStatus.PERMISSION_DENIED.code());
                            assertThat(e.getMessage()).contains("locked for the test");
                        });
                assertThat(get(client.sftp(), "/in/c.csv")).as("nth(3) fires once").isEqualTo("c");
            }
            assertThat(rule.fired()).isEqualTo(1);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.OPEN)))
                    .extracting(RecordedRequest::fault)
                    .containsExactly(null, null, new AppliedFault(Fault.status(SftpStatus.PERMISSION_DENIED,
                            "locked for the test"), false), null);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.OPEN)).get(2).fault())
                    .hasToString("status(PERMISSION_DENIED, \"locked for the test\")");
        }
    }

    @Test
    void lostAckOnWriteStoresTheDataButTheClientSeesAFailure() throws Exception {
        try (SftpTestServer server = server()) {
            server.faults().on(SftpOperation.WRITE).after().once().respond(Fault.status(SftpStatus.FAILURE));
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThatThrownBy(() -> client.sftp().put(bytes("written anyway"), "/out.txt"))
                        .isInstanceOfSatisfying(SftpException.class,
                                e -> assertThat(e.id).isEqualTo(SftpStatus.FAILURE.code()));
            }
            assertThat(server.fileContent("/out.txt", StandardCharsets.UTF_8)).isEqualTo("written anyway");
            RecordedRequest write = server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)).get(0);
            assertThat(write.status()).isEqualTo(SftpStatus.FAILURE);
            assertThat(write.fault()).isEqualTo(new AppliedFault(Fault.status(SftpStatus.FAILURE), true))
                    .hasToString("status(FAILURE) after");
        }
    }

    @Test
    void statusAfterAnOpenClosesTheHandleTheClientNeverLearnt() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            server.faults().on(SftpOperation.OPEN).after().once().respond(Fault.status(SftpStatus.FAILURE));
            try (SshjClient client = SshjClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThatThrownBy(() -> client.sftp().open("/a.txt"))
                        .isInstanceOfSatisfying(SFTPException.class,
                                e -> assertThat(e.getStatusCode()).isEqualTo(Response.StatusCode.FAILURE));
                assertThat(new String(client.download("/a.txt"), StandardCharsets.UTF_8)).isEqualTo("a");
            }
        }
    }

    @Test
    void disconnectAfterOneMebibyteOfATenMebibyteUploadLeavesTheFirstMebibyte() throws Exception {
        byte[] content = new byte[10 * MIB];
        new Random(42).nextBytes(content);
        try (SftpTestServer server = server()) {
            FaultRule rule = server.faults().on(SftpOperation.WRITE).path("/up/**")
                    .respond(Fault.disconnectAfterBytes(MIB));
            server.createDirectory("/up");
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThatThrownBy(() -> client.sftp().put(new ByteArrayInputStream(content), "/up/big.bin"))
                        .isInstanceOf(SftpException.class);
            }
            Await.await("the connection to close", () -> server.connections().isEmpty(), TIMEOUT);
            // the faulted WRITE was recorded before the server cut the connection
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)))
                    .anyMatch(request -> request.fault() != null);
            byte[] partial = server.fileContent("/up/big.bin");
            assertThat(partial.length).isEqualTo(MIB);
            assertThat(partial).isEqualTo(Arrays.copyOf(content, MIB));
            assertThat(rule.isUsed()).isTrue();
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)))
                    .extracting(request -> String.valueOf(request.fault()))
                    .containsOnlyOnce("disconnectAfterBytes(1048576)");
        }
    }

    @Test
    void disconnectAfterBytesCutsADownload() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/big.bin", new byte[MIB]);
            server.faults().on(SftpOperation.READ).respond(Fault.disconnectAfterBytes(100_000));
            try (SshjClient client = SshjClient.connect(server.host(), server.port(), "alice", "secret")) {
                assertThatThrownBy(() -> client.download("/big.bin")).isInstanceOf(RuntimeException.class);
            }
            long read = server.recording().requests(RequestFilter.operation(SftpOperation.READ)).stream()
                    .mapToLong(RecordedRequest::bytes).sum();
            assertThat(read).isLessThanOrEqualTo(100_000);
        }
    }

    @Test
    void throttleMakesADownloadTakeAtLeastItsSizeOverTheRate() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/data.bin", new byte[256 * 1024]);
            server.faults().on(SftpOperation.READ).respond(Fault.throttle(512 * 1024));
            try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
                long start = System.nanoTime();
                byte[] data;
                try (var in = client.sftp().read("/data.bin")) {
                    data = in.readAllBytes();
                }
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertThat(data).hasSize(256 * 1024);
                assertThat(millis).as("256 KiB at 512 KiB/s").isGreaterThanOrEqualTo(400);
            }
        }
    }

    @Test
    void hangHoldsARequestUntilTheTestReleasesIt() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "held");
            FaultRule hang = server.faults().on(SftpOperation.OPEN).once().respond(Fault.hang());
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                CompletableFuture<String> download = CompletableFuture.supplyAsync(() -> {
                    try {
                        return get(client.sftp(), "/a.txt");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(hang.awaitFired(1, TIMEOUT)).isTrue();
                assertThat(download).isNotDone();
                hang.release();
                assertThat(download.get(10, TimeUnit.SECONDS)).isEqualTo("held");
            }
        }
    }

    @Test
    void closingTheServerEndsAHangAtOnce() throws Exception {
        SftpTestServer server = server();
        server.putFile("/a.txt", "held");
        FaultRule hang = server.faults().on(SftpOperation.OPEN).respond(Fault.hang());
        TestClients.Jsch client = TestClients.jsch(server, "alice", "secret");
        CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
            try {
                get(client.sftp(), "/a.txt");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(hang.awaitFired(1, TIMEOUT)).isTrue();
        // the hang has no timeout of its own: close() returns only because it ends the hang (the JUnit
        // default timeout fails the test otherwise)
        server.close();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> download.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(Exception.class);
        client.close();
    }

    @Test
    void hangWithATimeoutGoesOnByItself() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "late");
            server.faults().on(SftpOperation.OPEN).once().respond(Fault.hang(Duration.ofMillis(300)));
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                long start = System.nanoTime();
                assertThat(get(client.sftp(), "/a.txt")).isEqualTo("late");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
            }
        }
    }

    @Test
    void retryScenarioSucceedsOnTheThirdAttempt() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/in/data.csv", "x,y");
            FaultRule rule = server.faults().on(SftpOperation.OPEN).path("/in/*.csv")
                    .respond(Fault.status(SftpStatus.FAILURE), Fault.status(SftpStatus.FAILURE), Fault.none());
            int attempts = 0;
            String content = null;
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                while (content == null && attempts < 5) {
                    attempts++;
                    try {
                        content = get(client.sftp(), "/in/data.csv");
                    } catch (SftpException e) {
                        assertThat(e.id).isEqualTo(SftpStatus.FAILURE.code());
                    }
                }
            }
            assertThat(content).isEqualTo("x,y");
            assertThat(attempts).isEqualTo(3);
            assertThat(rule.fired()).isEqualTo(3);
            assertThat(server.faults().unused()).isEmpty();
        }
    }

    @Test
    void shortReadsStillDeliverTheWholeFileToACorrectClient() throws Exception {
        byte[] content = new byte[50_000];
        new Random(7).nextBytes(content);
        try (SftpTestServer server = server()) {
            server.putFile("/a.bin", content);
            server.faults().on(SftpOperation.READ).respond(Fault.shortRead(1000));
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                client.sftp().get("/a.bin", out);
                assertThat(out.toByteArray()).isEqualTo(content);
            }
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.READ)))
                    .allSatisfy(read -> assertThat(read.bytes()).isLessThanOrEqualTo(1000));
        }
    }

    @Test
    void closeChannelKeepsTheSshConnection() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            server.faults().on(SftpOperation.STAT).once().respond(Fault.closeChannel());
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThatThrownBy(() -> client.sftp().stat("/a.txt")).isInstanceOf(SftpException.class);
                assertThat(client.session().isConnected()).isTrue();
                ChannelSftp again = (ChannelSftp) client.session().openChannel("sftp");
                again.connect(5000);
                assertThat(again.stat("/a.txt").getSize()).isEqualTo(1);
                again.disconnect();
            }
        }
    }

    @Test
    void disconnectDropsTheConnectionWithoutPerformingTheRequest() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            server.faults().on(SftpOperation.REMOVE).respond(Fault.disconnect());
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThatThrownBy(() -> client.sftp().rm("/a.txt")).isInstanceOf(SftpException.class);
                // recorded before the server closed the connection: no waiting needed once the client saw the close
                assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.REMOVE)))
                        .singleElement().satisfies(remove -> {
                            assertThat(remove.fault()).isEqualTo(new AppliedFault(Fault.disconnect(), false))
                                    .hasToString("disconnect()");
                            assertThat(remove.status()).as("no answer").isNull();
                        });
            }
            Await.await("the connection to close", () -> server.connections().isEmpty(), TIMEOUT);
            assertThat(server.exists("/a.txt")).isTrue();
        }
    }

    @Test
    void delayAnswersLate() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            server.faults().on(SftpOperation.STAT, SftpOperation.LSTAT).once().respond(Fault.delay(Duration.ofMillis(250)));
            try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
                long start = System.nanoTime();
                SftpClient.Attributes attributes = client.sftp().stat("/a.txt");
                assertThat(attributes.getSize()).isEqualTo(1);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(250);
            }
        }
    }

    @Test
    void aRuleForOneUserLeavesTheOthersAlone() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            FaultRule rule = server.faults().on(SftpOperation.OPEN).user("bob")
                    .respond(Fault.status(SftpStatus.NO_SUCH_FILE));
            try (TestClients.Jsch alice = TestClients.jsch(server, "alice", "secret");
                    TestClients.Jsch bob = TestClients.jsch(server, "bob", "secret")) {
                assertThat(get(alice.sftp(), "/a.txt")).isEqualTo("a");
                assertThatThrownBy(() -> get(bob.sftp(), "/a.txt")).isInstanceOfSatisfying(SftpException.class,
                        e -> assertThat(e.id).isEqualTo(SftpStatus.NO_SUCH_FILE.code()));
            }
            assertThat(rule.fired()).isEqualTo(1);
        }
    }

    @Test
    void unusedListsRulesThatNeverFiredAndResetClearsThem() throws Exception {
        try (SftpTestServer server = server()) {
            FaultRule never = server.faults().on(SftpOperation.RENAME).path("/nowhere/*")
                    .respond(Fault.status(SftpStatus.FAILURE));
            FaultRule used = server.faults().on(SftpOperation.REALPATH).respond(Fault.none());
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                client.sftp().pwd();
            }
            assertThat(used.isUsed()).isTrue();
            assertThat(server.faults().unused()).containsExactly(never);
            assertThat(never.toString()).isEqualTo(
                    "on(RENAME).path(\"/nowhere/*\") -> status(FAILURE) (fired 0x)");
            server.reset();
            assertThat(server.faults().rules()).isEmpty();
        }
    }

    @Test
    void removedRulesNoLongerFire() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            FaultRule rule = server.faults().on(SftpOperation.OPEN).respond(Fault.status(SftpStatus.FAILURE));
            assertThat(rule.remove()).isTrue();
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThat(get(client.sftp(), "/a.txt")).isEqualTo("a");
            }
            assertThat(rule.fired()).isZero();
        }
    }

    @Test
    void anAfterPhaseRuleReplacesTheAnswerTheListenersSaw() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            server.addListener(new SftpServerListener() {
                @Override
                public void onFileOpen(io.sftptest.server.event.FileOpenEvent e) {
                    seen.add((e.beforeExec() ? "before " : "after ") + e.statusCode());
                }
            });
            server.faults().on(SftpOperation.OPEN).after().once().respond(Fault.status(SftpStatus.FAILURE, "lost"));
            try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
                assertThatThrownBy(() -> get(client.sftp(), "/a.txt")).isInstanceOfSatisfying(SftpException.class,
                        e -> assertThat(e.getMessage()).contains("lost"));
                assertThat(get(client.sftp(), "/a.txt")).isEqualTo("a");
            }
            assertThat(seen).startsWith("before null", "after OK");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.OPEN)).get(0).summary())
                    .endsWith("OPEN /a.txt (read) : FAILURE (lost) [fault: status(FAILURE, \"lost\") after]");
        }
    }

    @Test
    void anAfterPhaseDelayPerformsTheOperationAndAnswersLate() throws Exception {
        try (SftpTestServer server = server()) {
            FaultRule rule = server.faults().on(SftpOperation.MKDIR).after().respond(Fault.delay(Duration.ofMillis(200)));
            try (SshjClient client = SshjClient.connect(server.host(), server.port(), "alice", "secret")) {
                long start = System.nanoTime();
                client.mkdir("/made");
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
            }
            assertThat(server.isDirectory("/made")).isTrue();
            assertThat(rule.fired()).isEqualTo(1);
        }
    }

    @Test
    void throttleSlowsAnUploadToo() throws Exception {
        try (SftpTestServer server = server()) {
            server.faults().on(SftpOperation.WRITE).respond(Fault.throttle(512 * 1024));
            try (SshjClient client = SshjClient.connect(server.host(), server.port(), "alice", "secret")) {
                long start = System.nanoTime();
                client.upload("/up.bin", new byte[256 * 1024]);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(400);
            }
            assertThat(server.fileContent("/up.bin")).hasSize(256 * 1024);
        }
    }

    @Test
    void nthWithASequenceFiresOncePerEffectFromTheNthCall() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/a.txt", "a");
            server.faults().on(SftpOperation.STAT).nth(2)
                    .respond(Fault.status(SftpStatus.FAILURE), Fault.status(SftpStatus.NO_SUCH_FILE));
            java.util.List<Integer> outcomes = new java.util.ArrayList<>();
            try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
                for (int i = 0; i < 4; i++) {
                    try {
                        client.sftp().stat("/a.txt");
                        outcomes.add(SftpStatus.OK.code());
                    } catch (org.apache.sshd.sftp.common.SftpException e) {
                        outcomes.add(e.getStatus());
                    }
                }
            }
            assertThat(outcomes).containsExactly(SftpStatus.OK.code(), SftpStatus.FAILURE.code(),
                    SftpStatus.NO_SUCH_FILE.code(), SftpStatus.OK.code());
        }
    }

    @Test
    void badRulesAreRefusedWithTheFix() {
        try (SftpTestServer server = server()) {
            assertThatThrownBy(() -> server.faults().on(SftpOperation.OPEN).nth(0))
                    .hasMessageStartingWith("nth must be at least 1, was 0");
            assertThatThrownBy(() -> server.faults().on(SftpOperation.OPEN).times(0))
                    .hasMessageStartingWith("times must be at least 1, was 0");
            assertThatThrownBy(() -> server.faults().on(SftpOperation.WRITE).respond(Fault.shortRead(10)))
                    .hasMessage("shortRead(10) works on file data, so only on [READ], but the rule watches [WRITE]: "
                            + "use faults().on(READ)");
            assertThatThrownBy(() -> server.faults().on(SftpOperation.OPEN).respond(Fault.throttle(10)))
                    .hasMessageContaining("use faults().on(READ, WRITE)");
            assertThatThrownBy(() -> server.faults().on(SftpOperation.AUTH))
                    .hasMessageContaining("server.auth()");
            assertThatThrownBy(() -> server.faults().on(SftpOperation.OPEN).path("/in/[a"))
                    .hasMessageContaining("is malformed");
            assertThat(server.faults().rules()).isEmpty();
        }
    }

    private static String get(ChannelSftp sftp, String path) throws SftpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sftp.get(path, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
