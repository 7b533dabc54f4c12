package io.sftptest.matrix.sshj;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.sftptest.matrix.RunnerProcess;

/**
 * sshj 0.11 knows only SHA-1 key exchanges, which the defaults do not offer: the connection fails, and the server
 * says why and which switch lets this client in (the one the round trip in this module runs with).
 */
class DefaultsRefuseItsSha1KeyExchangeTest {
    @Test
    void failsTheKeyExchangeAndTheRunnerNamesTheMissingAlgorithmAndTheFix() {
        try (RunnerProcess runner = RunnerProcess.start("--user", "alice:secret")) {
            assertThatThrownBy(() -> SshjClient.connect(runner.host(), runner.port(), "alice", "secret").close())
                    .hasMessageContaining("Unable to reach a settlement");

            String fix = "; fix: builder.legacyAlgorithms(true) (runner: --legacy-algorithms)";
            // sshj 0.11.0 introduces itself as SSH-2.0-SSHJ_0_9_2
            runner.awaitOutput(line -> line.startsWith("#1.0 DISCONNECT (key exchange with SSH-2.0-SSHJ_")
                    && line.contains(" failed: no common key exchange (client offers diffie-hellman-group14-sha1,"
                            + "diffie-hellman-group1-sha1; server offers ") && line.endsWith(fix + ")"));
            runner.awaitError(line -> line.contains(" WARN io.sftptest.server.SftpTestServer - connection 1 from ")
                    && line.endsWith(fix));
        }
    }
}
