package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exec requests from OpenSSH's {@code ssh} (which asks for a reply) and MINA's client, answered by the emulation or
 * refused by the {@code no-exec} personality.
 */
class NoExecAndOpenSshExecTest {
    @TempDir
    static Path keys;
    private static Path key;

    @BeforeAll
    static void generateKey() {
        key = OpenSsh.generateKey(keys, "id_ed25519");
    }

    @Test
    void answersOpenSshsCommandsLikeAShell() {
        try (SftpTestServer server = SftpTestServer.builder().user("bob", Path.of(key + ".pub"))
                .file("/in/a.csv", "x").start()) {
            Processes.Result id = OpenSsh.ssh(server, "bob", key, "id -u").assertSucceeded();
            Processes.Result md5 = OpenSsh.ssh(server, "bob", key, "md5sum /in/a.csv").assertSucceeded();
            Processes.Result unknown = OpenSsh.ssh(server, "bob", key, "uname -a");

            assertThat(id.output()).matches("\\d+\n");
            assertThat(md5.output()).isEqualTo("9dd4e461268c8034f5c8564e155c67a6  /in/a.csv\n");
            assertThat(unknown.exitCode()).isEqualTo(127);
            assertThat(unknown.output()).startsWith("sh: 1: uname: not found");
        }
    }

    @Test
    void refusesOpenSshsExecAtOnceUnderNoExec() {
        try (SftpTestServer server = SftpTestServer.builder().user("bob", Path.of(key + ".pub"))
                .personality(Personality.NO_EXEC).start()) {
            Processes.Result refused = OpenSsh.ssh(server, "bob", key, "id -u");

            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.output()).contains("exec request failed on channel 0");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.EXEC)))
                    .extracting(RecordedRequest::status).containsExactly(SftpStatus.OP_UNSUPPORTED);
        }
    }

    @Test
    void closesARefusedChannelAtOnceWhileSftpGoesOnOnTheSameConnection() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").personality(Personality.NO_EXEC)
                .start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            Exec exec = Exec.run(client.session(), "id -u");
            Exec shell = Exec.shell(client.session());
            client.upload("/after.txt", "still SFTP".getBytes(StandardCharsets.UTF_8));

            assertThat(List.of(exec, shell)).containsOnly(new Exec("", "", null));
            assertThat(server.fileContent("/after.txt", StandardCharsets.UTF_8)).isEqualTo("still SFTP");
            List<RecordedRequest> refusals = server.recording().requests(RequestFilter.operation(SftpOperation.EXEC));
            assertThat(refusals).extracting(RecordedRequest::command).containsExactly("id -u", null);
            assertThat(refusals.get(0).summary()).endsWith("alice EXEC id -u : refused (exec and shell requests are "
                    + "refused: this server allows SFTP only (no-exec))");
            assertThat(refusals.get(1).summary()).contains("alice EXEC (shell) : refused");
        }
    }
}
