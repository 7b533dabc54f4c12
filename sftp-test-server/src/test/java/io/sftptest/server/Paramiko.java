package io.sftptest.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a paramiko script against the server with the system Python ({@code /usr/bin/python3}, where the
 * {@code python3-paramiko} package installs it; a pyenv {@code python3} earlier on the PATH lacks it).
 */
final class Paramiko {
    static final String PYTHON = "/usr/bin/python3";

    /** Connects with a password and leaves an {@code SFTPClient} in {@code sftp}, before the test's own lines. */
    private static final List<String> PROLOGUE = List.of(
            "import sys, paramiko",
            "transport = paramiko.Transport((sys.argv[1], int(sys.argv[2])))",
            "transport.connect(username=sys.argv[3], password=sys.argv[4])",
            "sftp = paramiko.SFTPClient.from_transport(transport)");

    private Paramiko() {
    }

    /**
     * Runs Python lines after the prologue that connects, then closes the connection.
     *
     * @param workDir the working directory (the script is written there)
     * @param server the server
     * @param user the user
     * @param password the user's password
     * @param lines Python statements using {@code sftp}, e.g. {@code sftp.put("a.txt", "/a.txt")}
     * @return the result; an uncaught exception makes the exit code 1 and shows in the output
     */
    static Processes.Result run(Path workDir, SftpTestServer server, String user, String password,
            String... lines) {
        return run(workDir, server.host(), server.port(), user, password, lines);
    }

    /**
     * Runs Python lines after the prologue that connects to a server at an address (e.g. the runner in a
     * process of its own), then closes the connection.
     *
     * @param workDir the working directory (the script is written there)
     * @param host the server's address
     * @param port the server's port
     * @param user the user
     * @param password the user's password
     * @param lines Python statements using {@code sftp}
     * @return the result; an uncaught exception makes the exit code 1 and shows in the output
     */
    static Processes.Result run(Path workDir, String host, int port, String user, String password,
            String... lines) {
        assumeInstalled(workDir);
        List<String> script = new ArrayList<>(PROLOGUE);
        script.addAll(List.of(lines));
        script.add("transport.close()");
        Path file = workDir.resolve("paramiko-" + System.nanoTime() + ".py");
        try {
            Files.write(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Processes.run(workDir, List.of(PYTHON, file.toString(), host, String.valueOf(port), user, password));
    }

    /** Skips the test when the system Python has no paramiko (CI installs python3-paramiko). */
    static void assumeInstalled(Path workDir) {
        boolean installed = Files.isExecutable(Path.of(PYTHON))
                && Processes.run(workDir, List.of(PYTHON, "-c", "import paramiko")).exitCode() == 0;
        Assumptions.assumeTrue(installed, PYTHON + " cannot import paramiko; install it (apt-get install "
                + "python3-paramiko) to run this test");
    }
}
