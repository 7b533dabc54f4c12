package io.sftptest.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/** Runs a Python script with paramiko (the system Python's {@code python3-paramiko}) against a server. */
final class Paramiko {
    private static final String PYTHON = "/usr/bin/python3";

    private Paramiko() {
    }

    /**
     * Runs {@code body} with {@code sftp} bound to a connected {@code paramiko.SFTPClient} (password auth, no host
     * key check); skips the test when paramiko is not installed.
     *
     * @param workDir where the script is written and run
     * @param server the server
     * @param user the user
     * @param password the password
     * @param body Python statements, one per line, at top level
     * @return the result: what the script printed, and its exit code (1 with the traceback on an exception)
     */
    static Processes.Result run(Path workDir, SftpTestServer server, String user, String password, String body) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        Processes.Result probe = Processes.run(workDir, List.of(PYTHON, "-c", "import paramiko"));
        Assumptions.assumeTrue(probe.exitCode() == 0, "paramiko is not installed for " + PYTHON
                + " (apt-get install python3-paramiko): " + probe.output());
        String script = String.join("\n",
                "import paramiko",
                "transport = paramiko.Transport(('" + server.host() + "', " + server.port() + "))",
                "transport.connect(username='" + user + "', password='" + password + "')",
                "sftp = paramiko.SFTPClient.from_transport(transport)",
                "try:",
                body.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    pass"),
                "finally:",
                "    transport.close()",
                "");
        Path file = workDir.resolve("paramiko-" + System.nanoTime() + ".py");
        try {
            Files.writeString(file, script);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Processes.run(workDir, List.of(PYTHON, file.toString()));
    }
}
