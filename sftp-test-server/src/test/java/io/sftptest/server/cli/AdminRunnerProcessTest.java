package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.SftpException;

import io.sftptest.server.Await;
import io.sftptest.server.TestClients;

/**
 * The runner as a process of its own, as a Python, Go or shell test starts it: the token from the environment, a
 * per-test fault, a reset, an await, SIGTERM; and, with DEBUG logging, the token appears in its output once, on the
 * Admin line.
 */
class AdminRunnerProcessTest {
    private static final String TOKEN = "process-test-token-4711-abcdef";

    @TempDir
    Path temp;

    @Test
    void isDrivenOverHttpWhileAnSftpClientWorksAndStopsOnSigterm() throws Exception {
        Path log = temp.resolve("runner.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-cp",
                System.getProperty("java.class.path"), SftpServerCli.class.getName(), "--port", "0", "--admin-port", "0",
                "--user", "alice:secret"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(SftpServerCli.ADMIN_TOKEN_VARIABLE, TOKEN);
        Process runner = builder.start();
        try {
            int sftpPort = Runner.port(awaitLine(log, "Listening on "));
            AdminClient admin = AdminClient.fromLine(awaitLine(log, "Admin on "));
            assertThat(admin.token).as("the token from the environment").isEqualTo(TOKEN);

            admin.put("files/in/a.csv", "1,2\n".getBytes(StandardCharsets.UTF_8));
            long rule = admin.addFault("OPEN /in/*.csv status=PERMISSION_DENIED");
            try (TestClients.Jsch sftp = TestClients.jsch("127.0.0.1", sftpPort, "alice", "secret")) {
                assertThat(catchThrowableOfType(() -> sftp.download("/in/a.csv"), SftpException.class).id)
                        .isEqualTo(3);
                assertThat(admin.delete("faults/" + rule).json().path("fired").asInt()).isEqualTo(1);
                assertThat(sftp.download("/in/a.csv")).asString().isEqualTo("1,2\n");
                sftp.sftp().mkdir("/out");
                sftp.upload("/out/b.csv", new byte[] {9});
            }
            assertThat(admin.post("recording/await", AdminClient.json("file", "/out/b.csv")).status()).isEqualTo(200);
            assertThat(admin.get("recording?operation=MKDIR&format=summary").text()).contains("MKDIR /out : OK");

            admin.reset();
            assertThat(admin.get("files/?list").json().path("entries")).isEmpty();

            runner.destroy();
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).as("stopped by SIGTERM").isTrue();
            assertThat(runner.exitValue()).isEqualTo(143);
            assertThat(catchThrowableOfType(() -> new Socket(admin.base.getHost(), admin.base.getPort()).close(),
                    ConnectException.class)).as("the admin port is closed").isNotNull();
        } finally {
            runner.destroyForcibly();
        }
        String all = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(all).contains("DEBUG");
        assertThat(all.split(TOKEN, -1)).as("the token appears once in:%n%s", all).hasSize(2);
        assertThat(all).contains("Admin on http://127.0.0.1:").contains(" token " + TOKEN);
    }

    private static String awaitLine(Path log, String prefix) {
        String[] found = new String[1];
        Await.await(() -> "a line starting with \"" + prefix + "\" in the runner's output",
                () -> {
                    try {
                        found[0] = Files.exists(log) ? Files.readAllLines(log).stream()
                                .filter(line -> line.startsWith(prefix)).findFirst().orElse(null) : null;
                    } catch (IOException e) {
                        return false;
                    }
                    return found[0] != null;
                }, Duration.ofSeconds(30));
        return found[0];
    }
}
