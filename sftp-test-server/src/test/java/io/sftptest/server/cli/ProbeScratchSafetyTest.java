package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sftptest.server.Await;

/**
 * The probe writes only inside its scratch directory and removes it again, also when the server fails halfway, hangs,
 * or the user presses Ctrl-C; a read-only probe writes nothing. Checked on a real directory served with --root.
 */
class ProbeScratchSafetyTest {
    private static final String PASSWORD = "secret";

    @TempDir
    Path temp;

    private Path root() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Files.createDirectories(root.resolve("work"));
        Files.writeString(root.resolve("work/existing.txt"), "the user's own file\n");
        return root;
    }

    private Runner runner(Path root, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--user", "alice:" + PASSWORD, "--root",
                root.toString(), "--quiet", "--record-json", temp.resolve("requests.jsonl").toString()));
        args.addAll(List.of(more));
        return new Runner(args.toArray(String[]::new));
    }

    private static String url(Runner runner, String path) throws InterruptedException {
        return "sftp://alice@127.0.0.1:" + Runner.port(runner.out.next()) + path;
    }

    private ProbeRun probe(String url, String... more) {
        List<String> args = new ArrayList<>(List.of("--accept-new-host-key", "--out",
                temp.resolve("partner.json").toString()));
        args.addAll(List.of(more));
        return ProbeRun.probe(url, PASSWORD, args.toArray(String[]::new));
    }

    @Test
    void aConnectionDroppedHalfwayLeavesNothingBehind() throws Exception {
        Path root = root();
        try (Runner runner = runner(root, "--fault", "RENAME disconnect once")) {
            ProbeRun run = probe(url(runner, "/work/probe"));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ProbeCommand.PARTIAL);
            assertThat(run.out()).contains("Not finished:", "rename onto an existing name: the server closed the "
                    + "SFTP channel", "Removed the scratch directory /work/probe", "Wrote a partial file");
            assertThat(tree(root)).containsExactly("work", "work/existing.txt");
            runner.stopCleanly();
        }
        assertThat(Files.readString(temp.resolve("partner.json"))).contains("\"incomplete\" : [",
                "rename onto an existing name");
    }

    @Test
    void aRefusalHalfwayLeavesNothingBehind() throws Exception {
        Path root = root();
        try (Runner runner = runner(root, "--fault", "MKDIR /work/probe/listing status=FAILURE")) {
            ProbeRun run = probe(url(runner, "/work/probe"));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ProbeCommand.PARTIAL);
            assertThat(run.out()).contains("directory listing: creating /work/probe/listing: the server answered "
                    + "FAILURE");
            assertThat(tree(root)).containsExactly("work", "work/existing.txt");
            runner.stopCleanly();
        }
    }

    @Test
    void aHungServerGivesAPartialFileThatSaysSoAndLeavesNothingBehind() throws Exception {
        Path root = root();
        try (Runner runner = runner(root, "--fault", "READ hang")) {
            ProbeRun run = probe(url(runner, "/work/probe"), "--timeout", "1s");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ProbeCommand.PARTIAL);
            assertThat(run.out()).contains("Not finished:", ": no answer within 1 s while waiting for the answer "
                    + "to SSH_FXP_READ", ": not run (the server stopped answering)",
                    "Removed the scratch directory /work/probe");
            assertThat(tree(root)).containsExactly("work", "work/existing.txt");
            runner.stopCleanly();
        }
        String file = Files.readString(temp.resolve("partner.json"));
        assertThat(file).contains("no answer within 1 s", "not run (the server stopped answering)");
    }

    @Test
    void aListingThatHangsAtCleanUpStillLeavesNothingBehind() throws Exception {
        Path root = root();
        try (Runner runner = runner(root, "--fault", "READDIR hang")) {
            ProbeRun run = probe(url(runner, "/work/probe"), "--timeout", "1s");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ProbeCommand.PARTIAL);
            assertThat(tree(root)).containsExactly("work", "work/existing.txt");
            runner.stopCleanly();
        }
    }

    @Test
    void aReadOnlyProbeOnlyConnectsListsAndStats() throws Exception {
        Path root = root();
        Files.writeString(root.resolve("work/Report.CSV"), "a,b\n");
        Set<String> before = tree(root);
        FileTime modified = Files.getLastModifiedTime(root.resolve("work/existing.txt"));
        try (Runner runner = runner(root)) {
            ProbeRun run = probe(url(runner, "/work"), "--read-only");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("(read-only probe)", "Names                          case-sensitive",
                    "Stat of a missing file         NO_SUCH_FILE");
            runner.stopCleanly();
        }
        assertThat(tree(root)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(root.resolve("work/existing.txt"))).isEqualTo(modified);
        Set<String> operations = Files.readAllLines(temp.resolve("requests.jsonl")).stream()
                .map(line -> line.replaceAll(".*\"op\":\"([A-Z]+)\".*", "$1")).collect(Collectors.toSet());
        assertThat(operations).isSubsetOf("CONNECT", "AUTH", "INIT", "REALPATH", "STAT", "LSTAT", "OPENDIR", "READDIR",
                "CLOSE", "EXTENDED", "DISCONNECT");
        assertThat(Files.readAllLines(temp.resolve("requests.jsonl"))).filteredOn(l -> l.contains("\"EXTENDED\""))
                .allSatisfy(l -> assertThat(l).containsAnyOf("statvfs@openssh.com", "limits@openssh.com"));
    }

    @Test
    void ctrlCRemovesTheScratchDirectoryBeforeTheProbeExits() throws Exception {
        Path root = root();
        try (Runner runner = runner(root, "--fault", "READ /work/probe/read-size.bin hang")) {
            String url = url(runner, "/work/probe");
            Path log = temp.resolve("probe.log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SftpServerCli.class.getName(), "probe", url,
                    "--password-env", "P", "--accept-new-host-key", "--timeout", "60s", "--out",
                    temp.resolve("partner.json").toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("P", PASSWORD);
            Process probe = builder.start();
            try {
                // the probe created files, then waits on the READ that hangs
                Await.await("the probe waits on its READ", () -> Files.exists(root.resolve("work/probe/read-size.bin"))
                        && readLog(log).contains("Checking read size"), Duration.ofSeconds(60));

                probe.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks

                assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as(readLog(log)).isTrue();
                assertThat(probe.exitValue()).as("ended by the signal (128 + 15)").isEqualTo(143);
            } finally {
                probe.destroyForcibly();
            }
            assertThat(readLog(log)).contains("Removed the scratch directory /work/probe");
            assertThat(tree(root)).containsExactly("work", "work/existing.txt");
            runner.stopCleanly();
        }
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static Set<String> tree(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
