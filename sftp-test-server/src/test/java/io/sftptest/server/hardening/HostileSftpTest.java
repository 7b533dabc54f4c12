package io.sftptest.server.hardening;

import static org.apache.sshd.sftp.common.SftpConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.util.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

/**
 * SFTP requests no client library would send, written by hand into an authenticated channel. Each
 * gets a status or a closed channel, never a hang; the server then still serves a normal client.
 */
class HostileSftpTest {
    private static SshClient client;
    private SftpTestServer server;

    @BeforeAll
    static void startClient() {
        client = RawSftp.startClient();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    @BeforeEach
    void startServer() {
        server = Health.builder().file("/data/ten.bin", "0123456789").protocolVersion(3).start();
    }

    @AfterEach
    void checkHealthAndClose() throws Exception {
        try {
            Health.assertServes(client, server);
            assertThat(server.fileContent("/data/ten.bin", StandardCharsets.UTF_8)).isEqualTo("0123456789");
        } finally {
            server.close();
        }
    }

    @Test
    void answersAnUnknownPacketTypeWithOpUnsupported() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.send(0xC8, 7, b -> b.putString("whatever"));
            assertThat(sftp.status(7)).isEqualTo(SSH_FX_OP_UNSUPPORTED);
        }
    }

    @Test
    void answersABogusHandleWithNoSuchFileInVersion3() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.send(SSH_FXP_READ, 1, b -> {
                b.putString("no-such-handle");
                b.putLong(0);
                b.putInt(100);
            });
            // INVALID_HANDLE exists from v4 on; a v3 client gets NO_SUCH_FILE
            assertThat(sftp.status(1)).isEqualTo(SSH_FX_NO_SUCH_FILE);
            sftp.send(SSH_FXP_CLOSE, 2, b -> b.putString(""));
            assertThat(sftp.status(2)).isEqualTo(SSH_FX_NO_SUCH_FILE);
        }
    }

    @Test
    void answersABogusHandleWithNoSuchFileInVersion6Too() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            assertThat(sftp.init(6)).isEqualTo(3); // this server offers only v3
        }
        try (SftpTestServer v6 = Health.builder().protocolVersion(6).start();
                RawSftp sftp = RawSftp.open(client, v6, Health.USER, Health.PASSWORD)) {
            assertThat(sftp.init(6)).isEqualTo(6);
            sftp.send(SSH_FXP_CLOSE, 1, b -> b.putString("no-such-handle"));
            // MINA reports an unknown handle as NO_SUCH_FILE in every version, not INVALID_HANDLE
            assertThat(sftp.status(1)).isEqualTo(SSH_FX_NO_SUCH_FILE);
        }
    }

    @Test
    void answersAReadPastTheEndWithEof() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            String handle = sftp.openForRead(1, "/data/ten.bin");
            sftp.send(SSH_FXP_READ, 2, b -> {
                b.putString(handle);
                b.putLong(1_000_000);
                b.putInt(100);
            });
            assertThat(sftp.status(2)).isEqualTo(SSH_FX_EOF);
            sftp.send(SSH_FXP_READ, 3, b -> {
                b.putString(handle);
                b.putLong(Long.MAX_VALUE);
                b.putInt(100);
            });
            assertThat(sftp.status(3)).isEqualTo(SSH_FX_EOF);
        }
    }

    @Test
    void capsAReadOfAGigabyteAtWhatTheFileHolds() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            String handle = sftp.openForRead(1, "/data/ten.bin");
            sftp.send(SSH_FXP_READ, 2, b -> {
                b.putString(handle);
                b.putLong(0);
                b.putUInt(0x4000_0000L);
            });
            Buffer reply = sftp.reply();
            assertThat(reply.getUByte()).isEqualTo(SSH_FXP_DATA);
            assertThat(reply.getInt()).isEqualTo(2);
            assertThat(reply.getString()).isEqualTo("0123456789");
        }
    }

    @Test
    void answersAReadOfFourGigabytesWithAnErrorStatus() throws Exception {
        // 0xFFFFFFFF is a valid uint32, but MINA reads the length as a signed int: -1
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            String handle = sftp.openForRead(1, "/data/ten.bin");
            sftp.send(SSH_FXP_READ, 2, b -> {
                b.putString(handle);
                b.putLong(0);
                b.putUInt(0xFFFF_FFFFL);
            });
            assertThat(sftp.status(2)).isNotEqualTo(SSH_FX_OK);
        }
    }

    @Test
    void answersTheSecondCloseOfAHandleWithNoSuchFile() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            String handle = sftp.openForRead(1, "/data/ten.bin");
            sftp.send(SSH_FXP_CLOSE, 2, b -> b.putString(handle));
            assertThat(sftp.status(2)).isEqualTo(SSH_FX_OK);
            sftp.send(SSH_FXP_CLOSE, 3, b -> b.putString(handle));
            assertThat(sftp.status(3)).isEqualTo(SSH_FX_NO_SUCH_FILE);
        }
    }

    @Test
    void refusesAWriteThatClaimsMoreDataThanItCarriesAndLeavesTheFileAlone() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.send(SSH_FXP_OPEN, 1, b -> {
                b.putString("/data/ten.bin");
                b.putInt(SSH_FXF_WRITE);
                b.putInt(0);
            });
            String handle = sftp.handle(1);
            for (long claimed : new long[] {0x7FFF_FFFFL, 0xFFFF_FFF0L, 11}) {
                sftp.send(SSH_FXP_WRITE, 2, b -> {
                    b.putString(handle);
                    b.putLong(0);
                    b.putUInt(claimed);
                    b.putRawBytes("XXXXXXXXXX".getBytes(StandardCharsets.US_ASCII));
                });
                assertThat(sftp.status(2)).as("write claiming %d bytes", claimed).isEqualTo(SSH_FX_FAILURE);
            }
        }
    }

    @Test
    void refusesAWriteFarBeyondTheEndOfTheFileInsteadOfFillingTheHeap() throws Exception {
        // Jimfs has no sparse files: this write would allocate 64 GiB of zeros below the offset
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.send(SSH_FXP_OPEN, 1, b -> {
                b.putString("/data/sparse.bin");
                b.putInt(SSH_FXF_WRITE | SSH_FXF_CREAT);
                b.putInt(0);
            });
            String handle = sftp.handle(1);
            sftp.send(SSH_FXP_WRITE, 2, b -> {
                b.putString(handle);
                b.putLong(1L << 36);
                b.putString("x");
            });
            assertThat(sftp.status(2)).isEqualTo(SSH_FX_FAILURE);
        }
        assertThat(java.nio.file.Files.size(server.path("/data/sparse.bin"))).isZero();
    }

    @Test
    void answersAStringLongerThanItsPacketWithBadMessageOrClosesTheChannel() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.send(SSH_FXP_OPEN, 1, b -> {
                b.putUInt(0x7FFF_FFF0L); // path length, but only 3 bytes follow
                b.putRawBytes("abc".getBytes(StandardCharsets.US_ASCII));
            });
            assertAnsweredWithErrorOrClosed(sftp, 1);
        }
    }

    @Test
    void closesTheChannelOnARequestDeclaringMoreThanTheLimitAndKeepsTheConnection() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.sendRaw(new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, SSH_FXP_OPEN, 0, 0, 0, 1});
            assertThat(sftp.awaitClosedByServer(RawSftp.REPLY_TIMEOUT)).as("channel closed").isTrue();
            assertThat(sftp.session().isOpen()).isTrue();
            try (RawSftp second = RawSftp.openOn(sftp.session())) {
                assertThat(second.init(3)).isEqualTo(3);
            }
        }
    }

    @Test
    void closesTheChannelOnARequestDeclaringMoreThanTheChannelWindow() throws Exception {
        // Without the packet limit MINA would wait forever for these 3 MiB, since it returns window
        // only for complete requests.
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.sendRaw(new byte[] {0, 0x30, 0, 0, SSH_FXP_WRITE, 0, 0, 0, 1});
            assertThat(sftp.awaitClosedByServer(RawSftp.REPLY_TIMEOUT)).as("channel closed").isTrue();
        }
    }

    @Test
    void closesTheChannelOnARequestTooShortForTypeAndId() throws Exception {
        for (int length = 0; length < 5; length++) {
            try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
                sftp.init(3);
                byte[] packet = new byte[4 + length];
                packet[3] = (byte) length;
                if (length > 0) {
                    packet[4] = SSH_FXP_STAT;
                }
                sftp.sendRaw(packet);
                assertThat(sftp.awaitClosedByServer(RawSftp.REPLY_TIMEOUT)).as("length %d", length).isTrue();
            }
        }
    }

    @Test
    void answersARequestBeforeInit() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.send(SSH_FXP_STAT, 1, b -> b.putString("/data/ten.bin"));
            assertAnsweredWithErrorOrClosed(sftp, 1);
        }
    }

    @Test
    void answersASecondInit() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.sendRaw(new byte[] {0, 0, 0, 5, SSH_FXP_INIT, 0, 0, 0, 3});
            Buffer reply = sftp.reply();
            if (reply != null) {
                assertThat(reply.getUByte()).isIn(SSH_FXP_STATUS, SSH_FXP_VERSION);
            }
        }
    }

    @Test
    void cleansUpAChannelClosedInTheMiddleOfARequest() throws Exception {
        try (RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.sendRaw(new byte[] {0, 0, 0x10, 0, SSH_FXP_WRITE, 0, 0, 0, 1, 0, 0});
        }
        Waiting.until(() -> server.connections().isEmpty(), "the connection to go away");
    }

    private static void assertAnsweredWithErrorOrClosed(RawSftp sftp, int id) throws Exception {
        Buffer reply = sftp.reply(Duration.ofSeconds(10));
        if (reply == null) {
            return; // closed: acceptable
        }
        assertThat(reply.getUByte()).isEqualTo(SSH_FXP_STATUS);
        assertThat(reply.getInt()).isEqualTo(id);
        assertThat(reply.getInt()).isNotEqualTo(SSH_FX_OK);
    }
}
