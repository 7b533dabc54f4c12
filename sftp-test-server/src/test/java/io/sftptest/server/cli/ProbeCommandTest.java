package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sftptest.fixture.openssh.OpenSshServer;
import io.sftptest.server.HostKey;
import io.sftptest.server.Personality;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpTestServer;

/** The probe command against this project's server: the file, the report, the host key check, the credentials. */
class ProbeCommandTest {
    private static final String PASSWORD = "s3cret-Passw0rd";

    @TempDir
    Path temp;

    private static SftpTestServer server(Personality... personalities) {
        SftpTestServer.Builder builder = SftpTestServer.builder().user("alice", PASSWORD)
                .hostKey(HostKey.generateEd25519()).directory("/work");
        for (Personality personality : personalities) {
            builder.personality(personality);
        }
        return builder.start();
    }

    private static String url(SftpTestServer server, String path) {
        return "sftp://alice@127.0.0.1:" + server.port() + path;
    }

    @Test
    void writesAFileAndAReportThatShowTheServersQuirksAndLeavesNothingBehind() throws Exception {
        Path out = temp.resolve("partner.personality.json");
        try (SftpTestServer server = server(Personality.NO_SETSTAT, Personality.CASE_INSENSITIVE)) {
            ProbeRun run = ProbeRun.probe(url(server, "/work/probe"), PASSWORD, "--out", out.toString(),
                    "--name", "partner", "--host-fingerprint", server.hostKey().fingerprint());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Created the scratch directory /work/probe",
                    "Removed the scratch directory /work/probe",
                    "SETSTAT (a modification time)  refused: PERMISSION_DENIED \"" + Personality.NO_SETSTAT_MESSAGE,
                    "Names                          case-insensitive", "Wrote " + out.toAbsolutePath());
            assertThat(server.listFilesRecursively("/")).isEmpty();
            assertThat(server.list("/work")).isEmpty();
        }
        String file = Files.readString(out);
        assertThat(file).contains("\"name\" : \"partner\"", "\"caseSensitive\" : false",
                "\"message\" : \"" + Personality.NO_SETSTAT_MESSAGE + "\"");
        assertThat(Personality.load(out).name()).isEqualTo("partner");
    }

    @Test
    void neverPrintsOrWritesThePassword() throws Exception {
        Path out = temp.resolve("p.json");
        try (SftpTestServer server = server()) {
            ProbeRun run = ProbeRun.probe(url(server, "/work/probe"), PASSWORD, "--out", out.toString(),
                    "--host-fingerprint", server.hostKey().fingerprint());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
            assertThat(Files.readString(out)).doesNotContain(PASSWORD).doesNotContain("alice");
        }
    }

    @Test
    void logsInWithAKeyFile() throws Exception {
        Path key = OpenSshServer.generateKey(temp.resolve("keys"), "id_ed25519");
        Path out = temp.resolve("p.json");
        try (SftpTestServer server = SftpTestServer.builder().user("bob", Path.of(key + ".pub"))
                .hostKey(HostKey.generateEd25519()).directory("/work").start()) {
            ProbeRun run = ProbeRun.run(Map.of(), "probe", "sftp://bob@127.0.0.1:" + server.port() + "/work",
                    "--key", key.toString(), "--out", out.toString(), "--host-fingerprint",
                    server.hostKey().fingerprint(), "--read-only");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(server.recording().requests()).anySatisfy(r -> assertThat(r.authMethod()).isEqualTo("publickey"));
        }
    }

    @Test
    void refusesAnUnknownHostKeyBeforeSendingAnyCredential() throws Exception {
        Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "");
        try (SftpTestServer server = server()) {
            ProbeRun run = ProbeRun.probe(url(server, "/work/probe"), PASSWORD, "--known-hosts",
                    knownHosts.toString(), "--out", temp.resolve("p.json").toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("the server's ssh-ed25519 host key " + server.hostKey().fingerprint()
                    + " is not in " + knownHosts + ": the probe sent nothing",
                    "--host-fingerprint " + server.hostKey().fingerprint(), "--accept-new-host-key");
            assertThat(server.recording().requests()).noneMatch(r -> r.operation() == SftpOperation.AUTH);
            assertThat(temp.resolve("p.json")).doesNotExist();
        }
    }

    @Test
    void refusesAHostKeyThatDiffersFromTheOneKnownHostsLists() throws Exception {
        try (SftpTestServer server = server()) {
            String otherKey = HostKey.generateEd25519Fresh().publicKeyLine();
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), "[127.0.0.1]:" + server.port() + " "
                    + otherKey + "\n");
            ProbeRun run = ProbeRun.probe(url(server, "/work/probe"), PASSWORD, "--known-hosts",
                    knownHosts.toString(), "--accept-new-host-key");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("differs from the ssh-ed25519 host key", "Someone may be in the middle");
            assertThat(server.recording().requests()).noneMatch(r -> r.operation() == SftpOperation.AUTH);
        }
    }

    @Test
    void trustsAHostKeyThatKnownHostsListsAndRefusesAPinnedFingerprintThatDiffers() throws Exception {
        try (SftpTestServer server = server()) {
            Path knownHosts = Files.writeString(temp.resolve("known_hosts"), server.knownHostsLine() + "\n");
            ProbeRun trusted = ProbeRun.probe(url(server, "/work"), PASSWORD, "--read-only", "--known-hosts",
                    knownHosts.toString(), "--out", temp.resolve("p.json").toString());
            ProbeRun pinned = ProbeRun.probe(url(server, "/work"), PASSWORD, "--read-only", "--host-fingerprint",
                    HostKey.generateEd25519Fresh().fingerprint());

            assertThat(trusted.exitCode()).as(trusted.toString()).isZero();
            assertThat(pinned.exitCode()).as(pinned.toString()).isEqualTo(1);
            assertThat(pinned.err()).contains("does not match --host-fingerprint");
        }
    }

    @Test
    void refusesAScratchDirectoryThatExistsAndSaysWhatItHolds() throws Exception {
        try (SftpTestServer server = server()) {
            server.putFile("/work/probe/mine.txt", "keep me");
            server.createDirectory("/work/empty");

            ProbeRun full = ProbeRun.probe(url(server, "/work/probe"), PASSWORD, "--accept-new-host-key");
            ProbeRun empty = ProbeRun.probe(url(server, "/work/empty"), PASSWORD, "--accept-new-host-key");
            ProbeRun noParent = ProbeRun.probe(url(server, "/nowhere/probe"), PASSWORD, "--accept-new-host-key");

            assertThat(full.exitCode()).as(full.toString()).isEqualTo(1);
            assertThat(full.err()).contains("the scratch directory /work/probe exists and holds 1 entry: name a "
                    + "directory that does not exist yet");
            assertThat(empty.err()).contains("the scratch directory /work/empty exists (empty)");
            assertThat(noParent.err()).contains("the parent of the scratch directory, /nowhere, does not exist");
            assertThat(server.fileContent("/work/probe/mine.txt", java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("keep me");
            assertThat(server.list("/work")).containsExactlyInAnyOrder("probe", "empty");
            assertThat(server.recording().requests()).noneMatch(r -> r.operation() == SftpOperation.MKDIR
                    || r.operation() == SftpOperation.OPEN || r.operation() == SftpOperation.REMOVE);
        }
    }

    @Test
    void refusesAReadOnlyProbeOfADirectoryThatDoesNotExist() {
        try (SftpTestServer server = server()) {
            ProbeRun run = ProbeRun.probe(url(server, "/work/missing"), PASSWORD, "--read-only",
                    "--accept-new-host-key");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.err()).contains("a read-only probe lists an existing directory, but /work/missing cannot "
                    + "be read: the server answered NO_SUCH_FILE");
        }
    }

    @Test
    void resolvesAPathBelowTheHomeDirectory() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", PASSWORD).directory("/home/alice")
                .homeDirectory("alice", "/home/alice").start()) {
            ProbeRun run = ProbeRun.probe(url(server, "/~/probe"), PASSWORD, "--accept-new-host-key", "--out",
                    temp.resolve("p.json").toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Created the scratch directory /home/alice/probe");
        }
    }

    @Test
    void writesABuiltInPersonalityAsAFileThatLoadsBackToTheSameBehaviour() throws Exception {
        Path out = temp.resolve("no-setstat.json");

        ProbeRun run = ProbeRun.run(Map.of(), "write-personality", "no-setstat", "--out", out.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("refused: PERMISSION_DENIED", "Wrote " + out.toAbsolutePath());
        String file = Files.readString(out);
        assertThat(file).contains("\"name\" : \"no-setstat\"", "\"description\" : \""
                + Personality.NO_SETSTAT.description().replace("\"", "\\\""))
                .doesNotContain("\"probe\"");
        assertThat(Personality.load(out).limitations()).isEmpty();
    }

    @Test
    void saysWhatAPresetDoesThatTheFileCannotHold() {
        ProbeRun run = ProbeRun.run(Map.of(), "write-personality", "no-exec", "--out",
                temp.resolve("no-exec.json").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Not in the file (no probed point holds it): exec and shell requests are "
                + "refused");
    }

    @Test
    void servesAPersonalityFileFromTheCommandLineAndListsWhatItCannotReproduce() throws Exception {
        Path file = Files.writeString(temp.resolve("partner.json"), "{\"format\": 1, \"name\": \"partner\", "
                + "\"description\": \"the partner\", \"sftp\": {\"versions\": [3, 5]},"
                + " \"ssh\": {\"identification\": \"SSH-2.0-PartnerMFT_7.1\"}}");
        try (Runner runner = new Runner("--port", "0", "--personality-file", file.toString(), "--quiet")) {
            String listening = runner.out.next();
            assertThat(listening).startsWith("Listening on");
            assertThat(runner.out.until(line -> line.startsWith("Personality"))).isEqualTo("Personality partner ("
                    + file + "): the partner");
            assertThat(runner.out.next()).isEqualTo("  cannot reproduce sftp.versions: the probed server accepts "
                    + "[3, 5]; this server accepts every version from 3 to 5");
            runner.stopCleanly();
        }
    }
}
