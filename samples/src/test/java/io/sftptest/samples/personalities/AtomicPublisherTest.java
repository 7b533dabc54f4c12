package io.sftptest.samples.personalities;

import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.SftpException;
import io.sftptest.junit.SftpServerTest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// tag::personality-no-posix-rename[]
@SftpServerTest(users = "alice:secret", personalities = "no-posix-rename", directories = "/outbox")
class AtomicPublisherTest {
    private static final byte[] MONDAY = "sku,price\nA1,10\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TUESDAY = "sku,price\nA1,12\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void failsToPublishTheSameNameTwiceWithAPlainRename(SftpTestServer server) throws Exception {
        AtomicPublisher publisher = new AtomicPublisher(server.host(), server.port(), "alice", "secret", false);
        publisher.publish("/outbox/prices.csv", MONDAY);

        assertThatThrownBy(() -> publisher.publish("/outbox/prices.csv", TUESDAY))
                .isInstanceOfSatisfying(SftpException.class,
                        e -> assertThat(e.id).isEqualTo(ChannelSftp.SSH_FX_FAILURE));
        // readers still get Monday's prices, and Tuesday's are stranded in the temporary file
        assertThat(server).hasFile("/outbox/prices.csv").hasContent("sku,price\nA1,10\n");
        assertThat(server).hasFile("/outbox/prices.csv.part").hasContent("sku,price\nA1,12\n");
        assertThat(server).received(RequestFilter.of(SftpOperation.RENAME, "/outbox/prices.csv.part")
                .status(SftpStatus.FAILURE)).once();
    }

    @Test
    void publishesTheSameNameAgainWhenItRemovesTheOldFileFirst(SftpTestServer server) throws Exception {
        AtomicPublisher publisher = new AtomicPublisher(server.host(), server.port(), "alice", "secret", true);
        publisher.publish("/outbox/prices.csv", MONDAY);

        publisher.publish("/outbox/prices.csv", TUESDAY);

        assertThat(server).hasFile("/outbox/prices.csv").hasContent("sku,price\nA1,12\n");
        assertThat(server).hasNoFile("/outbox/prices.csv.part");
        assertThat(server).receivedInOrder(SftpOperation.REMOVE, SftpOperation.RENAME);
    }
}
// end::personality-no-posix-rename[]
