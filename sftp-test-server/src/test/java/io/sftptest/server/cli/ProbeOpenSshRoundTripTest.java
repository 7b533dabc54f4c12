package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sftptest.fixture.openssh.OpenSshServer;
import io.sftptest.server.Personality;
import io.sftptest.server.internal.personality.PersonalityFile;

/**
 * The round trip the probe exists for: probe OpenSSH's sshd, serve the file with the runner, probe that, and the two
 * files agree on every behavioural point, except the points that loading the file said it cannot reproduce.
 */
class ProbeOpenSshRoundTripTest {
    /** The points the SFTP behaviour of a client depends on most: these must be reproduced, never excused. */
    private static final List<String> CORE = List.of("ssh.identification", "ssh.banner", "ssh.hostKeyAlgorithms",
            "ssh.ciphers", "sftp.versions", "sizes.read", "sizes.write", "attributes.setstat", "attributes.fsetstat",
            "rename.ontoExisting", "rename.posixOntoExisting", "writes.append", "writes.overwrite",
            "names.caseSensitive", "names.realpathForm", "links.symlink", "errors.statMissing", "errors.openMissing",
            "errors.mkdirExisting", "errors.rmdirNotEmpty");

    @TempDir
    Path temp;

    @Test
    void theTwinOfOpenSshAnswersLikeItOnEveryPointItDoesNotDeclareItCannot() throws Exception {
        assumeTrue(OpenSshServer.isInstalled(), "OpenSSH's sshd is not installed (Debian package openssh-server)");
        Path key = OpenSshServer.generateKey(temp.resolve("client"), "id_ed25519");
        Path banner = Files.writeString(temp.resolve("banner.txt"), "Authorised use only.\n");
        Path area = Files.createDirectories(temp.resolve("area"));
        Path original = temp.resolve("openssh.personality.json");
        try (OpenSshServer sshd = OpenSshServer.start(temp.resolve("sshd"), Path.of(key + ".pub"),
                "Banner " + banner)) {
            ProbeRun run = ProbeRun.run(Map.of(), "probe", "sftp://" + System.getProperty("user.name")
                    + "@127.0.0.1:" + sshd.port() + area + "/probe", "--key", key.toString(), "--host-fingerprint",
                    sshd.hostKeyFingerprint(), "--out", original.toString(), "--name", "openssh");

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Identification                 SSH-2.0-OpenSSH_",
                    "Banner                         Authorised use only.");
        }
        assertThat(area).isEmptyDirectory();
        Personality twin = Personality.load(original);

        Path twinRoot = Files.createDirectories(temp.resolve("twin/work"));
        Path copy = temp.resolve("twin.personality.json");
        try (Runner runner = new Runner("--port", "0", "--user", "alice:secret", "--root", twinRoot.getParent()
                .toString(), "--personality-file", original.toString(), "--quiet")) {
            int port = Runner.port(runner.out.next());
            ProbeRun run = ProbeRun.probe("sftp://alice@127.0.0.1:" + port + "/work/probe", "secret",
                    "--accept-new-host-key", "--out", copy.toString());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            runner.stopCleanly();
        }
        assertThat(twinRoot).isEmptyDirectory();

        PersonalityFile probed = PersonalityPoints.read(original);
        PersonalityFile served = PersonalityPoints.read(copy);
        List<String> limited = PersonalityPoints.limited(twin.limitations());
        assertThat(PersonalityPoints.differing(probed, served)).as("points that differ; the twin's limitations:\n"
                + String.join("\n", twin.limitations())).isSubsetOf(limited);
        assertThat(limited).as("limitations of the twin of OpenSSH").doesNotContainAnyElementsOf(CORE);
        assertThat(PersonalityPoints.of(probed)).containsKeys(CORE.toArray(String[]::new));
    }
}
