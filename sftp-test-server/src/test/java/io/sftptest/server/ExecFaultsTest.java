package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault rules on {@link SftpOperation#EXEC}: which effects apply to a command, and how. */
class ExecFaultsTest {
    private static final String MD5_OF_X = "9dd4e461268c8034f5c8564e155c67a6";

    private SftpTestServer server;
    private MinaClient client;

    @BeforeEach
    void start() {
        server = SftpTestServer.builder().user("alice", "secret").file("/a.bin", "x").start();
        client = MinaClient.connect(server.host(), server.port(), "alice", "secret");
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void failsAMatchingCommandWithTheExitStatusAndMessageGivenWithoutRunningIt() {
        FaultRule rule = server.faults().on(SftpOperation.EXEC).command("md5sum *")
                .respond(Fault.exitStatus(1, "md5sum: /a.bin: Input/output error"));

        assertThat(exec("md5sum /a.bin")).isEqualTo(new Exec("", "md5sum: /a.bin: Input/output error\n", 1));
        assertThat(exec("id -u").exitStatus()).isZero();
        assertThat(rule.fired()).isEqualTo(1);
        RecordedRequest failed = server.recording().first(RequestFilter.operation(SftpOperation.EXEC)).orElseThrow();
        assertThat(failed.summary()).endsWith("EXEC md5sum /a.bin : exit 1 (md5sum: /a.bin: Input/output error) "
                + "[fault: exitStatus(1, \"md5sum: /a.bin: Input/output error\")]");
    }

    @Test
    void replacesTheExitStatusOfACommandThatRanWhenAfter() {
        server.faults().on(SftpOperation.EXEC).after().once().respond(Fault.exitStatus(3));

        assertThat(exec("md5sum /a.bin")).isEqualTo(new Exec(MD5_OF_X + "  /a.bin\n", "", 3));
        assertThat(exec("md5sum /a.bin")).isEqualTo(new Exec(MD5_OF_X + "  /a.bin\n", "", 0));
    }

    @Test
    void holdsACommandUntilTheTestReleasesIt() throws Exception {
        FaultRule rule = server.faults().on(SftpOperation.EXEC).command("id *").respond(Fault.hang());
        CompletableFuture<Exec> held = CompletableFuture.supplyAsync(() -> exec("id -u"));

        assertThat(rule.awaitFired(1, Duration.ofSeconds(10))).isTrue();
        assertThat(held).isNotDone();
        assertThat(exec("echo meanwhile")).isEqualTo(new Exec("meanwhile\n", "", 0));
        rule.release();

        assertThat(held.get(20, TimeUnit.SECONDS).exitStatus()).isZero();
    }

    @Test
    void delaysACommandAndRecordsTheDelay() {
        server.faults().on(SftpOperation.EXEC).respond(Fault.delay(Duration.ofMillis(20)));

        assertThat(exec("echo late")).isEqualTo(new Exec("late\n", "", 0));
        assertThat(server.recording().first(RequestFilter.operation(SftpOperation.EXEC)).orElseThrow().fault())
                .isEqualTo(new AppliedFault(Fault.delay(Duration.ofMillis(20)), false)).hasToString("delay(PT0.02S)");
    }

    @Test
    void closesTheChannelWithoutAnExitStatusAndKeepsTheConnection() {
        server.faults().on(SftpOperation.EXEC).once().respond(Fault.closeChannel());

        Exec cut = exec("md5sum /a.bin");

        assertThat(cut.exitStatus()).isNull();
        assertThat(cut.out()).isEmpty();
        assertThat(exec("id -u").exitStatus()).as("a new channel on the same connection").isZero();
        RecordedRequest record = server.recording().first(RequestFilter.operation(SftpOperation.EXEC)).orElseThrow();
        assertThat(record.exitStatus()).isNull();
        assertThat(record.summary()).endsWith("EXEC md5sum /a.bin : no exit status [fault: closeChannel()]");
    }

    @Test
    void dropsTheConnectionOnACommand() {
        server.faults().on(SftpOperation.EXEC).respond(Fault.disconnect());

        assertThat(Exec.run(client.session(), "id -u").exitStatus()).isNull();

        Await.await("the connection dropped", () -> !client.session().isOpen(), Duration.ofSeconds(10));
        assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.EXEC)))
                .extracting(RecordedRequest::fault).containsExactly(new AppliedFault(Fault.disconnect(), false));
    }

    @Test
    void refusesEffectsAndTriggersThatHaveNoMeaningForACommandAndNamesTheFix() {
        Faults faults = server.faults();

        assertThatThrownBy(() -> faults.on(SftpOperation.EXEC).respond(Fault.status(SftpStatus.FAILURE)))
                .hasMessage("status(FAILURE) answers an SFTP status, which an EXEC has no place for: use "
                        + "Fault.exitStatus(1, \"message on stderr\") in a rule on EXEC alone");
        assertThatThrownBy(() -> faults.on(SftpOperation.OPEN).respond(Fault.exitStatus(1)))
                .hasMessage("exitStatus(1) ends a command, so only on EXEC, but the rule watches [OPEN]: use "
                        + "faults().on(SftpOperation.EXEC), or Fault.status(...) for SFTP requests");
        assertThatThrownBy(() -> faults.on(SftpOperation.EXEC, SftpOperation.OPEN).respond(Fault.exitStatus(1)))
                .hasMessageContaining("but the rule watches [OPEN]");
        assertThatThrownBy(() -> faults.on(SftpOperation.EXEC).respond(Fault.throttle(1024)))
                .hasMessageContaining("works on file data, so only on [READ, WRITE]");
        assertThatThrownBy(() -> faults.on(SftpOperation.EXEC).path("/a.bin"))
                .hasMessage("path(\"/a.bin\") does not apply to EXEC, whose command line has no one path: match the "
                        + "command line with command(\"md5sum /a.bin\")");
        assertThatThrownBy(() -> faults.on(SftpOperation.OPEN).command("md5sum *"))
                .hasMessage("command(\"md5sum *\") needs a rule on EXEC: use faults().on(SftpOperation.EXEC)"
                        + ".command(\"md5sum *\")");
        assertThatThrownBy(() -> Fault.exitStatus(256))
                .hasMessage("exit status must be 0 to 255 (a shell's exit status is one byte), was 256");
        assertThat(faults.rules()).isEmpty();
    }

    @Test
    void matchesTheCommandLineWithAGlobWhoseStarsCrossSlashes() {
        FaultRule rule = server.faults().on(SftpOperation.EXEC).command("{md5sum,sha1sum} /in/*")
                .respond(Fault.exitStatus(9));

        List<Integer> statuses = List.of(exec("md5sum /in/x/y").exitStatus(), exec("sha1sum /in/z").exitStatus(),
                exec("md5sum /a.bin").exitStatus());

        assertThat(statuses).containsExactly(9, 9, 0);
        assertThat(rule.fired()).isEqualTo(2);
        assertThat(rule.toString()).isEqualTo("on(EXEC).command(\"{md5sum,sha1sum} /in/*\") -> exitStatus(9)"
                + " (fired 2x)");
    }

    private Exec exec(String command) {
        return Exec.run(client.session(), command);
    }
}
