package io.sftptest.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sftptest.samples.ChildJvm;
import io.sftptest.server.cli.SftpServerCli;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's curl examples of the admin API ({@code src/test/resources/admin-api.sh}) against the runner as a
 * process: every call succeeds, and the answers say what the README says they do.
 */
class AdminApiCurlTest {
    private static final Pattern ADMIN_LINE = Pattern.compile("Admin on (http://\\S+/) token (\\S+)");
    private static final Pattern LISTENING = Pattern.compile("Listening on (sftp://\\S+/)");

    @Test
    void theReadmesCurlCallsDriveTheRunner() throws Exception {
        assumeInstalled("curl", "bash");
        Process runner = ChildJvm.start(SftpServerCli.class, "--port", "0", "--admin-port", "0", "--quiet",
                "--user", "alice:secret");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
            String sftp = CompletableFuture.supplyAsync(() -> find(out, LISTENING)).get(30, TimeUnit.SECONDS).group(1);
            Matcher admin = CompletableFuture.supplyAsync(() -> find(out, ADMIN_LINE)).get(30, TimeUnit.SECONDS);
            Path script = Path.of(AdminApiCurlTest.class.getResource("/admin-api.sh").toURI());

            ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            builder.environment().put("ADMIN", admin.group(1));
            builder.environment().put("TOKEN", admin.group(2));
            builder.environment().put("SFTP", sftp);
            builder.environment().put("HOME", script.getParent().toString()); // no ~/.curlrc
            Process curl = builder.start();
            curl.getOutputStream().close();
            String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(curl.exitValue()).as("the script's output:%n%s", output).isZero();

            assertThat(output).contains("{\"path\":\"/in/report.csv\",\"size\":14,\"created\":true}")
                    .contains("{\"id\":1,\"rule\":\"OPEN /in/*.csv status=FAILURE once\"")
                    .contains("\"fired\":1,\"unused\":false")
                    .contains("{\"id\":1,\"removed\":true,\"fired\":1}")
                    .contains("{\"path\":\"/in/empty\",\"created\":true}")
                    .contains("{\"id\":2,\"rule\":\"WRITE /out/* hang once\"")
                    .contains("{\"id\":2,\"fired\":1}")
                    .contains("{\"id\":2,\"released\":true,\"fired\":1}")
                    .contains("\"file\":{\"path\":\"/out/a.csv\"")
                    .containsPattern("#\\d+\\.\\d+ alice WRITE /out/a\\.csv @0 14 bytes : OK")
                    .contains("{\"reset\":true}")
                    .containsPattern("openapi.json: \\d{4,} bytes");
        } finally {
            runner.destroy();
            runner.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Matcher find(BufferedReader out, Pattern pattern) {
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            throw new IllegalStateException("the runner exited without printing " + pattern);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assumeInstalled(String... binaries) {
        for (String binary : binaries) {
            boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                    .anyMatch(entry -> Files.isExecutable(Path.of(entry, binary)));
            assumeTrue(found, binary + " is not installed (not on the PATH): skipping this sample");
        }
    }
}
