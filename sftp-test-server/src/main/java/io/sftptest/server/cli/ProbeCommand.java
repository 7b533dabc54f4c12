package io.sftptest.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sftptest.server.Personality;
import io.sftptest.server.internal.personality.PersonalityFileWriter;
import io.sftptest.server.internal.probe.ProbeException;
import io.sftptest.server.internal.probe.ProbeReport;
import io.sftptest.server.internal.probe.ProbeSettings;
import io.sftptest.server.internal.probe.ProbeTarget;
import io.sftptest.server.internal.probe.ServerProbe;
import io.sftptest.server.internal.probe.ServerProbe.ProbeOutcome;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code probe}: runs a fixed set of harmless checks against a real SFTP server and writes what it saw as a
 * personality file, which the test server loads to answer like that server. See docs/PERSONALITY-FILES.md.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Probes a real SFTP server and writes a personality file that the test server loads "
                + "(--personality-file, @SftpServerTest(personalityFiles = ...)) to answer like it.",
            "It writes only inside SCRATCH_DIR, which it creates (an existing one is refused) and removes afterwards, "
                    + "also after a failure or Ctrl-C. --read-only only connects, lists and stats."},
        footer = {"", "Example: SFTP_PASSWORD=... sftp-test-server probe sftp://alice@sftp.example.com/upload/probe "
                + "--password-env SFTP_PASSWORD --out partner.personality.json",
            "Exit codes: 0 every check ran, 3 the file is partial (a check did not finish, or something could not be "
                    + "removed: the report says what), 1 no file (no connection, host key, login or scratch directory), "
                    + "2 bad options."})
final class ProbeCommand implements Callable<Integer> {
    /** The exit code of a file that is written but misses checks. */
    static final int PARTIAL = 3;

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Parameters(index = "0", paramLabel = "sftp://USER@HOST[:PORT]/SCRATCH_DIR",
            description = "The server, the user, and the directory to create and work in (/~/DIR: below the home "
                    + "directory). With --read-only, an existing directory to list.")
    String url;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Log in with the password in this environment variable (never on the command line).")
    String passwordVariable;

    @Option(names = "--key", paramLabel = "FILE", description = "Log in with this private key (OpenSSH or PEM).")
    Path key;

    @Option(names = "--key-passphrase-env", paramLabel = "VAR",
            description = "The passphrase of an encrypted --key, in this environment variable.")
    String keyPassphraseVariable;

    @Option(names = "--read-only", description = "Only connect, list and stat: nothing is created or changed.")
    boolean readOnly;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the personality file (default: HOST.personality.json).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "The personality's name in the file (default: HOST).")
    String name;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Trust the host keys an OpenSSH known_hosts file lists (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--host-fingerprint", paramLabel = "SHA256:...",
            description = "Trust only this host key, as ssh-keygen -lf prints it (instead of known_hosts).")
    String hostFingerprint;

    @Option(names = "--accept-new-host-key",
            description = "Trust a host that known_hosts does not list, for this run (its fingerprint is printed and "
                    + "written to the file; nothing is added to known_hosts). A listed host with another key is "
                    + "still refused.")
    boolean acceptNewHostKey;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "The longest wait for any one answer, e.g. 10s or 500ms (default: ${DEFAULT-VALUE}); after "
                    + "two timeouts the probe stops and writes a partial file.")
    String timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment the password and passphrase are read from; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        ProbeSettings settings = settings();
        Path target = out != null ? out : Path.of(settings.name() + ".personality.json");
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw usage("--out: the directory " + parent + " does not exist");
        }
        PrintWriter printer = spec.commandLine().getOut();
        ServerProbe probe = new ServerProbe(settings, printer::println);
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C or SIGTERM: stop at once, remove the scratch directory, and let the JVM go only after that
        Thread hook = new Thread(() -> {
            probe.cancel();
            try {
                finished.await(settings.timeout().toMillis() * 4 + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sftp-test-server-probe-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(probe, target, printer);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for this
            }
        }
    }

    private int run(ServerProbe probe, Path target, PrintWriter printer) {
        ProbeOutcome outcome;
        try {
            outcome = probe.run();
        } catch (ProbeException e) {
            spec.commandLine().getErr().println("sftp-test-server probe: " + e.getMessage());
            return 1;
        }
        try {
            Files.writeString(target, PersonalityFileWriter.write(outcome.file()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("sftp-test-server probe: cannot write " + target.toAbsolutePath()
                    + ": " + e.getMessage());
            return 1;
        }
        printer.println();
        ProbeReport.render(outcome.file()).forEach(printer::println);
        if (!outcome.leftBehind().isEmpty()) {
            printer.println("Could not remove (remove by hand):");
            outcome.leftBehind().forEach(line -> printer.println("  " + line));
        }
        List<String> limitations = Personality.load(target).limitations();
        if (!limitations.isEmpty()) {
            printer.println("The test server cannot reproduce yet:");
            limitations.forEach(line -> printer.println("  " + line));
        }
        printer.println((outcome.complete() ? "Wrote " : "Wrote a partial file (see \"Not finished\"): ")
                + target.toAbsolutePath());
        printer.flush();
        return outcome.complete() && outcome.leftBehind().isEmpty() ? 0 : PARTIAL;
    }

    private ProbeSettings settings() {
        ProbeTarget parsed;
        try {
            parsed = ProbeTarget.parse(url);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if ((passwordVariable == null) == (key == null)) {
            throw usage(passwordVariable == null ? "name how to log in: --password-env VAR (the password in an "
                    + "environment variable) or --key FILE (a private key)" : "give --password-env or --key, not both");
        }
        String password = null;
        if (passwordVariable != null) {
            password = environment.get(passwordVariable);
            if (password == null || password.isEmpty()) {
                throw usage("--password-env: the environment variable " + passwordVariable + " is not set: export "
                        + passwordVariable + "=... first (the password never goes on the command line)");
            }
        }
        if (key != null && !Files.isRegularFile(key)) {
            throw usage("--key: no file " + key.toAbsolutePath());
        }
        String passphrase = null;
        if (keyPassphraseVariable != null) {
            if (key == null) {
                throw usage("--key-passphrase-env is the passphrase of --key: add --key FILE");
            }
            passphrase = environment.get(keyPassphraseVariable);
            if (passphrase == null) {
                throw usage("--key-passphrase-env: the environment variable " + keyPassphraseVariable + " is not set");
            }
        }
        if (hostFingerprint != null && !hostFingerprint.startsWith("SHA256:")) {
            throw usage("--host-fingerprint \"" + hostFingerprint + "\" is no SHA-256 fingerprint: give it as "
                    + "ssh-keygen -lf prints it, e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s");
        }
        if (hostFingerprint != null && (acceptNewHostKey || knownHosts != null)) {
            throw usage("--host-fingerprint trusts exactly one key: drop "
                    + (acceptNewHostKey ? "--accept-new-host-key" : "--known-hosts"));
        }
        if (knownHosts != null && !Files.isRegularFile(knownHosts)) {
            throw usage("--known-hosts: no file " + knownHosts.toAbsolutePath());
        }
        Path hosts = knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        String personalityName = name != null ? name : parsed.host();
        if (personalityName.isBlank()) {
            throw usage("--name must not be blank");
        }
        return new ProbeSettings(parsed, password, passwordVariable, key, passphrase, hosts, hostFingerprint,
                acceptNewHostKey, readOnly, duration(), personalityName);
    }

    private Duration duration() {
        Matcher m = DURATION.matcher(timeout.trim());
        if (!m.matches()) {
            throw usage("--timeout \"" + timeout + "\" is no duration: use e.g. 10s, 500ms or 2m");
        }
        if (m.group(1).length() > 9) {
            throw usage("--timeout " + timeout + " is out of range: use 100ms to 10m");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (duration.toMillis() < 100 || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw usage("--timeout " + timeout + " is out of range: use 100ms to 10m");
        }
        return duration;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
