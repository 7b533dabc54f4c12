package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.SftpVersionSelector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The server writes the answer to a READ straight into the SSH packets that carry it and cuts it at the client's
 * packet size itself. Every length around a packet boundary must arrive intact and in order: with a client whose
 * packets are small, with a window smaller than one answer (MINA then holds the rest until the client makes room),
 * in SFTP v3 and in v6 (whose answer ends with an end-of-file flag), up to reads of 255 KiB as OpenSSH's sshd answers.
 */
class ReadRepliesInPacketsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int FILE_SIZE = 1024 * 1024;

    @ParameterizedTest(name = "SFTP v{0}, packets of {1} bytes, window of {2} bytes")
    @CsvSource({"3, 32768, 2097152", "3, 1000, 2097152", "3, 4096, 10000", "6, 1000, 2097152", "6, 32768, 40000"})
    void answersEveryReadLengthWithTheFilesBytes(int version, int packetSize, int windowSize) throws Exception {
        byte[] content = new byte[FILE_SIZE];
        new SplittableRandom(version * 31L + packetSize).nextBytes(content);
        int[] lengths = {1, 2, packetSize - 14, packetSize - 13, packetSize - 12, packetSize, packetSize + 1,
            2 * packetSize - 13, 2 * packetSize + 7, 32 * 1024, 63 * 1024, 64 * 1024, 255 * 1024};
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").protocolVersions(3, 6)
                .personality(Personality.smallReads(255 * 1024)).file("/data.bin", content).start()) {
            SshClient client = SshClient.setUpDefaultClient();
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            CoreModuleProperties.MAX_PACKET_SIZE.set(client, (long) packetSize);
            CoreModuleProperties.WINDOW_SIZE.set(client, (long) windowSize);
            client.start();
            try (ClientSession session = client.connect("alice", server.host(), server.port()).verify(TIMEOUT)
                    .getSession()) {
                session.addPasswordIdentity("secret");
                session.auth().verify(TIMEOUT);
                try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session,
                        SftpVersionSelector.fixedVersionSelector(version));
                        CloseableHandle handle = sftp.open("/data.bin", SftpClient.OpenMode.Read)) {
                    assertThat(sftp.getVersion()).isEqualTo(version);
                    long offset = 0;
                    for (int length : lengths) {
                        byte[] read = new byte[length];
                        int n = sftp.read(handle, offset, read, 0, length);
                        assertThat(n).as("bytes answered to a read of %d at %d", length, offset).isEqualTo(length);
                        assertThat(read).as("a read of %d bytes at %d", length, offset)
                                .isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) offset + length));
                        offset += length;
                    }
                    // the end of the file: a short answer, then end-of-file
                    byte[] tail = new byte[64 * 1024];
                    long last = FILE_SIZE - 1000;
                    assertThat(sftp.read(handle, last, tail, 0, tail.length)).isEqualTo(1000);
                    assertThat(Arrays.copyOf(tail, 1000)).isEqualTo(Arrays.copyOfRange(content, (int) last, FILE_SIZE));
                    assertThat(sftp.read(handle, FILE_SIZE, tail, 0, tail.length)).isEqualTo(-1);
                }
            } finally {
                client.stop();
            }
        }
    }
}
