package io.sftptest.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;

import io.sftptest.server.Personality;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.internal.personality.PersonalityFile;
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
 * {@code write-personality}: writes a built-in preset as a personality file, to start from and edit. The file is what
 * {@code probe} sees of this server running the preset on loopback, so it holds exactly the probed points; what a
 * preset does beyond them (listing refused, latency, exec refused) is not in the file, and the command says so.
 */
@Command(name = "write-personality", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a built-in personality (see --personality) as a personality file, to start from and "
                + "edit: the file holds what the probe sees of this server running it.",
        footer = {"", "Example: sftp-test-server write-personality no-setstat --out partner.personality.json"})
final class WritePersonalityCommand implements Callable<Integer> {
    /** What presets do that no probed point holds. */
    private static final Map<String, String> BEYOND_THE_FILE = Map.of(
            "write-only", "reading files and listing directories answer PERMISSION_DENIED, stat of a file NO_SUCH_FILE",
            "inbox-only", "uploads only into the inbox; deletes answer PERMISSION_DENIED everywhere",
            "no-overwrite", "an open for writing of an existing file answers PERMISSION_DENIED without TRUNC too",
            "no-such-path", "NO_SUCH_PATH for a missing directory, to SFTP v4+ clients only (the probe speaks v3)",
            "slow", "the latency per request and the bandwidth",
            "no-exec", "exec and shell requests are refused",
            "readdir-all", "the whole directory in one READDIR answer, however large (the probe's directory fits in "
                    + "one answer of this server anyway)",
            "windows-openssh", "files locked while another connection holds them open; Windows-style long names");

    @Parameters(index = "0", paramLabel = "NAME", description = "A built-in personality, e.g. no-setstat or "
            + "small-reads=64KiB.")
    String preset;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: NAME.personality.json).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Personality personality;
        try {
            personality = Personality.parse(preset);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path target = out != null ? out : Path.of(personality.name().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".personality.json");
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out: the directory " + parent
                    + " does not exist");
        }
        PrintWriter printer = spec.commandLine().getOut();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String scratch = personality.name().startsWith("inbox-only")
                ? personality.name().substring("inbox-only=".length()) + "/probe" : "/probe";
        ProbeOutcome outcome;
        try (SftpTestServer server = SftpTestServer.builder().user("probe", password).personality(personality)
                .start()) {
            ProbeSettings settings = new ProbeSettings(ProbeTarget.parse("sftp://probe@127.0.0.1:" + server.port()
                    + scratch), password, "a generated password", null, null, null, null, true, false,
                    Duration.ofSeconds(10), personality.name());
            outcome = new ServerProbe(settings, line -> { }).run();
        } catch (ProbeException e) {
            spec.commandLine().getErr().println("sftp-test-server write-personality: " + e.getMessage());
            return 1;
        }
        PersonalityFile probed = outcome.file();
        PersonalityFile file = new PersonalityFile(personality.name(), personality.description(), null, probed.ssh(),
                probed.sftp(), probed.sizes(), probed.attributes(), probed.rename(), probed.writes(), probed.names(),
                probed.links(), probed.errors());
        try {
            Files.writeString(target, PersonalityFileWriter.write(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("sftp-test-server write-personality: cannot write "
                    + target.toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
        ProbeReport.render(file).forEach(printer::println);
        String beyond = BEYOND_THE_FILE.get(personality.name().replaceAll("=.*", ""));
        if (beyond != null) {
            printer.println("Not in the file (no probed point holds it): " + beyond + "; use the personality itself "
                    + "for that");
        }
        if (!probed.probe().incomplete().isEmpty()) {
            printer.println("What the probe could not see of " + personality.name() + ":");
            probed.probe().incomplete().forEach(line -> printer.println("  " + line));
        }
        printer.println("Wrote " + target.toAbsolutePath());
        printer.flush();
        return 0;
    }
}
