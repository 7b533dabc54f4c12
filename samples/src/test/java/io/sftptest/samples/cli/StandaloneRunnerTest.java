package io.sftptest.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sftptest.samples.ChildJvm;
import io.sftptest.server.cli.SftpServerCli;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone runner as a separate process, as a script or another language would use it: start it,
 * read the port from its first line, drive it with OpenSSH {@code sftp}, stop it with SIGTERM, read the
 * JSON lines file it wrote.
 */
class StandaloneRunnerTest {
    private static final Pattern LISTENING = Pattern.compile("Listening on (sftp://\\S+)");

    @TempDir
    Path dir;

    // tag::cli[]
    @Test
    void runsAsAProcessAndStopsCleanlyOnSigterm() throws Exception {
        assumeInstalled("sftp", "ssh-keygen");
        exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "id_ed25519");
        Path json = dir.resolve("requests.jsonl");
        Process runner = ChildJvm.start(SftpServerCli.class, "--port", "0", "--user", "alice:secret",
                "--user-key", "bob:" + dir.resolve("id_ed25519.pub"), "--record-json", json.toString(),
                "--quiet"); // no line per request on stdout, which nobody reads after the first line
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
            URI uri = URI.create(awaitListeningLine(out));
            Files.writeString(dir.resolve("report.csv"), "total\n42\n");
            Files.writeString(dir.resolve("batch"), "put report.csv /report.csv\nls /\n");

            exec("sftp", "-b", "batch", "-i", "id_ed25519", "-F", "/dev/null", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-P", String.valueOf(uri.getPort()), "bob@" + uri.getHost());

            runner.destroy(); // SIGTERM: the runner's shutdown hook closes the server and the JSON file
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as("runner stopped").isTrue();
            // 143 = 128 + SIGTERM: the JVM reports the signal even though its shutdown hooks ran cleanly
            assertThat(runner.exitValue()).isEqualTo(143);
        } finally {
            runner.destroyForcibly();
        }
        List<String> records = Files.readAllLines(json);
        assertThat(records).anyMatch(line -> line.contains("\"op\":\"WRITE\"") && line.contains("/report.csv"));
        assertThat(records).anyMatch(line -> line.contains("\"op\":\"OPENDIR\""));
    }
    // end::cli[]

    private static String awaitListeningLine(BufferedReader out) throws Exception {
        // readLine blocks; the future bounds the wait in case the runner never gets to listen
        return CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                throw new IllegalStateException("the runner exited without printing \"Listening on\"");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(30, TimeUnit.SECONDS);
    }

    private void exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("exit code of %s, output:%n%s", List.of(command), output).isZero();
    }

    private static void assumeInstalled(String... binaries) {
        for (String binary : binaries) {
            boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                    .anyMatch(entry -> Files.isExecutable(Path.of(entry, binary)));
            assumeTrue(found, binary + " is not installed (not on the PATH): skipping this sample");
        }
    }
}
