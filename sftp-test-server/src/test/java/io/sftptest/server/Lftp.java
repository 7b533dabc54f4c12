package io.sftptest.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs lftp against the server with password authentication. lftp speaks SFTP through OpenSSH's {@code ssh} and asks
 * for the highest version the server offers (6 against the default server), unlike OpenSSH's own {@code sftp}.
 */
final class Lftp {
    /** No host key check, no user configuration, no agent: the same {@code ssh} for every run. */
    private static final String CONNECT_PROGRAM = "ssh -a -x -F /dev/null -o StrictHostKeyChecking=no"
            + " -o UserKnownHostsFile=/dev/null -o PubkeyAuthentication=no";

    private Lftp() {
    }

    /**
     * Runs lftp commands in one session, stopping at the first that fails ({@code cmd:fail-exit}), so the exit code
     * says whether all of them succeeded.
     *
     * @param workDir the working directory (local files are read from and written to it)
     * @param server the server
     * @param user the user
     * @param password the user's password
     * @param commands lftp commands, e.g. {@code put local.txt -o /remote.txt}
     * @return the result
     */
    static Processes.Result run(Path workDir, SftpTestServer server, String user, String password,
            String... commands) {
        Processes.assumeInstalled("lftp");
        Processes.assumeInstalled("ssh");
        List<String> script = new ArrayList<>(List.of(
                "set sftp:connect-program \"" + CONNECT_PROGRAM + "\"",
                "set net:max-retries 1", "set net:timeout 20", "set cmd:fail-exit yes",
                "open -u " + user + "," + password + " -p " + server.port() + " sftp://" + server.host()));
        script.addAll(List.of(commands));
        script.add("bye");
        return Processes.run(workDir, List.of("lftp", "-c", String.join("; ", script)));
    }
}
