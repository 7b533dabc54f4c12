package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.SftpATTRS;

/** Exec and shell requests, answered by the server's emulation of the commands SFTP clients send. */
class ExecTest {
    private static final byte[] CONTENT = "id,total\n1,42\n".getBytes(StandardCharsets.UTF_8);

    private SftpTestServer server;
    private MinaClient client;

    @BeforeEach
    void start() {
        server = SftpTestServer.builder().user("alice", "secret").homeDirectory("alice", "/home/alice").start();
        client = MinaClient.connect(server.host(), server.port(), "alice", "secret");
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void answersIdWithTheIdsThatStatReportsForTheUsersFiles() throws Exception {
        SftpATTRS stat;
        try (TestClients.Jsch jsch = TestClients.jsch(server, "alice", "secret")) { // SFTP v3: numeric ids, as Commons VFS compares
            jsch.sftp().put(new ByteArrayInputStream(CONTENT), "/home/alice/mine.txt");
            stat = jsch.sftp().stat("/home/alice/mine.txt");
        }

        assertThat(exec("id -u")).isEqualTo(new Exec(stat.getUId() + "\n", "", 0));
        assertThat(exec("id -g")).isEqualTo(new Exec(stat.getGId() + "\n", "", 0));
        assertThat(exec("id -G")).isEqualTo(new Exec(stat.getGId() + "\n", "", 0));
        assertThat(exec("id -un")).isEqualTo(new Exec("alice\n", "", 0));
        assertThat(exec("id")).isEqualTo(new Exec("uid=" + stat.getUId() + "(alice) gid=" + stat.getGId()
                + "(alice) groups=" + stat.getGId() + "(alice)\n", "", 0));
        assertThat(exec("id -u -g")).isEqualTo(new Exec("", "id: cannot print \"only\" of more than one choice\n",
                1));
        assertThat(exec("id bob")).isEqualTo(new Exec("", "id: 'bob': no such user\n", 1));
    }

    @Test
    void hashesFilesRelativeToTheHomeDirectoryAsCoreutilsPrintsThem() throws Exception {
        server.putFile("/home/alice/a.bin", CONTENT);

        assertThat(exec("md5sum a.bin /home/alice/a.bin")).isEqualTo(new Exec(
                hex("MD5") + "  a.bin\n" + hex("MD5") + "  /home/alice/a.bin\n", "", 0));
        assertThat(exec("sha1sum a.bin")).isEqualTo(new Exec(hex("SHA-1") + "  a.bin\n", "", 0));
        assertThat(exec("sha256sum -b a.bin")).isEqualTo(new Exec(hex("SHA-256") + " *a.bin\n", "", 0));
        assertThat(exec("sha256sum --tag a.bin")).isEqualTo(new Exec("SHA256 (a.bin) = " + hex("SHA-256") + "\n", "",
                0));
    }

    @Test
    void reportsMissingFilesAndDirectoriesOnStderrAndGoesOnWithTheOthers() throws Exception {
        server.putFile("/home/alice/a.bin", CONTENT);

        assertThat(exec("md5sum /nope /home/alice 'a b' a.bin")).isEqualTo(new Exec(hex("MD5") + "  a.bin\n",
                "md5sum: /nope: No such file or directory\n"
                        + "md5sum: /home/alice: Is a directory\n"
                        + "md5sum: 'a b': No such file or directory\n", 1));
    }

    @Test
    void readsRclonesBackslashEscapedPathsAndEscapesSuchNamesAsCoreutilsDoes() throws Exception {
        server.putFile("/in/a b\\c.csv", CONTENT);

        // rclone escapes every character outside [A-Za-z0-9_.,:/@-] with a backslash
        Exec result = exec("md5sum /in/a\\ b\\\\c.csv");

        assertThat(result).isEqualTo(new Exec("\\" + hex("MD5") + "  /in/a b\\\\c.csv\n", "", 0));
    }

    @Test
    void hashesStandardInputWhenNoFileIsNamed() throws Exception {
        Exec result = Exec.run(client.session(), "sha256sum", CONTENT);

        assertThat(result).isEqualTo(new Exec(hex("SHA-256") + "  -\n", "", 0));
    }

    @Test
    void printsTheStatvfsNumbersInTheLayoutOfCoreutilsDf() throws Exception {
        FileStore store = Files.getFileStore(server.fileSystem().getPath("/"));
        long size = store.getTotalSpace() / 4096 * 4;
        long used = size - store.getUnallocatedSpace() / 4096 * 4;
        long available = store.getUsableSpace() / 4096 * 4;
        String percent = used + available == 0 ? "-" : (used * 100 + used + available - 1) / (used + available) + "%";

        Exec result = exec("df -k /home/alice");

        assertThat(result.exitStatus()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        String columns = "%-14s %" + width(size, 9) + "s %" + width(used, 5) + "s %" + width(available, 9) + "s %4s %s";
        assertThat(lines.get(0)).isEqualTo(String.format(columns, "Filesystem", "1K-blocks", "Used", "Available", "Use%",
                "Mounted on"));
        assertThat(lines.get(1).split(" +")).containsExactly(store.name(), Long.toString(size), Long.toString(used),
                Long.toString(available), percent, "/");
        assertThat(exec("df -k /nope")).isEqualTo(new Exec("", "df: /nope: No such file or directory\n", 1));
    }

    @Test
    void echoesWithUnsetVariablesExpandedToNothingAsRclonesShellProbeExpects() {
        assertThat(exec("echo ${ShellId}%ComSpec%")).isEqualTo(new Exec("%ComSpec%\n", "", 0));
        assertThat(exec("echo \"$HOME\" ~ '$USER' $USER")).isEqualTo(new Exec("/home/alice /home/alice $USER alice\n",
                "", 0));
        assertThat(exec("echo -n x")).isEqualTo(new Exec("x", "", 0));
    }

    @Test
    void answersAnythingElseWithNotFoundAndExitStatus127() {
        Exec unknown = exec("ls -l /");
        Exec pipeline = exec("md5sum a.bin | sort");

        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("sh: 1: ls: not found");
        assertThat(unknown.exitStatus()).isEqualTo(127);
        assertThat(pipeline.err()).startsWith("sh: 1: \"|\" is shell syntax this server does not emulate");
        assertThat(pipeline.exitStatus()).isEqualTo(127);
    }

    @Test
    void answersAShellRequestAtOnceAndClosesIt() {
        Exec shell = Exec.shell(client.session());

        assertThat(shell.exitStatus()).isEqualTo(127);
        assertThat(shell.err()).contains("no interactive shell", "md5sum");
    }

    @Test
    void recordsEachExecWithItsCommandLineExitStatusAndStderr() {
        exec("id -u");
        exec("nope");

        List<RecordedRequest> execs = server.recording().requests(RequestFilter.operation(SftpOperation.EXEC));
        assertThat(execs).extracting(RecordedRequest::command).containsExactly("id -u", "nope");
        assertThat(execs).extracting(RecordedRequest::exitStatus).containsExactly(0, 127);
        assertThat(execs).extracting(RecordedRequest::status).containsExactly(SftpStatus.OK, SftpStatus.FAILURE);
        RecordedRequest id = execs.get(0);
        assertThat(id.summary()).isEqualTo("#" + id.connectionId() + ".0 alice EXEC id -u : exit 0");
        assertThat(id.toJson()).contains("\"op\":\"EXEC\"", "\"command\":\"id -u\"", "\"exitStatus\":0");
        assertThat(execs.get(1).message()).startsWith("sh: 1: nope: not found");
        assertThat(execs.get(1).summary()).contains("EXEC nope : exit 127 (sh: 1: nope: not found");
    }

    @Test
    void keepsCommandsInsideTheUsersRootAndConfinementAsSftpDoes() throws Exception {
        try (SftpTestServer confined = SftpTestServer.builder()
                .user("bob", "secret").userRootDirectory("bob", "/users/bob")
                .user("carol", "secret").homeDirectory("carol", "/home/carol").restrictUserToHomeDir("carol")
                .file("/secret.txt", "top secret")
                .file("/users/bob/own.txt", "bob's")
                .start()) {
            Files.createSymbolicLink(confined.fileSystem().getPath("/home/carol/link"),
                    confined.fileSystem().getPath("/secret.txt"));
            try (MinaClient bob = MinaClient.connect(confined.host(), confined.port(), "bob", "secret");
                    MinaClient carol = MinaClient.connect(confined.host(), confined.port(), "carol", "secret")) {
                assertThat(Exec.run(bob.session(), "md5sum /own.txt ../../secret.txt /secret.txt")).isEqualTo(
                        new Exec(md5("bob's") + "  /own.txt\n",
                                "md5sum: ../../secret.txt: No such file or directory\n"
                                        + "md5sum: /secret.txt: No such file or directory\n", 1));
                assertThat(Exec.run(carol.session(), "md5sum /secret.txt ../../secret.txt link")).isEqualTo(
                        new Exec("", "md5sum: /secret.txt: Permission denied\n"
                                + "md5sum: ../../secret.txt: Permission denied\n"
                                + "md5sum: link: Permission denied\n", 1));
            }
        }
    }

    private Exec exec(String command) {
        return Exec.run(client.session(), command);
    }

    private static int width(long value, int minimum) {
        return Math.max(minimum, Long.toString(value).length());
    }

    private static String hex(String algorithm) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(CONTENT));
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
