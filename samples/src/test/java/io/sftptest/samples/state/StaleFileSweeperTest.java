package io.sftptest.samples.state;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.SftpTestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

// tag::state-clock-test[]
@SftpServerTest(users = "alice:secret")
class StaleFileSweeperTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void removesOnlyTheFilesOlderThanTheMaximumAge(SftpTestServer server) throws Exception {
        server.clock().set(NOW.minus(Duration.ofHours(2)));
        server.putFile("/outbox/forgotten.csv", "a,b\n");
        server.clock().set(NOW.minus(Duration.ofMinutes(5)));
        server.putFile("/outbox/fresh.csv", "c,d\n");
        StaleFileSweeper sweeper = new StaleFileSweeper(server.host(), server.port(), "alice", "secret",
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(sweeper.sweep("/outbox", Duration.ofHours(1))).containsExactly("forgotten.csv");

        assertThat(server).hasNoFile("/outbox/forgotten.csv").hasFile("/outbox/fresh.csv");
    }
}
// end::state-clock-test[]
