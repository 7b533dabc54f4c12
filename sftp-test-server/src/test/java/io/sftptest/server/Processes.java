package io.sftptest.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs the native clients (OpenSSH {@code sftp}, {@code ssh-keygen}, {@code curl}, lftp, paramiko, rclone) with a timeout. */
public final class Processes {
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * What a finished process left behind.
     *
     * @param command the command line, for messages
     * @param exitCode the exit code
     * @param output stdout and stderr, interleaved
     */
    public record Result(List<String> command, int exitCode, String output) {
        /** Fails the test, showing the output, unless the process exited with 0. */
        public Result assertSucceeded() {
            if (exitCode != 0) {
                fail(String.join(" ", command) + " exited with " + exitCode + ":\n" + output);
            }
            return this;
        }

        /** Fails the test, showing the output, if the process exited with 0. */
        public Result assertFailed() {
            if (exitCode == 0) {
                fail(String.join(" ", command) + " succeeded but should have failed:\n" + output);
            }
            return this;
        }
    }

    private Processes() {
    }

    /**
     * Skips the test when a binary is not on the PATH (CI installs openssh-client, curl and lftp).
     *
     * @param binary e.g. {@code sftp}
     */
    public static void assumeInstalled(String binary) {
        String pathVariable = System.getenv().getOrDefault("PATH", "");
        boolean found = false;
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                found = true;
                break;
            }
        }
        Assumptions.assumeTrue(found, "\"" + binary + "\" is not on the PATH; install it (apt-get install "
                + (binary.equals("curl") || binary.equals("lftp") || binary.equals("rclone") ? binary
                        : "openssh-client") + ") to run this test");
    }

    /**
     * Runs a command in a directory, waits for it at most 60 s, and returns its exit code and output.
     *
     * @param workDir the working directory; the output is buffered in a file there
     * @param command the command and its arguments
     * @return the result
     */
    public static Result run(Path workDir, List<String> command) {
        Path outputFile = workDir.resolve("process-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // A private HOME keeps the user's ~/.curlrc and ~/.ssh/known_hosts out of the test.
        builder.environment().put("HOME", workDir.toAbsolutePath().toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s:\n"
                        + new String(Files.readAllBytes(outputFile), StandardCharsets.UTF_8));
            }
            return new Result(command, process.exitValue(), new String(Files.readAllBytes(outputFile), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }
}
