package io.sftptest.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import io.sftptest.server.HostKey;
import io.sftptest.server.Personality;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.cli.internal.AdminServer;
import io.sftptest.server.cli.internal.AdminToken;
import io.sftptest.server.cli.internal.StartRules;
import io.sftptest.server.internal.SettingText;
import io.sftptest.server.internal.SettingText.Word;

/**
 * The standalone runner: starts an {@link SftpTestServer} from the command line, for scripts, other
 * languages and containers.
 *
 * <pre>
 * java -jar sftp-test-server-VERSION-cli.jar --port 2222 --user alice:secret
 * </pre>
 *
 * <p>Once it listens it prints {@code Listening on sftp://HOST:PORT/} (and, with {@code --admin-port}, the line
 * {@code Admin on http://127.0.0.1:PORT/ token TOKEN} of the HTTP/JSON control API), then the users, fault rules
 * and host keys (one {@code Host key ALGORITHM SHA256:...} line each), then one line per SFTP request. It stops on
 * SIGTERM or Ctrl-C. Bad options print a message naming the option and exit with code 2.
 */
@Command(name = "sftp-test-server", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = SftpServerCli.Version.class,
        subcommands = {ProbeCommand.class, WritePersonalityCommand.class},
        description = "Starts an SFTP server for tests on an in-memory filesystem (or a directory) "
                + "and logs every request it receives.",
        footer = {"", "Example: sftp-test-server --port 2222 --user alice:secret --user-key bob:id_ed25519.pub",
            "Commands: probe (a real server into a personality file), write-personality (a built-in one into a file).",
            "Exit codes: 1 when the server cannot start, 2 for bad options; stopped by SIGTERM or Ctrl-C, the JVM exits "
                    + "with 143 or 130 (128 + the signal) after a clean shutdown."})
public final class SftpServerCli implements Callable<Integer> {
    /** A command with every option at its default; {@link #main(String[])} and picocli fill it from the arguments. */
    public SftpServerCli() {
    }

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "2222",
            description = "Port to listen on; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}; ::1 for IPv6 loopback).")
    String host;

    @Option(names = "--user", paramLabel = "NAME:PASSWORD",
            description = "A user with a password; repeatable (default: user:password when no user is given).")
    List<String> users = new ArrayList<>();

    @Option(names = "--user-key", paramLabel = "NAME:PUBLIC_KEY_FILE",
            description = "A user with the public key(s) in an OpenSSH .pub or authorized_keys file; repeatable.")
    List<String> userKeys = new ArrayList<>();

    @Option(names = "--home", paramLabel = "NAME:DIR",
            description = "A user's initial directory, e.g. alice:/home/alice; repeatable.")
    List<String> homes = new ArrayList<>();

    @Option(names = "--restrict-to-home",
            description = "Confine every user to their home directory (seed: RestrictUserToHomeDir).")
    boolean restrictToHome;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Serve this directory instead of an in-memory filesystem.")
    Path root;

    @Option(names = "--protocol-version", paramLabel = "N",
            description = "Offer only this SFTP version, 3 to 6 (default: 3 to 6).")
    Integer protocolVersion;

    @Option(names = "--host-key", paramLabel = "FILE",
            description = "Host key file (OpenSSH, PEM, PuTTY, PKCS#12 or JKS), the server's only key "
                    + "(default: generated Ed25519 and ECDSA P-256 keys).")
    Path hostKeyFile;

    @Option(names = "--host-key-password", paramLabel = "PASSWORD",
            description = "Password of an encrypted host key file.")
    String hostKeyPassword;

    @Option(names = "--max-channels", paramLabel = "N",
            description = "Channels per connection; more are refused with SSH_OPEN_RESOURCE_SHORTAGE (default: no limit).")
    Integer maxChannels;

    @Option(names = "--max-open-handles", paramLabel = "N",
            description = "Open files and directories per SFTP session (default: no limit).")
    Integer maxOpenHandles;

    @Option(names = "--max-packet-size", paramLabel = "BYTES",
            description = "Largest SFTP request accepted; larger ones close the channel (default: 1 MiB).")
    Integer maxPacketSize;

    @Option(names = "--legacy-algorithms",
            description = "Also offer SHA-1 signatures and MACs and CBC ciphers, for old clients.")
    boolean legacyAlgorithms;

    @Option(names = "--config", paramLabel = "NAME=VALUE",
            description = "A setting by its seed name, e.g. MaxAuthAttempts=3 or UserAuthBanner=Welcome; repeatable. "
                    + "See the README's configuration table.")
    List<String> configs = new ArrayList<>();

    @Option(names = "--record-json", paramLabel = "FILE",
            description = "Append every request, connection and authentication attempt to FILE as JSON lines "
                    + "(one object per line, written as it happens).")
    Path recordJson;

    @Option(names = "--fault", paramLabel = "RULE",
            description = "A fault rule, e.g. \"OPEN /in/*.csv status=PERMISSION_DENIED once\", "
                    + "\"WRITE after status=FAILURE once\" or \"CONNECT refuse once\"; repeatable. "
                    + "See docs/FAULTS.md, section Command line.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--faults-file", paramLabel = "FILE",
            description = "Fault rules, one per line; # starts a comment, blank lines are ignored.")
    Path faultsFile;

    @Option(names = "--personality", paramLabel = "NAME",
            description = "Behave like a kind of real server: no-setstat, write-only, no-overwrite, no-posix-rename, "
                    + "inbox-only[=/dir], sftp-v3-only, sftp-v6-only, no-such-path, ssh-rsa-only, cbc-only, "
                    + "small-reads[=bytes], case-insensitive, slow[=latency,bytesPerSecond], no-exec, "
                    + "setstat-unsupported, setstat-ignored, rename-overwrites, append-ignored, readdir-single, "
                    + "readdir-all, readdir-entries=N, windows-openssh, noisy-login[=text], "
                    + "extensions-unsupported[=name,...]; repeatable. Options given too override it. "
                    + "See the README, section Server personalities.")
    List<String> personalities = new ArrayList<>();

    @Option(names = "--personality-file", paramLabel = "FILE",
            description = "Behave like the server a personality file describes (written by the probe command); "
                    + "repeatable. Options given too override it. See docs/PERSONALITY-FILES.md.")
    List<Path> personalityFiles = new ArrayList<>();

    @Option(names = "--disk-capacity", paramLabel = "SIZE",
            description = "The filesystem holds this much, e.g. 10MiB; a write beyond it fails with "
                    + "NO_SPACE_ON_FILESYSTEM (FAILURE for SFTP v3) (default: no limit).")
    String diskCapacity;

    @Option(names = "--quota", paramLabel = "NAME=SIZE",
            description = "The files below a user's home hold at most this much, e.g. alice=1MiB; a write beyond it "
                    + "fails with QUOTA_EXCEEDED (FAILURE for SFTP v3); repeatable.")
    List<String> quotas = new ArrayList<>();

    @Option(names = "--lock-open-files",
            description = "Lock files while a connection holds them open, as a Windows server does: no open for "
                    + "writing, rename or delete by others (LOCK_CONFLICT, FAILURE for SFTP v3).")
    boolean lockOpenFiles;

    @Option(names = "--clock", paramLabel = "INSTANT",
            description = "Stamp every file with this time, e.g. 2026-01-01T00:00:00Z (the clock stands still; "
                    + "in-memory filesystem only).")
    String clock;

    @Option(names = "--grow-file", paramLabel = "PATH=SIZE@RATE",
            description = "A file the server writes over time, as another party still uploading it, e.g. "
                    + "/out/export.csv=10MiB@256KiB (10 MiB at 256 KiB per second); repeatable.")
    List<String> growFiles = new ArrayList<>();

    @Option(names = "--quiet", description = "Do not print a line per request.")
    boolean quiet;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Serve the HTTP/JSON control API on this port (0 picks a free one): fault rules, reset, "
                    + "files, the recording, connections; GET /openapi.json describes it. Off by default.")
    Integer adminPort;

    @Option(names = "--admin-host", paramLabel = "HOST",
            description = "Address of the control API (default: 127.0.0.1); anything but loopback logs a warning.")
    String adminHost;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:" + ADMIN_TOKEN_VARIABLE + "}",
            description = "The token the control API requires as \"Authorization: Bearer TOKEN\", at least 16 "
                    + "characters (default: $" + ADMIN_TOKEN_VARIABLE + ", else a random one, printed at start).")
    String adminToken;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What {@code --admin-token} defaults to: a token in the environment stays off the command line (and ps). */
    static final String ADMIN_TOKEN_VARIABLE = "SFTP_TEST_SERVER_ADMIN_TOKEN";

    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments; {@code --help} lists them
     */
    public static void main(String[] args) {
        // The CLI jar bundles slf4j-simple, whose default level (info) would interleave MINA's
        // session messages with the request log; -Dorg.slf4j.simpleLogger.defaultLogLevel overrides.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line without exiting the JVM (for tests and embedding); blocks until the
     * server stops.
     *
     * @param args the arguments
     * @param out where the listening line and the request log go
     * @param err where errors go
     * @return the exit code: 0, 1 when the server cannot start, 2 for bad options
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)} with the environment the probe reads its secrets from. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine commandLine = new CommandLine(new SftpServerCli());
        ((ProbeCommand) commandLine.getSubcommands().get("probe").getCommand()).environment = environment;
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            CommandLine cl = e.getCommandLine();
            cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
            return CommandLine.ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            err.println("sftp-test-server: " + e.getMessage());
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        SftpTestServer.Builder builder = SftpTestServer.builder().host(host).port(port);
        List<String> personalityLines = new ArrayList<>();
        for (String name : personalities) {
            Personality personality;
            try {
                personality = Personality.parse(name);
                builder.personality(personality);
            } catch (IllegalArgumentException e) {
                throw parameterError("--personality: " + e.getMessage());
            }
            String line = "Personality " + personality.name() + ": " + personality.description();
            if (!personalityLines.contains(line)) {
                personalityLines.add(line);
            }
        }
        for (Path file : personalityFiles) {
            Personality personality;
            try {
                personality = Personality.load(file);
                builder.personality(personality);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw parameterError("--personality-file: " + e.getMessage());
            }
            personalityLines.add("Personality " + personality.name() + " (" + file + "): " + personality.description());
            personality.limitations().forEach(limit -> personalityLines.add("  cannot reproduce " + limit));
        }
        List<String> credentials = new ArrayList<>();
        List<String> userNames = new ArrayList<>();
        for (String user : users) {
            String[] parts = split(user, "--user", "NAME:PASSWORD, e.g. alice:secret");
            builder.user(parts[0], parts[1]);
            credentials.add("User " + parts[0] + ", password " + parts[1]);
            userNames.add(parts[0]);
        }
        for (String userKey : userKeys) {
            String[] parts = split(userKey, "--user-key", "NAME:PUBLIC_KEY_FILE, e.g. bob:id_ed25519.pub");
            Path keyFile = Path.of(parts[1]);
            if (!Files.isRegularFile(keyFile)) {
                throw parameterError("--user-key: no file " + keyFile.toAbsolutePath());
            }
            try {
                builder.user(parts[0], keyFile);
            } catch (IllegalArgumentException e) {
                throw parameterError("--user-key: " + e.getMessage());
            }
            credentials.add("User " + parts[0] + ", public key " + keyFile);
            userNames.add(parts[0]);
        }
        if (credentials.isEmpty()) {
            credentials.add("User " + SftpTestServer.DEFAULT_USER + ", password " + SftpTestServer.DEFAULT_PASSWORD);
            userNames.add(SftpTestServer.DEFAULT_USER);
        }
        for (String home : homes) {
            String[] parts = split(home, "--home", "NAME:DIR, e.g. alice:/home/alice");
            apply(() -> builder.homeDirectory(parts[0], parts[1]), "--home");
        }
        builder.restrictUserToHomeDir(restrictToHome);
        if (root != null) {
            apply(() -> builder.rootDirectory(root), "--root");
        }
        if (protocolVersion != null) {
            apply(() -> builder.protocolVersion(protocolVersion), "--protocol-version");
        }
        if (hostKeyFile != null) {
            apply(() -> builder.hostKey(hostKeyPassword == null ? HostKey.fromFile(hostKeyFile)
                    : HostKey.fromFile(hostKeyFile, hostKeyPassword)), "--host-key");
        }
        if (maxChannels != null) {
            apply(() -> builder.maxChannelsPerConnection(maxChannels), "--max-channels");
        }
        if (maxOpenHandles != null) {
            apply(() -> builder.maxOpenHandles(maxOpenHandles), "--max-open-handles");
        }
        if (maxPacketSize != null) {
            apply(() -> builder.maxPacketSize(maxPacketSize), "--max-packet-size");
        }
        builder.legacyAlgorithms(legacyAlgorithms);
        for (String config : configs) {
            apply(() -> builder.config(config), "--config");
        }
        List<String> stateLines = applyFileState(builder);
        List<Growth> growths = parseGrowths();
        AdminServer.Settings adminSettings = adminSettings();
        StartRules startRules = startRules(builder, parseFaults());
        SftpTestServer server;
        try {
            server = builder.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw parameterError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!quiet) {
            server.recording().subscribe(record -> out.println(record.summary()));
        }
        Writer json = openJsonLog();
        if (json != null) {
            server.recording().subscribe(record -> appendJson(json, record));
        }
        server.start();
        AdminServer admin;
        try {
            admin = startAdmin(adminSettings, server, startRules, userNames);
        } catch (IllegalStateException e) {
            server.close();
            closeQuietly(json);
            throw e;
        }
        for (Growth growth : growths) {
            try {
                server.growFile(growth.path()).size(growth.size()).bytesPerSecond(growth.rate()).start();
            } catch (RuntimeException e) {
                if (admin != null) {
                    admin.close();
                }
                server.close();
                closeQuietly(json);
                throw parameterError("--grow-file " + growth.path() + ": " + e.getMessage());
            }
            stateLines.add("Growing " + growth.path() + " to " + growth.size() + " bytes at " + growth.rate()
                    + " bytes/s");
        }
        Thread shutdown = new Thread(() -> {
            if (admin != null) {
                admin.close();
            }
            server.close();
            closeQuietly(json);
            stopped.countDown();
        }, "sftp-test-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.println("Listening on " + server.uri());
        if (admin != null) {
            out.println("Admin on " + admin.uri() + " token " + adminSettings.token().text());
        }
        credentials.forEach(out::println);
        personalityLines.forEach(out::println);
        startRules.current().forEach(rule -> out.println("Fault " + rule.code()));
        stateLines.forEach(out::println);
        // one line per key: a client takes whichever of them its own preference finds first
        server.hostKeys().forEach(key -> out.println("Host key " + key.algorithm() + " " + key.fingerprint()));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(shutdown);
            if (admin != null) {
                admin.close();
            }
            server.close();
            closeQuietly(json);
        }
        return 0;
    }

    /** Applies the disk limits, locking and clock options; returns the lines that describe them at start. */
    private List<String> applyFileState(SftpTestServer.Builder builder) {
        List<String> lines = new ArrayList<>();
        if (diskCapacity != null) {
            long bytes = size(diskCapacity, "--disk-capacity");
            apply(() -> builder.diskCapacity(bytes), "--disk-capacity");
            lines.add("Disk capacity " + bytes + " bytes");
        }
        for (String quota : quotas) {
            Word word = Word.of(quota);
            if (word.key().isEmpty() || word.index() != null || word.value() == null || word.value().isEmpty()) {
                throw parameterError("--quota \"" + quota + "\" is not NAME=SIZE, e.g. alice=1MiB");
            }
            String user = word.key();
            long bytes = size(word.value(), "--quota " + user);
            apply(() -> builder.quota(user, bytes), "--quota");
            lines.add("Quota " + user + " " + bytes + " bytes");
        }
        if (lockOpenFiles) {
            builder.lockOpenFiles(true);
            lines.add("Locking files while they are open");
        }
        if (clock != null) {
            Instant instant;
            try {
                instant = Instant.parse(clock);
            } catch (DateTimeParseException e) {
                throw parameterError("--clock \"" + clock + "\" is no instant: use e.g. 2026-01-01T00:00:00Z");
            }
            builder.clock(Clock.fixed(instant, ZoneOffset.UTC));
            lines.add("Clock stopped at " + instant);
        }
        return lines;
    }

    /** A {@code --grow-file}, parsed. */
    private record Growth(String path, long size, long rate) {
    }

    private List<Growth> parseGrowths() {
        List<Growth> growths = new ArrayList<>();
        for (String text : growFiles) {
            int equals = text.lastIndexOf('=');
            int at = text.lastIndexOf('@');
            if (equals <= 0 || at < equals) {
                throw parameterError("--grow-file \"" + text + "\" is not PATH=SIZE@RATE, e.g. "
                        + "/out/export.csv=10MiB@256KiB");
            }
            long size = size(text.substring(equals + 1, at), "--grow-file " + text.substring(0, equals) + " size");
            long rate = rate(text.substring(at + 1), "--grow-file " + text.substring(0, equals) + " rate");
            if (size < 1 || rate < 1) {
                throw parameterError("--grow-file \"" + text + "\": the size and the rate must be at least 1 byte");
            }
            growths.add(new Growth(text.substring(0, equals), size, rate));
        }
        return growths;
    }

    private long size(String text, String option) {
        try {
            return SettingText.size(text);
        } catch (IllegalArgumentException e) {
            throw parameterError(option + ": " + e.getMessage());
        }
    }

    /** A byte count per second: a size, or one written as a rate ({@code 256KiB/s}). */
    private long rate(String text, String option) {
        try {
            return SettingText.bytes(text);
        } catch (IllegalArgumentException e) {
            throw parameterError(option + ": " + e.getMessage());
        }
    }

    /**
     * Gives the rules from the command line to the builder, so that they belong to the server's built state: a
     * reset through the admin API re-creates them with fresh counts, and rules added over the API are consulted
     * first.
     */
    private static StartRules startRules(SftpTestServer.Builder builder, List<ParsedFault> rules) {
        StartRules startRules = new StartRules();
        if (!rules.isEmpty()) {
            builder.faults(faults -> {
                List<StartRules.Started> created = new ArrayList<>();
                for (ParsedFault rule : rules) {
                    try {
                        created.add(new StartRules.Started(rule.spec.toString(), rule.spec.apply(faults)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(rule.origin + e.getMessage(), e);
                    }
                }
                startRules.created(created);
            });
        }
        return startRules;
    }

    /** Checks the admin options before anything starts; null when the API is off. */
    private AdminServer.Settings adminSettings() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (adminPort == null) {
            for (String option : List.of("--admin-host", "--admin-token")) {
                if (parsed.hasMatchedOption(option)) {
                    throw parameterError(option + " needs --admin-port: add e.g. --admin-port 0");
                }
            }
            return null;
        }
        if (adminPort < 0 || adminPort > 65_535) {
            throw parameterError("--admin-port " + adminPort + " is no port: use 1 to 65535, or 0 for a free one");
        }
        String host = adminHost == null ? "127.0.0.1" : adminHost;
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw parameterError("--admin-host: unknown host \"" + host + "\": use an address such as 127.0.0.1");
        }
        AdminToken token;
        try {
            token = adminToken == null || adminToken.isEmpty() ? AdminToken.generate() : AdminToken.of(adminToken);
        } catch (IllegalArgumentException e) {
            throw parameterError((parsed.hasMatchedOption("--admin-token") ? "--admin-token" : ADMIN_TOKEN_VARIABLE)
                    + ": " + e.getMessage());
        }
        return new AdminServer.Settings(host, adminPort, token);
    }

    private static AdminServer startAdmin(AdminServer.Settings settings, SftpTestServer server, StartRules startRules,
            List<String> userNames) {
        if (settings == null) {
            return null;
        }
        try {
            return AdminServer.start(settings, server, startRules, (faults, text) -> FaultRuleSpec.parse(text)
                    .apply(faults), userNames);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("--admin-port " + settings.port() + ": cannot listen on "
                    + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    private List<ParsedFault> parseFaults() {
        List<ParsedFault> rules = new ArrayList<>();
        for (String fault : faults) {
            rules.add(parseFault(fault, "--fault "));
        }
        if (faultsFile != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(faultsFile, StandardCharsets.UTF_8);
            } catch (IOException | UncheckedIOException e) {
                throw parameterError("--faults-file: cannot read " + faultsFile.toAbsolutePath() + ": " + e);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rules.add(parseFault(line, "--faults-file " + faultsFile + " line " + (i + 1) + ": "));
                }
            }
        }
        return rules;
    }

    private ParsedFault parseFault(String text, String origin) {
        try {
            return new ParsedFault(FaultRuleSpec.parse(text), origin);
        } catch (IllegalArgumentException e) {
            throw parameterError(origin + e.getMessage());
        }
    }

    /** A parsed rule and where it came from, for messages. */
    private record ParsedFault(FaultRuleSpec spec, String origin) {
    }

    private Writer openJsonLog() {
        if (recordJson == null) {
            return null;
        }
        try {
            return Files.newBufferedWriter(recordJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw parameterError("--record-json: cannot write " + recordJson.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static void appendJson(Writer json, RecordedRequest record) {
        // Records arrive from several connection threads; one line each, flushed so that a reader
        // tailing the file (or a killed runner) sees every completed request.
        synchronized (json) {
            try {
                json.write(record.toJson());
                json.write('\n');
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the JSON log: " + e, e);
            }
        }
    }

    private static void closeQuietly(Writer json) {
        if (json != null) {
            synchronized (json) {
                try {
                    json.close();
                } catch (IOException ignored) {
                    // shutting down: nothing left to tell
                }
            }
        }
    }

    private void apply(Runnable setting, String option) {
        try {
            setting.run();
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw parameterError(option + ": " + e.getMessage());
        }
    }

    private String[] split(String value, String option, String expected) {
        int colon = value.indexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw parameterError(option + " \"" + value + "\" is not " + expected);
        }
        return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }

    private CommandLine.ParameterException parameterError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SftpTestServer.class.getPackage().getImplementationVersion();
            return new String[] {"sftp-test-server " + (version == null ? "(development build)" : version)};
        }
    }
}
