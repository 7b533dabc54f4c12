package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

class FaultRuleSpecTest {
    private final SftpTestServer server = SftpTestServer.builder().port(0).build();

    @AfterEach
    void close() {
        server.close();
    }

    private String applied(String rule) {
        return FaultRuleSpec.parse(rule).apply(server.faults()).toString().replaceFirst(" \\(fired 0x\\)$", "");
    }

    @Test
    void parsesTriggersAndRequestEffects() {
        assertThat(applied("OPEN /in/*.csv status=PERMISSION_DENIED times=1"))
                .isEqualTo("on(OPEN).path(\"/in/*.csv\").times(1) -> status(PERMISSION_DENIED)");
        assertThat(applied("open,stat /in/** status=FAILURE message=\"quota exceeded\" nth=3"))
                .isEqualTo("on(OPEN, STAT).path(\"/in/**\").nth(3) -> status(FAILURE, \"quota exceeded\")");
        assertThat(applied("WRITE after status=FAILURE once"))
                .isEqualTo("on(WRITE).times(1).after() -> status(FAILURE)");
        assertThat(applied("WRITE disconnectAfterBytes=1048576")).isEqualTo("on(WRITE) -> disconnectAfterBytes(1048576)");
        assertThat(applied("READ throttle=524288")).isEqualTo("on(READ) -> throttle(524288)");
        assertThat(applied("READ shortRead=1000 always")).isEqualTo("on(READ).always() -> shortRead(1000)");
        assertThat(applied("STAT closeChannel once")).isEqualTo("on(STAT).times(1) -> closeChannel()");
        assertThat(applied("RENAME user=bob disconnect")).isEqualTo("on(RENAME).user(\"bob\") -> disconnect()");
        assertThat(applied("EXTENDED extension=posix-rename@openssh.com status=FAILURE"))
                .isEqualTo("on(EXTENDED).extension(\"posix-rename@openssh.com\") -> status(FAILURE)");
        assertThat(applied("READDIR hang")).isEqualTo("on(READDIR) -> hang()");
        assertThat(applied("CLOSE none")).isEqualTo("on(CLOSE) -> none()");
    }

    @Test
    void readsDurationsAndByteCountsAsPersonalityParametersDo() {
        assertThat(applied("STAT delay=1500")).as("no unit: milliseconds, as in slow=1500")
                .isEqualTo("on(STAT) -> delay(PT1.5S)");
        assertThat(applied("STAT delay=PT3S")).isEqualTo("on(STAT) -> delay(PT3S)");
        assertThat(applied("READ throttle=512KiB")).isEqualTo("on(READ) -> throttle(524288)");
        assertThat(applied("WRITE disconnectAfterBytes=1MiB")).isEqualTo("on(WRITE) -> disconnectAfterBytes(1048576)");
        assertThat(error("READ throttle=fast")).isEqualTo("\"READ throttle=fast\": at 15: expected a number of bytes "
                + "like 1048576, 512KiB or 1MiB for throttle, was \"fast\"");
    }

    @Test
    void parsesDurations() {
        assertThat(applied("STAT delay=2s")).isEqualTo("on(STAT) -> delay(PT2S)");
        assertThat(applied("STAT delay=500ms")).isEqualTo("on(STAT) -> delay(PT0.5S)");
        assertThat(applied("STAT hang=1m")).isEqualTo("on(STAT) -> hang(PT1M)");
        assertThat(applied("CONNECT delayBanner=5s")).isEqualTo("onConnection() -> delayBanner(PT5S)");
    }

    @Test
    void parsesConnectionRules() {
        assertThat(applied("CONNECT refuse once")).isEqualTo("onConnection().times(1) -> refuse()");
        assertThat(applied("connect closeAfterAccept")).isEqualTo("onConnection() -> closeAfterAccept()");
        assertThat(applied("CONNECT stallKeyExchange nth=2"))
                .isEqualTo("onConnection().nth(2) -> stallKeyExchange()");
        assertThat(applied("CONNECT refuse then none")).isEqualTo("onConnection() -> refuse(), none()");
    }

    @Test
    void parsesTransportFaults() {
        assertThat(applied("CONNECT stallWindowAfter=1048576 once"))
                .isEqualTo("onConnection().times(1) -> stallWindowAfter(1048576)");
        assertThat(applied("CONNECT rekeyAfterBytes=65536")).isEqualTo("onConnection() -> rekeyAfterBytes(65536)");
        assertThat(applied("CONNECT rekeyEvery=2s")).isEqualTo("onConnection() -> rekeyEvery(PT2S)");
        assertThat(applied("CONNECT stallRekeyAfter=100 then none"))
                .isEqualTo("onConnection() -> stallRekeyAfter(100), none()");
        assertThat(error("CONNECT stallWindowAfter")).isEqualTo(
                "\"CONNECT stallWindowAfter\": at 9: stallWindowAfter needs a value: stallWindowAfter=...");
        assertThat(error("CONNECT rekeyAfterBytes=0")).isEqualTo(
                "\"CONNECT rekeyAfterBytes=0\": at 25: rekeyAfterBytes must be at least 1, was 0");
        assertThat(error("CONNECT rekeyEvery=soon")).contains("expected a duration like 500ms, 2s, 1m or 1h");
        assertThat(error("CONNECT refuse=1")).contains("refuse takes no value");
        assertThat(error("STAT stallWindowAfter=1")).contains("unknown word \"stallWindowAfter\"");
    }

    @Test
    void parsesSequencesAndQuotedMessages() {
        assertThat(applied("OPEN /in/*.csv status=FAILURE then status=FAILURE then none"))
                .isEqualTo("on(OPEN).path(\"/in/*.csv\") -> status(FAILURE), status(FAILURE), none()");
        assertThat(applied("MKDIR message=\"say \\\"no\\\"\" status=FAILURE then delay=1s"))
                .isEqualTo("on(MKDIR) -> status(FAILURE, \"say \"no\"\"), delay(PT1S)");
        assertThat(applied("OPEN \"/with space/*\" status=NO_SUCH_FILE"))
                .isEqualTo("on(OPEN).path(\"/with space/*\") -> status(NO_SUCH_FILE)");
    }

    @Test
    void parsesExecRulesWithACommandGlobAndAnExitStatus() {
        assertThat(applied("EXEC command=\"md5sum *\" exitStatus=1 message=\"md5sum: /a.bin: Input/output error\""))
                .isEqualTo("on(EXEC).command(\"md5sum *\") -> exitStatus(1, \"md5sum: /a.bin: Input/output error\")");
        assertThat(applied("exec command=\"id -u\" hang once")).isEqualTo("on(EXEC).command(\"id -u\").times(1) -> hang()");
        assertThat(applied("EXEC after exitStatus=3 then none")).isEqualTo("on(EXEC).after() -> exitStatus(3), none()");
        assertThat(applied("EXEC closeChannel")).isEqualTo("on(EXEC) -> closeChannel()");
    }

    @Test
    void refusesWhatAnExecRuleCannotDoAndNamesTheFix() {
        assertThat(error("EXEC /in/* exitStatus=1")).isEqualTo("\"EXEC /in/* exitStatus=1\": at 6: a path does not "
                + "apply to EXEC rules: match the command line with command=\"md5sum /in/*\"");
        assertThat(error("EXEC exitStatus=256")).isEqualTo("\"EXEC exitStatus=256\": at 17: exit status must be 0 to "
                + "255 (a shell's exit status is one byte), was 256");
        assertThat(error("EXEC exitStatus=x")).startsWith("\"EXEC exitStatus=x\": at 17: expected a whole number");
        assertThat(error("EXEC exitStatus=1 status=FAILURE")).contains("at 19: a second effect \"status\"");
        assertThatThrownBy(() -> FaultRuleSpec.parse("EXEC status=FAILURE").apply(server.faults()))
                .hasMessageStartingWith("\"EXEC status=FAILURE\": status(FAILURE) answers an SFTP status, which an "
                        + "EXEC has no place for: use Fault.exitStatus(");
        assertThatThrownBy(() -> FaultRuleSpec.parse("OPEN command=\"md5sum *\" none").apply(server.faults()))
                .hasMessageStartingWith("\"OPEN command=\"md5sum *\" none\": command(\"md5sum *\") needs a rule on EXEC");
        assertThatThrownBy(() -> FaultRuleSpec.parse("OPEN exitStatus=1").apply(server.faults()))
                .hasMessageContaining("exitStatus(1) ends a command, so only on EXEC");
        assertThat(server.faults().rules()).isEmpty();
    }

    private static String error(String rule) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> FaultRuleSpec.parse(rule));
        assertThat(thrown).as(rule).isInstanceOf(IllegalArgumentException.class);
        return thrown.getMessage();
    }

    @Test
    void namesTheRuleThePositionAndWhatWasExpected() {
        assertThat(error("OPEN /in status=NOPE")).isEqualTo("\"OPEN /in status=NOPE\": at 17: unknown status \"NOPE\": "
                + "use one of OK, EOF, NO_SUCH_FILE, PERMISSION_DENIED, FAILURE, BAD_MESSAGE, NO_CONNECTION, "
                + "CONNECTION_LOST, OP_UNSUPPORTED, INVALID_HANDLE, NO_SUCH_PATH, FILE_ALREADY_EXISTS, WRITE_PROTECT, "
                + "NO_MEDIA, NO_SPACE_ON_FILESYSTEM, QUOTA_EXCEEDED, UNKNOWN_PRINCIPAL, LOCK_CONFLICT, DIR_NOT_EMPTY, "
                + "NOT_A_DIRECTORY, INVALID_FILENAME, LINK_LOOP, CANNOT_DELETE, INVALID_PARAMETER, "
                + "FILE_IS_A_DIRECTORY, BYTE_RANGE_LOCK_CONFLICT, BYTE_RANGE_LOCK_REFUSED, DELETE_PENDING, "
                + "FILE_CORRUPT, OWNER_INVALID, GROUP_INVALID, NO_MATCHING_BYTE_RANGE_LOCK");
        assertThat(error("OPEN /in")).isEqualTo("\"OPEN /in\": at 9: no effect: add one of status=NAME, exitStatus=N, "
                + "disconnect, disconnectAfterBytes=N, delay=DURATION, throttle=BYTES_PER_SECOND, hang, hang=DURATION, "
                + "shortRead=N, closeChannel or none");
        assertThat(error("OPEN bogus")).isEqualTo("\"OPEN bogus\": at 6: unknown word \"bogus\": use after, once, "
                + "always, times=N, nth=N, user=NAME, extension=NAME, command=\"GLOB\", status=NAME, exitStatus=N, "
                + "message=\"TEXT\", disconnect, disconnectAfterBytes=N, delay=DURATION, throttle=BYTES_PER_SECOND, "
                + "hang, hang=DURATION, shortRead=N, closeChannel, none, then, or a path starting with / or *");
        assertThat(error("OPEN,FOO none")).startsWith("\"OPEN,FOO none\": at 6: unknown operation \"FOO\": use CONNECT "
                + "or one of OPEN, CLOSE, READ, WRITE,");
        assertThat(error("STAT delay=2x")).isEqualTo(
                "\"STAT delay=2x\": at 12: expected a duration like 500ms, 2s, 1m or 1h for delay, was \"2x\"");
        assertThat(error("STAT status=FAILURE disconnect")).isEqualTo("\"STAT status=FAILURE disconnect\": at 21: "
                + "a second effect \"disconnect\": separate a sequence of effects with then, e.g. status=FAILURE then none");
        assertThat(error("STAT none then")).startsWith("\"STAT none then\": at 15: expected an effect after then");
        assertThat(error("STAT then none")).startsWith("\"STAT then none\": at 6: expected an effect before then");
        assertThat(error("STAT message=\"x\" none")).startsWith("\"STAT message=\"x\" none\": at 6: message= belongs to");
        assertThat(error("STAT message=\"x\"")).startsWith("\"STAT message=\"x\"\": at 6: message= belongs to");
        assertThat(error("STAT message=\"open")).isEqualTo("\"STAT message=\"open\": at 14: unclosed quote: "
                + "expected a closing \"");
        assertThat(error("STAT nth=0 none")).startsWith("\"STAT nth=0 none\": at 10: nth must be at least 1");
        assertThat(error("STAT once=2 none")).startsWith("\"STAT once=2 none\": at 6: once takes no value");
        assertThat(error("CONNECT user=bob refuse")).startsWith("\"CONNECT user=bob refuse\": at 9: user does not "
                + "apply to CONNECT rules");
        assertThat(error("CONNECT,OPEN refuse")).contains("at 1: CONNECT cannot be combined");
        assertThat(error("CONNECT /x refuse")).contains("at 9: a path does not apply to CONNECT rules");
        assertThat(error("")).isEqualTo("\"\": at 1: empty rule: expected the operations, e.g. OPEN or OPEN,STAT "
                + "or CONNECT");
        assertThat(error("READ throttle=0")).isEqualTo(
                "\"READ throttle=0\": at 15: throttle must be at least 1 byte per second, was 0");
    }

    @Test
    void wrapsWhatTheApiRejectsWithTheRule() {
        assertThatThrownBy(() -> FaultRuleSpec.parse("WRITE shortRead=10").apply(server.faults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"WRITE shortRead=10\": shortRead(10) works on file data, so only on [READ], but the "
                        + "rule watches [WRITE]: use faults().on(READ)");
        assertThatThrownBy(() -> FaultRuleSpec.parse("OPEN extension=x none").apply(server.faults()))
                .hasMessageStartingWith("\"OPEN extension=x none\": extension(\"x\") needs a rule on EXTENDED");
        assertThat(server.faults().rules()).isEmpty();
    }
}
