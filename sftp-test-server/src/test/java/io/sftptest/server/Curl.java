package io.sftptest.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code curl} against the server's {@code sftp://} URLs with password authentication. */
final class Curl {
    private Curl() {
    }

    /**
     * Skips the test unless curl's SSH backend is libssh2: {@code --hostpubsha256} exists only there
     * (Debian's curl uses libssh2, Ubuntu's uses libssh).
     *
     * @param workDir a directory to run {@code curl -V} in
     */
    static void assumeLibssh2(Path workDir) {
        Processes.assumeInstalled("curl");
        String version = Processes.run(workDir, List.of("curl", "-V")).output();
        org.junit.jupiter.api.Assumptions.assumeTrue(version.contains("libssh2/"),
                "this curl has no libssh2 backend, so no --hostpubsha256: " + version.lines().findFirst().orElse(""));
    }

    /**
     * Runs curl without host key verification ({@code --insecure}).
     *
     * @param workDir the working directory
     * @param server the server
     * @param user the user
     * @param password the password
     * @param path the path in the URL, e.g. {@code /dir/} (a trailing slash lists a directory)
     * @param options further options, e.g. {@code -T file} or {@code -Q "rm /x"}
     * @return the result
     */
    static Processes.Result run(Path workDir, SftpTestServer server, String user, String password, String path,
            String... options) {
        List<String> all = new ArrayList<>(List.of("--insecure"));
        all.addAll(List.of(options));
        return runVerified(workDir, server, user, password, path, all);
    }

    /**
     * Runs curl with the given options and no {@code --insecure}: pass the host key check yourself,
     * e.g. {@code --hostpubsha256}.
     */
    static Processes.Result runVerified(Path workDir, SftpTestServer server, String user, String password,
            String path, List<String> options) {
        Processes.assumeInstalled("curl");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "50",
                "--user", user + ":" + password));
        command.addAll(options);
        command.add(server.uri() + path.substring(1));
        return Processes.run(workDir, command);
    }
}
