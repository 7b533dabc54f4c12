package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner prints on stderr when clients do what MINA warns of although nothing went wrong (see
 * {@code internal.HarmlessWarnings}): those are DEBUG, while a real failure (no key exchange in common) stays a WARN.
 * The runner runs as a process, as users start it, with its default log level.
 * <ul>
 *   <li>paramiko closes its socket with a TCP reset, which MINA logs as a WARN "exceptionCaught ... IOException:
 *       Connection reset";</li>
 *   <li>rclone sends EOF twice on the first exec channel of each connection, which MINA logs as a WARN "handleEof(...)
 *       already signalled"; and when it leaves, some runs get MINA's "Broken pipe" or "onExit ... closing shell:
 *       Write attempt on closing session".</li>
 * </ul>
 * paramiko from Debian's python3-paramiko, rclone and OpenSSH's ssh from Debian's packages (CI installs them).
 */
class RunnerLogTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void printsNoWarningWhenParamikoResetsItsConnectionButStillWarnsOfAFailedKeyExchange() throws Exception {
        Paramiko.assumeInstalled(temp);
        List<String> stderr;
        try (RunnerProcess runner = new RunnerProcess(temp, List.of())) {
            Paramiko.run(temp, "127.0.0.1", runner.port, "alice", "secret", "import io",
                    "sftp.putfo(io.BytesIO(b'hello'), '/a.txt')", "assert sftp.listdir('/') == ['a.txt']",
                    "sftp.close()").assertSucceeded();
            runner.awaitLine("#1.0 alice DISCONNECT");
            Processes.run(temp, List.of(Paramiko.PYTHON, "-c", PARAMIKO_WITHOUT_A_COMMON_KEY_EXCHANGE,
                    String.valueOf(runner.port))).assertSucceeded();
            // the server ended it, so the line says why and how to let the client in
            runner.awaitLine("#2.0 DISCONNECT (key exchange with SSH-2.0-paramiko");
            stderr = runner.stop();
        }

        assertThat(stderr).as("the runner's stderr").hasSizeLessThan(5);
        assertThat(stderr).as("the runner's stderr").noneMatch(line -> line.contains("Connection reset"));
        assertThat(stderr).as("the runner's stderr").anyMatch(line -> line.contains("WARN")
                && line.contains("Unable to negotiate key exchange"));
        assertThat(stderr).as("the runner's stderr").anyMatch(line -> line.contains(
                "WARN io.sftptest.server.SftpTestServer - connection 2 from 127.0.0.1:") && line.contains(
                "failed: no common key exchange (client offers diffie-hellman-group1-sha1; server offers ")
                && line.endsWith("; fix: builder.legacyAlgorithms(true) (runner: --legacy-algorithms)"));
    }

    @Test
    void printsNoWarningWhenRcloneSendsEofTwiceOnItsExecChannelButStillWarnsOfAFailedKeyExchange() throws Exception {
        Processes.assumeInstalled("rclone");
        Processes.assumeInstalled("ssh");
        Files.writeString(Files.createDirectories(temp.resolve("root/in")).resolve("a.csv"), "x");
        List<String> stderr;
        // that class's logger at DEBUG shows when rclone did send its EOF twice; the rest at the default level
        try (RunnerProcess runner = new RunnerProcess(temp,
                List.of("-Dorg.slf4j.simpleLogger.log.io.sftptest.server.internal.HarmlessWarnings=debug"),
                "--root", temp.resolve("root").toString())) {
            // rclone obscure secret: its own reversible encoding of the password "secret"
            String password = Processes.run(temp, List.of("rclone", "obscure", "secret")).assertSucceeded().output()
                    .strip();
            // most runs send the EOF twice (16 of 20 measured): run until one did, as the DEBUG line (or MINA's
            // warning) shows
            int runs = 0;
            while (runner.stderr().stream().noneMatch(line -> line.contains("SSH_MSG_CHANNEL_EOF again")
                    || line.contains("already signalled"))) {
                assertThat(++runs).as("rclone runs, one of which sends EOF twice").isLessThanOrEqualTo(10);
                Processes.Result md5sum = Processes.run(temp, List.of("rclone", "--config", "/dev/null",
                        "--sftp-host", "127.0.0.1", "--sftp-port", String.valueOf(runner.port), "--sftp-user",
                        "alice", "--sftp-pass", password, "md5sum", ":sftp:/in")).assertSucceeded();
                assertThat(md5sum.output()).isEqualTo("9dd4e461268c8034f5c8564e155c67a6  a.csv\n");
                // the EOFs come before the connection's end, and the runner logs them as it reads them
                runner.awaitLine("#" + runs + ".0 alice DISCONNECT");
            }
            // OpenSSH offers only a key exchange that the server does not have
            Processes.run(temp, List.of("ssh", "-o", "KexAlgorithms=diffie-hellman-group1-sha1", "-o",
                    "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-p",
                    String.valueOf(runner.port), "alice@127.0.0.1", "true")).assertFailed();
            runner.awaitLine("#" + (runs + 1) + ".0 DISCONNECT (key exchange with SSH-2.0-OpenSSH");
            stderr = runner.stop();
        }

        assertThat(stderr).as("the runner's stderr").noneMatch(line -> line.contains("already signalled"));
        // the failed key exchange is the only thing warned about: MINA's own line and the server's explanation
        assertThat(stderr).as("the runner's warnings").filteredOn(line -> line.contains("WARN")).hasSize(2)
                .anyMatch(line -> line.contains("Unable to negotiate key exchange"))
                .anyMatch(line -> line.contains("failed: no common key exchange (client offers "
                        + "diffie-hellman-group1-sha1; server offers "));
    }

    /** A real failure: no key exchange in common, which the server reports as a WARN. */
    private static final String PARAMIKO_WITHOUT_A_COMMON_KEY_EXCHANGE = """
            import sys, paramiko
            transport = paramiko.Transport(("127.0.0.1", int(sys.argv[1])))
            transport.get_security_options().kex = ["diffie-hellman-group1-sha1"]
            try:
                transport.connect(username="alice", password="secret")
                sys.exit("connected without a key exchange in common")
            except paramiko.SSHException:
                pass
            finally:
                transport.close()
            """;

    /** The runner as a process with user alice:secret on a free port, its stdout line by line, its stderr in a file. */
    private static final class RunnerProcess implements AutoCloseable {
        final int port;
        private final Process process;
        private final Path err;
        private final BlockingQueue<String> out = new LinkedBlockingQueue<>();

        RunnerProcess(Path temp, List<String> jvmOptions, String... options) throws IOException, InterruptedException {
            err = temp.resolve("runner.err");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.sftptest.server.cli.SftpServerCli",
                    "--port", "0", "--user", "alice:secret"));
            command.addAll(List.of(options));
            process = new ProcessBuilder(command).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        out.add(line);
                    }
                } catch (IOException ended) {
                    // the runner stopped
                }
            }, "runner-stdout");
            reader.setDaemon(true);
            reader.start();
            String listening = out.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(listening).as("the runner's first line").startsWith("Listening on sftp://127.0.0.1:");
            port = Integer.parseInt(listening.replaceAll(".*:(\\d+)/", "$1"));
        }

        /** Waits for a line of the request log. */
        /** Waits for a line that starts with {@code start} (a DISCONNECT line may go on with its reason). */
        void awaitLine(String start) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (String line = ""; !line.startsWith(start); ) {
                line = out.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                assertThat(line).as("the runner's output line " + start + "...").isNotNull();
            }
        }

        /** What the runner wrote to stderr so far. */
        List<String> stderr() throws IOException {
            return Files.readAllLines(err, UTF_8);
        }

        /** Stops the runner (SIGTERM) and returns what it wrote to stderr. */
        List<String> stop() throws IOException, InterruptedException {
            close();
            return stderr();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
