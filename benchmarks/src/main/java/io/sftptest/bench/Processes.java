package io.sftptest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external programs (OpenSSH's sftp, ssh-keygen, sshd) with a timeout. */
final class Processes {
    private Processes() {
    }

    /** Runs a command to its end and returns its output; fails on a non-zero exit or a timeout. */
    static String run(List<String> command, Path workDir, long timeoutSeconds) {
        return run(command, Map.of(), workDir, timeoutSeconds);
    }

    /** Runs a command with extra environment variables; see {@link #run(List, Path, long)}. */
    static String run(List<String> command, Map<String, String> environment, Path workDir, long timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + " from " + command + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
