package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;

import io.sftptest.server.Personality;
import io.sftptest.server.Processes;
import io.sftptest.server.TestClients;

class SftpServerCliTest {

    @TempDir
    Path temp;

    @Test
    void printsTheListeningLineAndLogsEachRequestUntilInterrupted() throws Exception {
        Path json = temp.resolve("requests.jsonl");
        Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--record-json", json.toString(),
                "--config", "ServerSSHVersionString=SSH-2.0-OpenSSH_9.6");
        LineQueue out = runner.out;

        String listening = out.next();
        assertThat(listening).matches("Listening on sftp://127\\.0\\.0\\.1:\\d+/");
        assertThat(out.next()).isEqualTo("User alice, password secret");
        assertThat(out.next()).startsWith("Host key ssh-ed25519 SHA256:");
        assertThat(out.next()).startsWith("Host key ecdsa-sha2-nistp256 SHA256:");

        Session session = aliceOn(Runner.port(listening));
        assertThat(session.getServerVersion()).as("--config reached the server").isEqualTo("SSH-2.0-OpenSSH_9.6");
        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
        sftp.connect(10_000);
        sftp.mkdir("/in");
        sftp.disconnect();
        session.disconnect();

        String line;
        do {
            line = out.next();
        } while (!line.contains("MKDIR"));
        assertThat(line).matches("#1\\.\\d+ alice MKDIR /in : OK");

        runner.stopCleanly();
        List<String> records = Files.readAllLines(json);
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"op\":\"CONNECT\""));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"user\":\"alice\"", "\"op\":\"AUTH\""));
        assertThat(records).anySatisfy(r -> assertThat(r).contains("\"op\":\"MKDIR\"", "\"path\":\"/in\"",
                "\"status\":\"OK\""));
        assertThat(records).allSatisfy(r -> assertThat(r).startsWith("{").endsWith("}"));
    }

    @Test
    void rejectsAMalformedUserWithExitCodeTwoAndNamesTheOption() {
        StringWriter err = new StringWriter();
        int code = SftpServerCli.run(new String[] {"--user", "alice"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith(
                "sftp-test-server: --user \"alice\" is not NAME:PASSWORD, e.g. alice:secret");
    }

    @Test
    void rejectsUnknownOptionsAndBadNumbers() {
        for (List<String> args : List.of(List.of("--bogus"), List.of("--port", "x"),
                List.of("--protocol-version", "9"), List.of("--root", "/no/such/dir"),
                List.of("--user-key", "bob:/no/such/key.pub"), List.of("--config", "NoSuchSetting=1"),
                List.of("--config", "MaxAuthAttempts=many"), List.of("--max-packet-size", "10"),
                List.of("--max-open-handles", "-1"))) {
            StringWriter err = new StringWriter();
            int code = SftpServerCli.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true));
            assertThat(code).as("exit code for %s", args).isEqualTo(2);
            assertThat(err.toString()).as("message for %s", args).contains(args.get(0));
        }
    }

    @Test
    void appliesFaultRulesFromTheCommandLine() throws Exception {
        Path rules = temp.resolve("faults.txt");
        Files.writeString(rules, "# a comment\n\n  CONNECT none  \n");
        Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--quiet",
                "--fault", "MKDIR /in status=PERMISSION_DENIED message=\"no mkdir here\" once",
                "--faults-file", rules.toString());
        LineQueue out = runner.out;

        String listening = out.next();
        assertThat(listening).matches("Listening on sftp://127\\.0\\.0\\.1:\\d+/");
        assertThat(out.next()).isEqualTo("User alice, password secret");
        assertThat(out.next()).isEqualTo(
                "Fault on(MKDIR).path(\"/in\").times(1) -> status(PERMISSION_DENIED, \"no mkdir here\")");
        assertThat(out.next()).isEqualTo("Fault onConnection() -> none()");
        assertThat(out.next()).startsWith("Host key ssh-ed25519 ");
        assertThat(out.next()).startsWith("Host key ecdsa-sha2-nistp256 ");

        Session session = aliceOn(Runner.port(listening));
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            SftpException failed = catchThrowableOfType(() -> sftp.mkdir("/in"), SftpException.class);
            assertThat(failed).as("the first mkdir fails").isNotNull();
            assertThat(failed.id).isEqualTo(3);
            assertThat(failed.getMessage()).contains("no mkdir here");
            sftp.mkdir("/in");
            assertThat(sftp.stat("/in").isDir()).isTrue();
            sftp.disconnect();
        } finally {
            session.disconnect();
        }

        runner.stopCleanly();
    }

    @Test
    void appliesDiskLimitsLocksTheClockAndGrowingFilesFromTheCommandLine() throws Exception {
        Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--quiet", "--disk-capacity", "64KiB",
                "--quota", "alice=32KiB", "--lock-open-files", "--clock", "2001-02-03T04:05:06Z",
                "--grow-file", "/out/growing.bin=1KiB@2KiB");
        LineQueue out = runner.out;
        String listening = out.next();
        assertThat(out.next()).isEqualTo("User alice, password secret");
        assertThat(out.next()).isEqualTo("Disk capacity 65536 bytes");
        assertThat(out.next()).isEqualTo("Quota alice 32768 bytes");
        assertThat(out.next()).isEqualTo("Locking files while they are open");
        assertThat(out.next()).isEqualTo("Clock stopped at 2001-02-03T04:05:06Z");
        assertThat(out.next()).isEqualTo("Growing /out/growing.bin to 1024 bytes at 2048 bytes/s");
        assertThat(out.next()).startsWith("Host key ");

        Session session = aliceOn(Runner.port(listening));
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            SftpException full = catchThrowableOfType(() -> sftp.put(
                    new java.io.ByteArrayInputStream(new byte[40_000]), "/big.bin"), SftpException.class);
            assertThat(full.id).isEqualTo(4); // QUOTA_EXCEEDED for v3
            assertThat(full.getMessage()).contains("Disk quota exceeded");
            io.sftptest.server.Await.await("the growing file to reach its size", () -> {
                try {
                    return sftp.stat("/out/growing.bin").getSize() == 1024;
                } catch (SftpException e) {
                    return false;
                }
            }, java.time.Duration.ofSeconds(20));
            assertThat(sftp.stat("/out/growing.bin").getMTime()).isEqualTo(981173106);
            sftp.disconnect();
        } finally {
            session.disconnect();
        }
        runner.stopCleanly();
    }

    @Test
    void rejectsBadFileStateOptionsWithExitCodeTwo() {
        for (List<String> args : List.of(List.of("--disk-capacity", "10MB"), List.of("--disk-capacity", "-1"),
                List.of("--quota", "alice"), List.of("--quota", "carol=1KiB"), List.of("--clock", "yesterday"),
                List.of("--grow-file", "/out/x.bin"), List.of("--grow-file", "/out/x.bin=0@1KiB"),
                List.of("--clock", "2001-02-03T04:05:06Z", "--root", temp.toString()))) {
            List<String> all = new java.util.ArrayList<>(List.of("--port", "0", "--user", "alice:secret"));
            all.addAll(args);
            StringWriter err = new StringWriter();
            int code = SftpServerCli.run(all.toArray(String[]::new), new PrintWriter(new StringWriter()),
                    new PrintWriter(err, true));
            assertThat(code).as("exit code for %s", args).isEqualTo(2);
            assertThat(err.toString()).as("message for %s", args).startsWith("sftp-test-server: ");
        }
        StringWriter err = new StringWriter();
        SftpServerCli.run(new String[] {"--port", "0", "--quota", "carol=1KiB"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(err.toString()).contains("quota for user \"carol\"").contains("add .user(\"carol\", ...)");
    }

    @Test
    void rejectsABadFaultWithExitCodeTwoAndThePosition() throws Exception {
        StringWriter err = new StringWriter();
        int code = SftpServerCli.run(new String[] {"--port", "0", "--fault", "OPEN /in status=NOPE"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith(
                "sftp-test-server: --fault \"OPEN /in status=NOPE\": at 17: unknown status \"NOPE\": use one of OK, EOF,");

        err = new StringWriter();
        code = SftpServerCli.run(new String[] {"--port", "0", "--fault", "WRITE shortRead=10"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("sftp-test-server: --fault \"WRITE shortRead=10\": shortRead(10) works "
                + "on file data");

        Path rules = temp.resolve("bad-faults.txt");
        Files.writeString(rules, "# fine so far\nSTAT none\nSTAT bogus\n");
        err = new StringWriter();
        code = SftpServerCli.run(new String[] {"--port", "0", "--faults-file", rules.toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("sftp-test-server: --faults-file " + rules + " line 3: \"STAT bogus\": "
                + "at 6: unknown word \"bogus\"");
    }

    @Test
    void appliesPersonalitiesFromTheCommandLineAndLetsOtherOptionsOverrideThem() throws Exception {
        Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--quiet", "--personality", "no-setstat",
                "--personality", "SFTP_V6_ONLY", "--protocol-version", "3");
        LineQueue out = runner.out;

        String listening = out.next();
        assertThat(out.next()).isEqualTo("User alice, password secret");
        assertThat(out.next()).startsWith("Personality no-setstat: SETSTAT/FSETSTAT answer PERMISSION_DENIED");
        assertThat(out.next()).isEqualTo("Personality sftp-v6-only: SFTP version 6 only: v3 clients are refused");
        assertThat(out.next()).startsWith("Host key ssh-ed25519 ");
        assertThat(out.next()).startsWith("Host key ecdsa-sha2-nistp256 ");

        Session session = aliceOn(Runner.port(listening));
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            assertThat(sftp.getServerVersion()).as("--protocol-version overrides the personality").isEqualTo(3);
            sftp.put(new java.io.ByteArrayInputStream(new byte[] {1}), "/f.bin");
            SftpException refused = catchThrowableOfType(() -> sftp.chmod(0600, "/f.bin"), SftpException.class);
            assertThat(refused).isNotNull();
            assertThat(refused.getMessage()).endsWith(Personality.NO_SETSTAT_MESSAGE);
            sftp.disconnect();
        } finally {
            session.disconnect();
        }

        runner.stopCleanly();
    }

    @Test
    void rejectsAnUnknownPersonalityWithExitCodeTwoAndTheKnownNames() {
        StringWriter err = new StringWriter();
        int code = SftpServerCli.run(new String[] {"--port", "0", "--personality", "read-only"},
                new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("sftp-test-server: --personality: unknown personality \"read-only\": "
                + "use one of no-setstat, write-only, no-overwrite,");

        err = new StringWriter();
        code = SftpServerCli.run(new String[] {"--port", "0", "--personality", "case-insensitive", "--root",
            temp.toString()}, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("case-insensitive").contains("drop .rootDirectory(");
    }

    @Test
    void listsEveryOptionInHelp() {
        StringWriter out = new StringWriter();
        int code = SftpServerCli.run(new String[] {"--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--port", "--host", "--user", "--user-key", "--root",
                "--protocol-version", "--host-key", "--config", "--record-json", "--max-channels", "--max-open-handles",
                "--max-packet-size", "--legacy-algorithms", "--fault", "--faults-file", "--personality", "--admin-port",
                "--admin-host", "--admin-token", "--disk-capacity", "--quota", "--lock-open-files", "--clock",
                "--grow-file", "--help");
    }

    @Test
    void servesRcloneItsHashesThroughTheEmulatedMd5sum() throws Exception {
        Processes.assumeInstalled("rclone");
        Path root = Files.createDirectories(temp.resolve("root/in"));
        Files.writeString(root.resolve("a b.csv"), "x");
        Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--root", temp.resolve("root").toString());
        int port = Runner.port(runner.out.next());

        Processes.Result md5sum = rclone(port, "md5sum", ":sftp:/in").assertSucceeded();

        assertThat(md5sum.output()).isEqualTo("9dd4e461268c8034f5c8564e155c67a6  a b.csv\n");
        // rclone escapes the shell path: the runner logs the command line as rclone sent it
        assertThat(runner.out.until(line -> line.contains("EXEC md5sum /in/"))).endsWith(
                "alice EXEC md5sum /in/a\\ b.csv : exit 0");
        runner.stopCleanly();
    }

    @Test
    void rcloneFallsBackToNoHashesWhenThePersonalityRefusesExec() throws Exception {
        Processes.assumeInstalled("rclone");
        Path root = Files.createDirectories(temp.resolve("root/in"));
        Files.writeString(root.resolve("a.csv"), "x");
        Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--root", temp.resolve("root").toString(),
                "--personality", "no-exec");
        int port = Runner.port(runner.out.next());

        Processes.Result md5sum = rclone(port, "md5sum", ":sftp:/in").assertFailed();
        rclone(port, "copyto", ":sftp:/in/a.csv", ":sftp:/in/b.csv").assertSucceeded();

        assertThat(md5sum.output()).as("rclone lists no hash instead of waiting").contains("hash type not supported");
        assertThat(Files.readString(root.resolve("b.csv"))).isEqualTo("x");
        assertThat(runner.out.until(line -> line.contains(" EXEC "))).contains(" : refused");
        runner.stopCleanly();
    }

    /** Runs rclone against the runner as alice:secret, with an on-the-fly remote and no configuration file. */
    private Processes.Result rclone(int port, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("rclone", "--config", "/dev/null", "--sftp-host",
                "127.0.0.1", "--sftp-port", String.valueOf(port), "--sftp-user", "alice", "--sftp-pass",
                // rclone obscure secret: its own reversible encoding of the password "secret"
                Processes.run(temp, List.of("rclone", "obscure", "secret")).assertSucceeded().output().strip()));
        command.addAll(List.of(args));
        return Processes.run(temp, command);
    }

    /** Connects JSch as alice:secret to the runner's port, without a host key check. */
    private static Session aliceOn(int port) throws JSchException {
        Session session = TestClients.jschSession("127.0.0.1", port, "alice", "secret");
        session.connect(10_000);
        return session;
    }
}
