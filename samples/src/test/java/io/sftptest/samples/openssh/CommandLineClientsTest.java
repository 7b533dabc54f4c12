package io.sftptest.samples.openssh;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.SftpTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the server with the OpenSSH {@code sftp} binary and with {@code curl sftp://}; each test is skipped
 * when its binary is not installed.
 */
@SftpServerTest(users = "alice:secret", directories = {"/in", "/out"})
class CommandLineClientsTest {
    @TempDir
    Path dir;

    // tag::openssh-sftp[]
    @Test
    void openSshSftpUploadsAndDownloadsInBatchMode() throws Exception {
        assumeInstalled("sftp", "ssh-keygen");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("id_ed25519").toString());
        Files.writeString(dir.resolve("report.csv"), "total\n42\n");
        Files.writeString(dir.resolve("batch"), "put report.csv /out/report.csv\nget /in/orders.csv\n");

        try (SftpTestServer server = SftpTestServer.builder()
                .user("bob", dir.resolve("id_ed25519.pub")) // public key auth: no password prompt in batch mode
                .file("/in/orders.csv", "id\n1\n")
                .directory("/out")
                .start()) {
            run("sftp", "-b", "batch", "-i", "id_ed25519", "-F", "/dev/null", "-o", "BatchMode=yes",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-P", String.valueOf(server.port()), "bob@" + server.host());

            assertThat(server).hasFile("/out/report.csv").hasContent("total\n42\n");
            assertThat(server).authenticatedAs("bob").uploaded("/out/report.csv").downloaded("/in/orders.csv");
        }
        assertThat(dir.resolve("orders.csv")).hasContent("id\n1\n");
    }
    // end::openssh-sftp[]

    // tag::curl[]
    @Test
    void curlUploadsAndDownloads(SftpTestServer server) throws Exception {
        assumeInstalled("curl");
        server.putFile("/in/orders.csv", "id\n1\n");
        Files.writeString(dir.resolve("report.csv"), "total\n42\n");

        run("curl", "--silent", "--show-error", "--max-time", "30", "--insecure", "--user", "alice:secret",
                "--upload-file", "report.csv", server.uri() + "out/report.csv");
        String orders = run("curl", "--silent", "--show-error", "--max-time", "30", "--insecure", "--user", "alice:secret",
                server.uri() + "in/orders.csv");

        assertThat(orders).isEqualTo("id\n1\n");
        assertThat(server).hasFile("/out/report.csv").hasContent("total\n42\n");
        assertThat(server).uploaded("/out/report.csv").downloaded("/in/orders.csv");
    }
    // end::curl[]

    /** Runs a command in {@link #dir}, fails the test unless it exits with 0, and returns its output. */
    private String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("exit code of %s, output:%n%s", List.of(command), output).isZero();
        return output;
    }

    private static void assumeInstalled(String... binaries) {
        for (String binary : binaries) {
            boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .anyMatch(entry -> Files.isExecutable(Path.of(entry, binary)));
            assumeTrue(found, binary + " is not installed (not on the PATH): skipping this sample");
        }
    }
}
