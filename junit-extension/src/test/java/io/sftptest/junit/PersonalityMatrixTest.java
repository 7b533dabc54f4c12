package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import io.sftptest.server.Personality;
import io.sftptest.server.SftpTestServer;

/**
 * {@code @PersonalitySource}: one client test against a server of each personality, and the table of which ones it
 * survived. The fixtures run through the engine test kit, so that their failing rows do not fail this build.
 */
class PersonalityMatrixTest {
    static final List<String> observed = new CopyOnWriteArrayList<>();
    private static final String NO_SETSTAT_FAILURE = "IllegalStateException: SFTP client failed: 3: "
            + "SSH_FX_PERMISSION_DENIED: " + Personality.NO_SETSTAT_MESSAGE;

    @BeforeEach
    void clear() {
        observed.clear();
    }

    /** An uploader that keeps the file's modification time, as sshj's put and OpenSSH's put -p do. */
    static class Uploader {
        @ParameterizedTest
        @PersonalitySource(value = {"no-setstat", "setstat-unsupported", "setstat-ignored", "windows-openssh",
                "sftp-v3-only+no-setstat"}, users = "alice:secret")
        void uploadsAndKeepsTheTime(SftpTestServer server) {
            observed.add(server.personalities().toString());
            Sftp.put(server, "alice", "secret", "/report.csv", "a,b\n");
            Sftp.run(server.host(), server.port(), "alice", "secret", sftp -> sftp.setMtime("/report.csv", 0));
        }
    }

    @Test
    void runsTheTestOncePerPersonalityAgainstAServerThatHasIt() {
        EngineExecutionResults results = Kit.run(Uploader.class);

        results.testEvents().assertStatistics(s -> s.started(5).succeeded(2).failed(3));
        results.testEvents().succeeded().assertEventsMatchExactly(event(test(), displayName("[3] setstat-ignored")),
                event(test(), displayName("[4] windows-openssh")));
        assertThat(observed).containsExactly("[no-setstat]", "[setstat-unsupported]", "[setstat-ignored]",
                "[windows-openssh]", "[sftp-v3-only, no-setstat]");
    }

    @Test
    void writesTheTableOfWhatTheClientSurvivedAndHowEachFailureLooked() throws Exception {
        Path file = Path.of(PersonalityMatrix.DIRECTORY, Uploader.class.getName() + ".uploadsAndKeepsTheTime.txt");
        Files.deleteIfExists(file);

        Kit.run(Uploader.class);

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly(
                "Personality matrix of " + Uploader.class.getName() + ".uploadsAndKeepsTheTime: survived 2 of 5",
                "  personality              result    how it failed",
                "  no-setstat               FAILED    " + NO_SETSTAT_FAILURE,
                "  setstat-unsupported      FAILED    IllegalStateException: SFTP client failed: 8: SSH_FX_OP_UNSUPPORTED: "
                        + "Command SSH_FXP_SETSTAT is unsupported",
                "  setstat-ignored          survived",
                "  windows-openssh          survived",
                "  sftp-v3-only+no-setstat  FAILED    " + NO_SETSTAT_FAILURE);
    }

    static class EveryPreset {
        @ParameterizedTest
        @PersonalitySource(exclude = "sftp-v6-only")
        void starts(SftpTestServer server) {
            observed.add(server.personalities().get(0).name());
        }
    }

    @Test
    void runsEveryPresetLessTheExcludedOnesWhenNoneIsNamed() {
        Kit.run(EveryPreset.class).testEvents().assertStatistics(s -> s.started(Personality.presets().size() - 1)
                .succeeded(Personality.presets().size() - 1));
        assertThat(observed).containsExactlyElementsOf(Personality.presets().stream().map(Personality::name)
                .filter(name -> !name.equals("sftp-v6-only")).toList());
    }

    static class UnknownName {
        @ParameterizedTest
        @PersonalitySource({"no-setstat", "windows"})
        void test(SftpTestServer server) {
            observed.add("ran");
        }
    }

    static class Clash {
        @ParameterizedTest
        @PersonalitySource("no-setstat+setstat-ignored")
        void test(SftpTestServer server) {
            observed.add("ran");
        }
    }

    static class ExcludedNotRun {
        @ParameterizedTest
        @PersonalitySource(value = "no-setstat", exclude = "slow")
        void test(SftpTestServer server) {
            observed.add("ran");
        }
    }

    static class BadUser {
        @ParameterizedTest
        @PersonalitySource(value = "no-setstat", users = "alice")
        void test(SftpTestServer server) {
            observed.add("ran");
        }
    }

    @Test
    void refusesAnUnknownNameAClashAnExclusionOfWhatDoesNotRunAndABadUserBeforeAnyServerStarts() {
        Kit.run(UnknownName.class).containerEvents().assertThatEvents().haveExactly(1, event(container("test"),
                finishedWithFailure(message(m -> m.startsWith("@PersonalitySource on UnknownName.test: unknown "
                        + "personality \"windows\": use one of ") && m.contains("windows-openssh")))));
        Kit.run(Clash.class).containerEvents().assertThatEvents().haveExactly(1, event(container("test"),
                finishedWithFailure(message("@PersonalitySource on Clash.test: personalities no-setstat and "
                        + "setstat-ignored both set what SETSTAT and FSETSTAT do: keep one"))));
        Kit.run(ExcludedNotRun.class).containerEvents().assertThatEvents().haveExactly(1, event(container("test"),
                finishedWithFailure(message(m -> m.contains("exclude names \"slow\", which is not run anyway")))));
        Kit.run(BadUser.class).containerEvents().assertThatEvents().haveExactly(1, event(container("test"),
                finishedWithFailure(message("@PersonalitySource on BadUser.test: users entry \"alice\" must be "
                        + "\"name:password\", e.g. \"alice:secret\""))));
        assertThat(observed).isEmpty();
    }
}
