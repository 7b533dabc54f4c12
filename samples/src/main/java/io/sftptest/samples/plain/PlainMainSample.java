package io.sftptest.samples.plain;

import io.sftptest.samples.jsch.ReportUploader;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;
import java.nio.charset.StandardCharsets;

/**
 * The server without any test framework: a {@code main} that starts a server, uploads a report with JSch
 * ({@link ReportUploader}), checks the server's file and recording, prints the outcome and exits with 0 when
 * all is well, 1 otherwise. The same calls work from TestNG, Spock, Kotest or Cucumber.
 */
public final class PlainMainSample {
    private PlainMainSample() {
    }

    /**
     * Runs the check.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        System.exit(run() ? 0 : 1);
    }

    // tag::plain-main[]
    static boolean run() {
        try (SftpTestServer server = SftpTestServer.builder()
                .user("alice", "secret")
                .directory("/out")
                .start()) {
            byte[] report = "id,total\n1,42\n".getBytes(StandardCharsets.UTF_8);
            new ReportUploader(server.host(), server.port(), "alice", "secret", 1).upload("/out/report.csv", report);

            String content = server.fileContent("/out/report.csv", StandardCharsets.UTF_8);
            int writes = server.recording().count(RequestFilter.of(SftpOperation.WRITE, "/out/report.csv"));
            boolean ok = content.equals("id,total\n1,42\n") && writes >= 1;
            System.out.println((ok ? "OK" : "FAILED") + ": " + server.uri() + " received " + writes
                    + " WRITE(s) of /out/report.csv, content " + (ok ? "as expected" : "\"" + content + "\""));
            return ok;
        }
    }
    // end::plain-main[]
}
