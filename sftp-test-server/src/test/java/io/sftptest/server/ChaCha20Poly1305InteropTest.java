package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This project's chacha20-poly1305@openssh.com against OpenSSH's own implementation: the
 * {@code sftp} binary, with only that cipher on both sides, moves bytes up and down unchanged.
 */
class ChaCha20Poly1305InteropTest {
    @TempDir
    Path work;

    @Test
    void openSshSftpRoundTripsBytesWithChaCha20Poly1305() throws Exception {
        Path key = OpenSsh.generateKey(work, "id_ed25519");
        // 3 MiB and a few bytes: about a hundred full packets each way and a short last one
        byte[] data = new byte[(3 << 20) + 13];
        new Random(20).nextBytes(data);
        Path local = work.resolve("up.bin");
        Files.write(local, data);
        Path downloaded = work.resolve("down.bin");
        try (SftpTestServer server = SftpTestServer.builder().user("bob", Path.of(key + ".pub"))
                .ciphers("chacha20-poly1305@openssh.com").start()) {
            OpenSsh.sftp(server, "bob", key,
                    List.of("-c", "chacha20-poly1305@openssh.com", "-o", "StrictHostKeyChecking=no",
                            "-o", "UserKnownHostsFile=/dev/null"),
                    "put " + local + " /up.bin", "get /up.bin " + downloaded).assertSucceeded();

            assertThat(server.fileContent("/up.bin")).isEqualTo(data);
        }
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(data);
    }
}
