package io.sftptest.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link ServerProbe} in its own JVM: the JVM exits by itself once the server is closed (no
 * non-daemon thread left behind), and no log line or printed request shows the password, even
 * with DEBUG logging for the server and MINA.
 */
class SeparateJvmTest {
    private static final String PASSWORD = "Pr0be-S3cret-7731";

    @TempDir
    Path temp;

    @Test
    void exitsByItselfAfterCloseAndNeverLogsThePasswordAtDebug() throws Exception {
        String output = runProbe("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-Dorg.slf4j.simpleLogger.log.org.apache.sshd=debug");
        assertThat(output).contains("PROBE DONE").contains("OPEN /out/b.txt").contains("auth");
        assertThat(output).doesNotContain(PASSWORD);
    }

    @Test
    void neverLogsThePasswordEvenAtTrace() throws Exception {
        // MINA dumps decrypted packets in hex at TRACE; in 2.20 the authentication requests are not among them
        String output = runProbe("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");
        assertThat(output).contains("PROBE DONE").contains("TRACE");
        assertThat(output).doesNotContain(PASSWORD);
        assertThat(output.replace(" ", "")).doesNotContainIgnoringCase(hex(PASSWORD));
    }

    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    private String runProbe(String... jvmOptions) throws Exception {
        Path log = temp.resolve("probe.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ServerProbe.class.getName());
        command.add(PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(exited).as("the probe JVM exits by itself after close(); its output:%n%s", tail(output)).isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", tail(output)).isZero();
        return output;
    }

    private static String tail(String output) {
        return output.length() <= 4000 ? output : output.substring(output.length() - 4000);
    }

}
