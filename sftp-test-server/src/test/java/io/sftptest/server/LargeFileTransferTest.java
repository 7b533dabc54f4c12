package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * A 100 MiB round trip, streamed on both sides (no copy of the file in the test's heap), checked with
 * SHA-256. One client only (MINA's): the per-client operations are covered by
 * {@link FileOperationsInteropTest}, and three 100 MiB transfers would slow down every build.
 */
class LargeFileTransferTest {
    private static final long SIZE = 100L << 20;

    @Test
    void roundTripsA100MibFileWithAnIdenticalSha256() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            String sent;
            MessageDigest upload = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(client.sftp().write("/big.bin"), upload)) {
                writePseudoRandomBytes(out, SIZE);
            }
            sent = HexFormat.of().formatHex(upload.digest());
            assertThat(server.path("/big.bin")).hasSize(SIZE);
            try (InputStream stored = server.openFile("/big.bin")) {
                assertThat(sha256(stored)).as("SHA-256 of the file the server stored").isEqualTo(sent);
            }
            try (InputStream downloaded = client.sftp().read("/big.bin")) {
                assertThat(sha256(downloaded)).as("SHA-256 of the file downloaded").isEqualTo(sent);
            }
        }
    }

    private static void writePseudoRandomBytes(OutputStream out, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[256 * 1024];
        for (long written = 0; written < size; written += chunk.length) {
            for (int i = 0; i < chunk.length; i += Long.BYTES) {
                long value = random.nextLong();
                for (int b = 0; b < Long.BYTES; b++) {
                    chunk[i + b] = (byte) (value >>> (8 * b));
                }
            }
            out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = in.read(buffer)) > 0;) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
