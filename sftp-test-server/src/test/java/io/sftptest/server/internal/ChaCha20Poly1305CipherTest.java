package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.AEADBadTagException;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.ChaCha20Cipher;
import org.apache.sshd.common.cipher.Cipher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The cipher packet by packet against MINA's own chacha20-poly1305, with both key streams. */
class ChaCha20Poly1305CipherTest {
    private static final byte[] KEY = new byte[64];

    static {
        new Random(64).nextBytes(KEY);
    }

    @ParameterizedTest(name = "JDK key stream: {0}")
    @ValueSource(booleans = {true, false})
    void encryptsPacketsThatMinasCipherDecrypts(boolean jdkKeyStream) throws Exception {
        roundTrip(new ChaCha20Poly1305Cipher(jdkKeyStream), new ChaCha20Cipher(), sequenceNumber(7));
    }

    @ParameterizedTest(name = "JDK key stream: {0}")
    @ValueSource(booleans = {true, false})
    void decryptsPacketsThatMinasCipherEncrypts(boolean jdkKeyStream) throws Exception {
        roundTrip(new ChaCha20Cipher(), new ChaCha20Poly1305Cipher(jdkKeyStream), sequenceNumber(7));
    }

    @ParameterizedTest(name = "JDK key stream: {0}")
    @ValueSource(booleans = {true, false})
    void followsTheSequenceNumberAcrossItsWrapAround(boolean jdkKeyStream) throws Exception {
        // starts 100 packets below 2^32: the nonce wraps to 0 as OpenSSH's 32-bit sequence number does
        byte[] iv = sequenceNumber(0xFFFF_FFFFL - 100);
        roundTrip(new ChaCha20Poly1305Cipher(jdkKeyStream), new ChaCha20Poly1305Cipher(!jdkKeyStream), iv);
    }

    @Test
    void rejectsAPacketWithAChangedByte() throws Exception {
        Cipher sender = new ChaCha20Poly1305Cipher();
        Cipher receiver = new ChaCha20Poly1305Cipher();
        sender.init(Cipher.Mode.Encrypt, KEY, sequenceNumber(3));
        receiver.init(Cipher.Mode.Decrypt, KEY, sequenceNumber(3));
        byte[] packet = new byte[4 + 64 + 16];
        sender.updateAAD(packet, 0, 4);
        sender.update(packet, 4, 64);
        packet[20] ^= 1;

        receiver.updateAAD(packet, 0, 4);
        assertThatThrownBy(() -> receiver.update(packet, 4, 64)).isInstanceOf(AEADBadTagException.class);
    }

    @Test
    void replacesMinasChaCha20InTheServersCipherList() {
        assertThat(Algorithms.ciphers(Algorithms.DEFAULT_CIPHERS)).extracting(NamedResource::getName)
                .containsExactlyElementsOf(Algorithms.DEFAULT_CIPHERS)
                .hasSize(Algorithms.DEFAULT_CIPHERS.size());
        assertThat(Algorithms.ciphers(java.util.List.of(ChaCha20Poly1305Cipher.NAME)))
                .containsExactly(ChaCha20Poly1305Cipher.FACTORY);
    }

    /** Sends packets of many lengths (4-byte length, payload a multiple of 8 bytes, tag) one way. */
    private static void roundTrip(Cipher sender, Cipher receiver, byte[] iv) throws Exception {
        sender.init(Cipher.Mode.Encrypt, KEY, iv);
        receiver.init(Cipher.Mode.Decrypt, KEY, iv);
        Random random = new Random(8);
        for (int packet = 0; packet < 300; packet++) {
            int length = 4 + 8 * (1 + random.nextInt(4200));
            byte[] plain = new byte[length];
            random.nextBytes(plain);
            byte[] wire = Arrays.copyOf(plain, length + 16);
            sender.updateAAD(wire, 0, 4);
            sender.update(wire, 4, length - 4);
            assertThat(Arrays.copyOf(wire, length)).as("packet %d is encrypted", packet).isNotEqualTo(plain);

            receiver.updateAAD(wire, 0, 4);
            receiver.update(wire, 4, length - 4);
            assertThat(Arrays.copyOf(wire, length)).as("packet %d", packet).isEqualTo(plain);
        }
    }

    private static byte[] sequenceNumber(long value) {
        byte[] iv = new byte[8];
        for (int i = 0; i < 8; i++) {
            iv[i] = (byte) (value >>> (56 - 8 * i));
        }
        return iv;
    }
}
