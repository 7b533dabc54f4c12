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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runner prints on stderr when clients leave: paramiko closes its socket with a TCP reset, which
 * MINA logs as a WARN "exceptionCaught ... IOException: Connection reset"; that is a client leaving, so it is
 * DEBUG now. A real failure (no key exchange in common) stays a WARN. The runner runs as a process (as users start it), paramiko
 * from Debian's python3-paramiko (CI installs it).
 */
class RunnerLogWithParamikoTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void printsNoWarningWhenParamikoResetsItsConnectionButStillWarnsOfAFailedKeyExchange() throws Exception {
        Paramiko.assumeInstalled(temp);
        Path err = temp.resolve("runner.err");
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.sftptest.server.cli.SftpServerCli",
                "--port", "0", "--user", "alice:secret")
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            BlockingQueue<String> out = lines(runner);
            String listening = out.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(listening).as("the runner's first line").startsWith("Listening on sftp://127.0.0.1:");
            int port = Integer.parseInt(listening.replaceAll(".*:(\\d+)/", "$1"));

            Paramiko.run(temp, "127.0.0.1", port, "alice", "secret", "import io",
                    "sftp.putfo(io.BytesIO(b'hello'), '/a.txt')", "assert sftp.listdir('/') == ['a.txt']",
                    "sftp.close()").assertSucceeded();
            awaitLine(out, "#1.0 alice DISCONNECT");
            Processes.run(temp, List.of(Paramiko.PYTHON, "-c", PARAMIKO_WITHOUT_A_COMMON_KEY_EXCHANGE,
                    String.valueOf(port))).assertSucceeded();
            awaitLine(out, "#2.0 DISCONNECT");
        } finally {
            runner.destroy();
            runner.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        List<String> stderr = Files.readAllLines(err, UTF_8);
        assertThat(stderr).as("the runner's stderr").hasSizeLessThan(5);
        assertThat(stderr).as("the runner's stderr").noneMatch(line -> line.contains("Connection reset"));
        assertThat(stderr).as("the runner's stderr").anyMatch(line -> line.contains("WARN")
                && line.contains("Unable to negotiate key exchange"));
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

    private static BlockingQueue<String> lines(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // the runner stopped
            }
        }, "runner-stdout");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static void awaitLine(BlockingQueue<String> out, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (String line = ""; !line.equals(expected); ) {
            line = out.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(line).as("the runner's output line " + expected).isNotNull();
        }
    }
}
