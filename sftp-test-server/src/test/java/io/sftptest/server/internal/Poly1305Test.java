package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Poly1305Test {

    @Test
    void givesTheTagOfRfc8439Section252() {
        byte[] key = HexFormat.of().parseHex(
                "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
        byte[] message = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        Poly1305 poly = new Poly1305();
        poly.init(key);
        poly.update(message, 0, message.length);
        byte[] tag = new byte[16];
        poly.doFinal(tag, 0);

        assertThat(HexFormat.of().formatHex(tag)).isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void agreesWithBouncyCastleOnRandomKeysLengthsAndSplits() {
        Random random = new Random(8439);
        Poly1305 ours = new Poly1305();
        org.bouncycastle.crypto.macs.Poly1305 reference = new org.bouncycastle.crypto.macs.Poly1305();
        for (int round = 0; round < 2000; round++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            if (round % 10 == 0) {
                Arrays.fill(key, 0, 16, (byte) 0xff); // the largest r the clamp lets through
            }
            byte[] message = new byte[random.nextInt(round < 100 ? 40 : 40_000)];
            random.nextBytes(message);
            if (round % 7 == 0) {
                Arrays.fill(message, (byte) 0xff); // carries in every limb
            }
            ours.init(key);
            reference.init(new KeyParameter(key));
            int at = 0;
            while (at < message.length) {
                int piece = Math.min(message.length - at, random.nextInt(70));
                ours.update(message, at, piece);
                reference.update(message, at, piece);
                at += piece;
            }
            byte[] ourTag = new byte[16];
            byte[] referenceTag = new byte[16];
            ours.doFinal(ourTag, 0);
            reference.doFinal(referenceTag, 0);
            assertThat(ourTag).as("round %d, %d bytes", round, message.length).isEqualTo(referenceTag);
        }
    }
}
