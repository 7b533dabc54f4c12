package io.sftptest.samples.personalities;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.SftpTestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// tag::personality-file[]
// partner.personality.json (src/test/resources) is what `probe` wrote about the partner's server
@SftpServerTest(users = "alice:secret", personalityFiles = "partner.personality.json", directories = "/outbox")
class PartnerPublishTest {
    private static final byte[] MONDAY = "sku,price\nA1,10\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TUESDAY = "sku,price\nA1,12\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSecondPublishFailsAsOnThePartnersServer(SftpTestServer server) throws Exception {
        AtomicPublisher publisher = new AtomicPublisher(server.host(), server.port(), "alice", "secret", false);
        publisher.publish("/outbox/prices.csv", MONDAY);

        // the partner has no posix-rename, and its plain rename refuses an existing name, with its own message
        assertThatThrownBy(() -> publisher.publish("/outbox/prices.csv", TUESDAY))
                .isInstanceOfSatisfying(SftpException.class, e -> {
                    assertThat(e.id).isEqualTo(ChannelSftp.SSH_FX_FAILURE);
                    assertThat(e).hasMessageContaining("File/Directory already exists");
                });
    }

    @Test
    void publishesAgainWhenItRemovesTheOldFileFirst(SftpTestServer server) throws Exception {
        AtomicPublisher publisher = new AtomicPublisher(server.host(), server.port(), "alice", "secret", true);
        publisher.publish("/outbox/prices.csv", MONDAY);

        publisher.publish("/outbox/prices.csv", TUESDAY);

        assertThat(server).hasFile("/outbox/prices.csv").hasContent("sku,price\nA1,12\n");
    }
}
// end::personality-file[]
