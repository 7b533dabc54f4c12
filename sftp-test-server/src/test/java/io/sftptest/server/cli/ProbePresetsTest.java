package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.sftptest.server.Personality;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Change;
import io.sftptest.server.internal.personality.PersonalityFile.Names;
import io.sftptest.server.internal.personality.PersonalityFileWriter;
import io.sftptest.server.internal.probe.ProbeException;
import io.sftptest.server.internal.probe.ProbeSettings;
import io.sftptest.server.internal.probe.ProbeTarget;
import io.sftptest.server.internal.probe.ServerProbe;

/**
 * The probe run against this server with each built-in personality: the file shows the personality's behaviour
 * (where it is a probed point), and the file of one loaded back into this server answers the same.
 */
class ProbePresetsTest {
    private static final Answer PERMISSION_DENIED_NO_SETSTAT = new Answer(3, Personality.NO_SETSTAT_MESSAGE);

    /** The plain server's file, to which each preset is compared. */
    private static Map<String, String> plain;

    @BeforeAll
    static void probeThePlainServer() throws ProbeException {
        plain = PersonalityPoints.of(probe(SftpTestServer.builder(), "/probe"));
    }

    static Stream<Arguments> presets() {
        return Personality.presets().stream().map(preset -> Arguments.of(preset.name(),
                // the probe measures no latency; the preset's own 100 ms per request would make this take a minute
                preset == Personality.SLOW ? Personality.slow(Duration.ofMillis(1), 0) : preset));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void theFileShowsWhatThePersonalityDoes(String name, Personality preset) throws ProbeException {
        String scratch = preset.name().startsWith("inbox-only") ? "/inbox/probe" : "/probe";
        PersonalityFile file = probe(SftpTestServer.builder().personality(preset), scratch);
        Map<String, String> points = PersonalityPoints.of(file);

        switch (name) {
            case "no-setstat" -> {
                assertThat(file.attributes().setstat()).isEqualTo(new Change(PERMISSION_DENIED_NO_SETSTAT, null));
                assertThat(file.attributes().fsetstat()).isEqualTo(new Change(PERMISSION_DENIED_NO_SETSTAT, null));
                assertThat(file.sftp().extension("lsetstat@openssh.com").answer())
                        .isEqualTo(PERMISSION_DENIED_NO_SETSTAT);
            }
            case "write-only" -> {
                assertThat(file.errors().openMissing().status()).isEqualTo(3);
                assertThat(file.errors().openMissing().message()).contains("write-only account");
                assertThat(file.sizes().readdir()).isNull();
                assertThat(file.probe().incomplete()).anySatisfy(line -> assertThat(line)
                        .startsWith("directory listing: ").contains("PERMISSION_DENIED"));
            }
            case "no-overwrite" -> {
                assertThat(file.writes().overwrite().answer().status()).isEqualTo(3);
                assertThat(file.writes().append().answer().status()).isEqualTo(3);
                assertThat(file.rename().ontoExisting().answer().status()).isEqualTo(3);
                assertThat(file.rename().posixOntoExisting().answer().status()).isEqualTo(3);
            }
            case "no-posix-rename" -> {
                assertThat(file.sftp().extension("posix-rename@openssh.com")).isNull();
                assertThat(file.rename().posixOntoExisting()).isNull();
            }
            case "inbox-only=/inbox" -> assertThat(file.errors().rmdirNotEmpty())
                    .isEqualTo(new Answer(3, "this server does not delete directories"));
            case "sftp-v3-only" -> assertThat(file.sftp().versions()).containsExactly(3);
            case "sftp-v6-only" -> {
                assertThat(file.sftp().versions()).as("the versions; what the probe could not do: %s",
                        file.probe().incomplete()).containsExactly(6);
                assertThat(file.probe().incomplete()).anySatisfy(line -> assertThat(line)
                        .contains("the server refuses SFTP version 3"));
            }
            case "ssh-rsa-only" -> assertThat(file.ssh().hostKeyAlgorithms()).containsExactly("ssh-rsa");
            case "cbc-only" -> {
                assertThat(file.ssh().ciphers()).containsExactly("aes128-cbc", "aes192-cbc", "aes256-cbc");
                assertThat(file.ssh().macs()).containsExactly("hmac-sha2-256", "hmac-sha2-512", "hmac-sha1");
            }
            case "small-reads=32768" -> assertThat(file.sizes().read().answered()).isEqualTo(32768);
            case "case-insensitive" -> assertThat(file.names().caseSensitive()).isFalse();
            // what these do is no probed point: NO_SUCH_PATH goes to SFTP v4+ clients only (the probe speaks v3),
            // exec requests and latency are not probed; the file is the plain server's
            case "setstat-unsupported" -> assertThat(file.attributes().setstat()).isEqualTo(new Change(
                    new Answer(8, "Command SSH_FXP_SETSTAT is unsupported"), null));
            case "setstat-ignored" -> assertThat(file.attributes().setstat()).isEqualTo(new Change(Answer.ok(), false));
            case "rename-overwrites" -> assertThat(file.rename().ontoExisting())
                    .isEqualTo(new Change(Answer.ok(), true));
            case "append-ignored" -> assertThat(file.writes().append()).isEqualTo(new Change(Answer.ok(), false));
            case "readdir-single" -> assertThat(file.sizes().readdir().largestReply()).isEqualTo(1);
            case "windows-openssh" -> {
                assertThat(file.names().realpathForm()).isEqualTo(Names.WINDOWS_DRIVE);
                assertThat(file.names().caseSensitive()).isFalse();
                assertThat(file.sftp().extension("posix-rename@openssh.com")).isNull();
            }
            case "noisy-login" -> assertThat(file.sftp().noiseBeforeVersion()).isEqualTo(Personality.LOGIN_NOISE);
            case "extensions-unsupported" -> assertThat(file.sftp().extension("statvfs@openssh.com").answer().status())
                    .isEqualTo(8);
            // what these do is no probed point: NO_SUCH_PATH goes to SFTP v4+ clients only (the probe speaks v3),
            // exec requests and latency are not probed, and the probe's directory fits in one READDIR answer of the
            // plain server as well (readdir-all); the file is the plain server's
            case "no-such-path", "no-exec", "slow=100ms,1048576", "readdir-all" -> assertThat(points).isEqualTo(plain);
            default -> throw new AssertionError("a preset this test does not know yet: " + name
                    + "; say what its file shows");
        }
        if (!List.of("no-such-path", "no-exec", "slow=100ms,1048576", "readdir-all").contains(name)) {
            assertThat(points).isNotEqualTo(plain);
        }
    }

    static Stream<Arguments> presetsWhoseBehaviourIsInTheFile() {
        return Stream.of(Personality.NO_SETSTAT, Personality.NO_OVERWRITE, Personality.NO_POSIX_RENAME,
                Personality.SFTP_V3_ONLY, Personality.SSH_RSA_ONLY, Personality.CBC_ONLY, Personality.SMALL_READS,
                Personality.CASE_INSENSITIVE, Personality.SETSTAT_UNSUPPORTED, Personality.SETSTAT_IGNORED,
                Personality.RENAME_OVERWRITES, Personality.APPEND_IGNORED, Personality.READDIR_SINGLE,
                Personality.WINDOWS_OPENSSH, Personality.NOISY_LOGIN, Personality.EXTENSIONS_UNSUPPORTED)
                .map(p -> Arguments.of(p.name(), p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presetsWhoseBehaviourIsInTheFile")
    void theFileOfAPersonalityLoadedBackAnswersTheSame(String name, Personality preset, @TempDir Path temp)
            throws Exception {
        PersonalityFile file = probe(SftpTestServer.builder().personality(preset), "/probe");
        Path written = Files.writeString(temp.resolve("preset.json"), PersonalityFileWriter.write(file));
        Personality loaded = Personality.load(written);

        PersonalityFile again = probe(SftpTestServer.builder().personality(loaded), "/probe");

        assertThat(loaded.limitations()).isEmpty();
        assertThat(PersonalityPoints.differing(file, again)).as(name).isEmpty();
    }

    static PersonalityFile probe(SftpTestServer.Builder builder, String scratch) throws ProbeException {
        try (SftpTestServer server = builder.user("alice", "secret").start()) {
            ProbeSettings settings = new ProbeSettings(ProbeTarget.parse("sftp://alice@127.0.0.1:" + server.port()
                    + scratch), "secret", "TEST", null, null, null, null, true, false, Duration.ofSeconds(10),
                    "test");
            ServerProbe.ProbeOutcome outcome = new ServerProbe(settings, line -> { }).run();
            return outcome.file();
        }
    }
}
