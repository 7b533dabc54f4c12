package io.sftptest.server.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.CipherFactory;

/**
 * OpenSSH's {@code chacha20-poly1305@openssh.com} (PROTOCOL.chacha20poly1305 in OpenSSH's source;
 * ChaCha20 and Poly1305 as in RFC 8439), faster than MINA's own: the key stream comes from the JDK's
 * {@code ChaCha20} cipher where the JDK has intrinsics for it (Java 20 and later), else from the
 * block function below, which XORs four bytes at a time; Poly1305 is {@link Poly1305}.
 *
 * <p>The 64-byte key is two ChaCha20 keys: bytes 32..63 encrypt the 4-byte packet length (block
 * counter 0), bytes 0..31 the payload (from block counter 1); block 0 of the payload key gives the
 * one-time Poly1305 key, which authenticates the encrypted length and payload. The nonce is the
 * packet sequence number (32 bits, wrapping, sent as 64 bits big-endian), which MINA hands over as
 * the IV and which goes up by one per packet.
 */
final class ChaCha20Poly1305Cipher implements Cipher, ChaCha20Poly1305Information {
    /** The SSH name. */
    public static final String NAME = "chacha20-poly1305@openssh.com";

    /** Creates the cipher for MINA's algorithm negotiation. */
    public static final CipherFactory FACTORY = new Factory();

    private static final boolean JDK_INTRINSICS = Runtime.version().feature() >= 20 && jdkChaCha20();

    /** Whether a provider of this JVM offers ChaCha20 (not so in some FIPS set-ups): else the Java key stream. */
    private static boolean jdkChaCha20() {
        try {
            javax.crypto.Cipher.getInstance("ChaCha20");
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private final KeyStream header;
    private final KeyStream body;
    private final Poly1305 mac = new Poly1305();
    private final byte[] polyKey = new byte[64];
    private final byte[] tag = new byte[TAG_SIZE];
    private Mode mode;
    private long sequence;
    private long firstSequence;
    private boolean packetStarted;

    /** Creates a cipher with the key stream that is fastest on this JDK. */
    public ChaCha20Poly1305Cipher() {
        this(JDK_INTRINSICS);
    }

    /**
     * Creates a cipher with a chosen key stream (the tests compare both).
     *
     * @param jdkKeyStream true for the JDK's {@code ChaCha20} cipher, false for this class's own
     */
    public ChaCha20Poly1305Cipher(boolean jdkKeyStream) {
        this.header = jdkKeyStream ? new JdkKeyStream() : new JavaKeyStream();
        this.body = jdkKeyStream ? new JdkKeyStream() : new JavaKeyStream();
    }

    @Override
    public void init(Mode mode, byte[] key, byte[] iv) throws Exception {
        if (key.length < 64 || iv.length < 8) {
            throw new IllegalArgumentException("chacha20-poly1305 needs a 64-byte key and an 8-byte IV");
        }
        this.mode = mode;
        body.setKey(Arrays.copyOfRange(key, 0, 32));
        header.setKey(Arrays.copyOfRange(key, 32, 64));
        sequence = (long) LONG_BE.get(iv, 0);
        if (sequence >>> 32 != 0) {
            throw new IllegalArgumentException("chacha20-poly1305: the IV is not a packet sequence number (32 bits)");
        }
        firstSequence = sequence;
        packetStarted = false;
    }

    /** Starts a packet: the one-time Poly1305 key from block 0; the body stream then stands at block 1. */
    private void startPacket() throws GeneralSecurityException {
        Arrays.fill(polyKey, (byte) 0);
        body.start(sequence, 0);
        body.xor(polyKey, 0, 64);
        mac.init(polyKey);
        packetStarted = true;
    }

    @Override
    public void updateAAD(byte[] data, int offset, int length) throws Exception {
        checkInitialized();
        if (length != 4) {
            throw new IllegalArgumentException("the only additional data of chacha20-poly1305 is the 4-byte packet length");
        }
        startPacket();
        if (mode == Mode.Decrypt) {
            mac.update(data, offset, length);
        }
        header.start(sequence, 0);
        header.xor(data, offset, length);
        if (mode == Mode.Encrypt) {
            mac.update(data, offset, length);
        }
    }

    @Override
    public void update(byte[] input, int inputOffset, int inputLen) throws Exception {
        checkInitialized();
        if (!packetStarted) {
            startPacket();
        }
        if (mode == Mode.Decrypt) {
            mac.update(input, inputOffset, inputLen);
            mac.doFinal(tag, 0);
            if (!MessageDigest.isEqual(tag, Arrays.copyOfRange(input, inputOffset + inputLen,
                    inputOffset + inputLen + TAG_SIZE))) {
                throw new AEADBadTagException("chacha20-poly1305: the packet's tag does not match");
            }
        }
        body.xor(input, inputOffset, inputLen);
        if (mode == Mode.Encrypt) {
            mac.update(input, inputOffset, inputLen);
            mac.doFinal(input, inputOffset + inputLen);
        }
        // SSH sequence numbers are 32 bits and wrap around; the nonce follows them
        sequence = (sequence + 1) & 0xFFFF_FFFFL;
        if (sequence == firstSequence) {
            throw new IllegalStateException("chacha20-poly1305: the packet sequence number wrapped around under one key");
        }
        packetStarted = false;
    }

    private void checkInitialized() {
        if (mode == null) {
            throw new IllegalStateException("chacha20-poly1305: init() was not called");
        }
    }

    @Override
    public String toString() {
        return NAME + (header instanceof JdkKeyStream ? " (JDK ChaCha20)" : " (Java ChaCha20)");
    }

    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** A ChaCha20 key stream with a 64-bit nonce (the sequence number) and a block counter. */
    private interface KeyStream {
        void setKey(byte[] key);

        void start(long nonce, int counter) throws GeneralSecurityException;

        /** XORs the next bytes of the stream into data, in place. */
        void xor(byte[] data, int offset, int length) throws GeneralSecurityException;
    }

    /**
     * The JDK's IETF ChaCha20 (96-bit nonce, 32-bit counter) gives the same stream as the original
     * 64/64-bit layout that OpenSSH uses, when the nonce is 4 zero bytes and the 8 bytes of the
     * sequence number: the high counter word is zero for any packet shorter than 256 GiB.
     */
    private static final class JdkKeyStream implements KeyStream {
        private final javax.crypto.Cipher cipher;
        private SecretKeySpec key;

        JdkKeyStream() {
            try {
                cipher = javax.crypto.Cipher.getInstance("ChaCha20");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JDK has no ChaCha20 cipher", e);
            }
        }

        @Override
        public void setKey(byte[] key) {
            this.key = new SecretKeySpec(key, "ChaCha20");
        }

        @Override
        public void start(long nonce, int counter) throws GeneralSecurityException {
            byte[] ietfNonce = new byte[12];
            LONG_BE.set(ietfNonce, 4, nonce);
            // DECRYPT_MODE: the same XOR, without ENCRYPT_MODE's refusal of a key and nonce used
            // before, which the poly key (block 0) and payload (block 1 on) of one packet do
            cipher.init(javax.crypto.Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(ietfNonce, counter));
        }

        @Override
        public void xor(byte[] data, int offset, int length) throws GeneralSecurityException {
            int done = cipher.update(data, offset, length, data, offset);
            if (done != length) {
                throw new IllegalStateException("ChaCha20 returned " + done + " of " + length + " bytes");
            }
        }
    }

    /** ChaCha20's block function (RFC 8439, section 2.3) with the original 64-bit nonce and counter. */
    private static final class JavaKeyStream implements KeyStream {
        private final int[] state = new int[16];
        private final int[] block = new int[16];
        private final byte[] blockBytes = new byte[64];
        private int used = 64;

        JavaKeyStream() {
            // "expand 32-byte k"
            state[0] = 0x61707865;
            state[1] = 0x3320646e;
            state[2] = 0x79622d32;
            state[3] = 0x6b206574;
        }

        @Override
        public void setKey(byte[] key) {
            for (int i = 0; i < 8; i++) {
                state[4 + i] = (int) INT_LE.get(key, i * 4);
            }
        }

        @Override
        public void start(long nonce, int counter) {
            state[12] = counter;
            state[13] = 0;
            // the nonce's 8 bytes (big-endian sequence number) read as two little-endian words
            state[14] = Integer.reverseBytes((int) (nonce >>> 32));
            state[15] = Integer.reverseBytes((int) nonce);
            used = 64;
        }

        @Override
        public void xor(byte[] data, int offset, int length) {
            int end = offset + length;
            int at = offset;
            // the rest of a block that an earlier call began
            while (used < 64 && at < end) {
                data[at++] ^= blockBytes[used++];
            }
            while (end - at >= 64) {
                nextBlock();
                for (int i = 0; i < 16; i++) {
                    int index = at + i * 4;
                    INT_LE.set(data, index, (int) INT_LE.get(data, index) ^ block[i]);
                }
                at += 64;
            }
            if (at < end) {
                nextBlock();
                for (int i = 0; i < 16; i++) {
                    INT_LE.set(blockBytes, i * 4, block[i]);
                }
                used = 0;
                while (at < end) {
                    data[at++] ^= blockBytes[used++];
                }
            }
        }

        /** Computes the block at the current counter into {@code block} and advances the counter. */
        private void nextBlock() {
            int x0 = state[0];
            int x1 = state[1];
            int x2 = state[2];
            int x3 = state[3];
            int x4 = state[4];
            int x5 = state[5];
            int x6 = state[6];
            int x7 = state[7];
            int x8 = state[8];
            int x9 = state[9];
            int x10 = state[10];
            int x11 = state[11];
            int x12 = state[12];
            int x13 = state[13];
            int x14 = state[14];
            int x15 = state[15];
            for (int round = 0; round < 10; round++) {
                // column rounds: QR(0,4,8,12) QR(1,5,9,13) QR(2,6,10,14) QR(3,7,11,15)
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
                // diagonal rounds: QR(0,5,10,15) QR(1,6,11,12) QR(2,7,8,13) QR(3,4,9,14)
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
            }
            block[0] = x0 + state[0];
            block[1] = x1 + state[1];
            block[2] = x2 + state[2];
            block[3] = x3 + state[3];
            block[4] = x4 + state[4];
            block[5] = x5 + state[5];
            block[6] = x6 + state[6];
            block[7] = x7 + state[7];
            block[8] = x8 + state[8];
            block[9] = x9 + state[9];
            block[10] = x10 + state[10];
            block[11] = x11 + state[11];
            block[12] = x12 + state[12];
            block[13] = x13 + state[13];
            block[14] = x14 + state[14];
            block[15] = x15 + state[15];
            if (++state[12] == 0) {
                state[13]++;
            }
        }
    }

    /** MINA's factory interface, so that the negotiation knows the tag size without creating a cipher. */
    private static final class Factory implements CipherFactory, ChaCha20Poly1305Information {
        @Override
        public Cipher create() {
            return new ChaCha20Poly1305Cipher();
        }

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean isSupported() {
            return true;
        }

        @Override
        public String toString() {
            return NAME;
        }
    }
}
