package io.sftptest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import io.sftptest.fixture.openssh.OpenSshServer;

/** The quick run of every scenario, so that `mvn verify` proves the harness works (its numbers mean nothing). */
class BenchmarkHarnessSmokeTest {

    @Test
    void runsEveryScenarioAgainstBothServersAndReportsARowForEach() throws Exception {
        assumeTrue(OpenSshServer.isInstalled(),
                "OpenSSH's sshd is not installed (Debian package openssh-server): the reference is missing");

        String report = BenchmarkHarness.run(true);
        System.out.println(report);

        assertThat(report).contains("| 1. start to first accepted connection, warm",
                "| 1. start to first accepted connection, first in a new JVM",
                "| 2. JSch connect + auth + 1 KiB put + get + disconnect",
                "| 3. OpenSSH sftp upload 4 MiB, default cipher", "| 3. OpenSSH sftp download 4 MiB, aes128-gcm",
                "| 4. 20 files of 1 KiB", "| 5. 4 concurrent JSch clients × 3 transfers of 64 KiB (failures: 0)",
                "| 6. OpenSSH sftp upload 4 MiB (aes128-gcm), recording on vs off",
                "| 6. download 1 MiB, JSch in the same JVM, memory to memory, 100 non-matching fault rules vs none",
                "| 6. 20 files of 1 KiB, one JSch session, 100 non-matching fault rules vs none",
                "| 6. download 1 MiB, JSch in the same JVM, memory to memory, recording on vs off", "| 7. heap held per byte", "| 7. heap per idle SFTP connection");
        assertThat(report.lines().filter(line -> line.startsWith("| ") && line.contains("(sshd")))
                .as("rows with a reference measured in the same run").hasSizeGreaterThanOrEqualTo(7);
    }
}
