package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to probe, write-personality and --personality-file: exit code 2 and a message that names the option, the
 * rule and the fix, before anything is contacted (the URLs name a port nothing listens on).
 */
class ProbeCommandInputTest {
    private static final String URL = "sftp://alice@127.0.0.1:1/upload/probe";

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no URL | '' | Missing required parameter: 'sftp://USER@HOST[:PORT]/SCRATCH_DIR'
            no sftp URL | 'http://alice@example.com/x --password-env P' | is no sftp:// URL: use sftp://USER@HOST:PORT/SCRATCH_DIR
            no user | 'sftp://example.com/x --password-env P' | names no user
            a password in the URL | 'sftp://alice:pw@example.com/x --password-env P' | holds a password: a password on the command line is seen by every user of the machine (ps)
            no way to log in | 'URL' | name how to log in: --password-env VAR (the password in an environment variable) or --key FILE
            two ways to log in | 'URL --password-env P --key KEY' | give --password-env or --key, not both
            an unset variable | 'URL --password-env UNSET' | --password-env: the environment variable UNSET is not set: export UNSET=... first
            a missing key | 'URL --key /no/such/key' | --key: no file /no/such/key
            a passphrase without a key | 'URL --password-env P --key-passphrase-env P' | --key-passphrase-env is the passphrase of --key: add --key FILE
            an MD5 fingerprint | 'URL --password-env P --host-fingerprint 16:27:ac' | --host-fingerprint "16:27:ac" is no SHA-256 fingerprint
            a pin and accept-new | 'URL --password-env P --host-fingerprint SHA256:x --accept-new-host-key' | --host-fingerprint trusts exactly one key: drop --accept-new-host-key
            a missing known_hosts | 'URL --password-env P --known-hosts /no/such/file' | --known-hosts: no file /no/such/file
            a timeout without unit | 'URL --password-env P --timeout 10' | --timeout "10" is no duration: use e.g. 10s, 500ms or 2m
            a tiny timeout | 'URL --password-env P --timeout 5ms' | --timeout 5ms is out of range: use 100ms to 10m
            a huge timeout | 'URL --password-env P --timeout 99999999999s' | --timeout 99999999999s is out of range
            an output in a missing directory | 'URL --password-env P --out /no/such/dir/p.json' | --out: the directory /no/such/dir does not exist
            an unknown option | 'URL --password-env P --colour' | Unknown option: '--colour'
            """)
    void refusesBadProbeOptionsWithExitCodeTwo(String what, String args, String message) throws Exception {
        Path key = Files.writeString(temp.resolve("id"), "not really a key");
        List<String> command = new ArrayList<>(List.of("probe"));
        for (String arg : args.split(" ")) {
            if (!arg.isEmpty()) {
                command.add(arg.replace("URL", URL).replace("KEY", key.toString()));
            }
        }

        ProbeRun run = ProbeRun.run(Map.of("P", "secret"), command.toArray(String[]::new));

        assertThat(run.exitCode()).as(what + ": " + run).isEqualTo(2);
        assertThat(run.err()).contains("sftp-test-server probe: ", message,
                "Try 'sftp-test-server probe --help' for the options.");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void reportsAKeyFileThatHoldsNoKeyWithExitCodeOne() throws Exception {
        Path key = Files.writeString(temp.resolve("id_ed25519.pub"), "ssh-ed25519 AAAA alice@host\n");

        ProbeRun run = ProbeRun.run(Map.of(), "probe", URL, "--key", key.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("sftp-test-server probe: ", key.toString());
    }

    @Test
    void reportsAServerThatDoesNotAnswerWithExitCodeOne() {
        ProbeRun run = ProbeRun.run(Map.of("P", "secret"), "probe", URL, "--password-env", "P", "--timeout", "2s");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).contains("sftp-test-server probe: cannot connect to 127.0.0.1:1");
    }

    @Test
    void refusesAnUnknownPresetForWritePersonality() {
        ProbeRun run = ProbeRun.run(Map.of(), "write-personality", "no-such-preset");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("sftp-test-server write-personality: unknown personality \"no-such-preset\": "
                + "use one of no-setstat");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a missing file | '' | --personality-file: personality file MISSING does not exist: write one with the runner's probe (or write-personality) command
            a bad field | '{"format": 1, "name": "p", "sizes": {"read": {"asked": 1, "answered": 0}}}' | --personality-file: FILE: line 1: sizes.read.answered must be a whole number from 1
            a newer format | '{"format": 7, "name": "p"}' | --personality-file: FILE: line 1: format is 7, newer than this version of sftp-test-server reads (1)
            """)
    void refusesABadPersonalityFileWithExitCodeTwo(String what, String content, String message) throws Exception {
        Path file = temp.resolve("partner.json");
        if (!content.isEmpty()) {
            Files.writeString(file, content);
        }

        ProbeRun run = ProbeRun.run(Map.of(), "--port", "0", "--personality-file", file.toString());

        assertThat(run.exitCode()).as(what + ": " + run).isEqualTo(2);
        assertThat(run.err()).contains("sftp-test-server: " + message.replace("MISSING",
                file.toAbsolutePath().toString()).replace("FILE", file.toString()));
    }
}
