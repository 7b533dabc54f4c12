package io.sftptest.server.internal;

/**
 * The Poly1305 one-time authenticator (RFC 8439, section 2.5) for {@link ChaCha20Poly1305Cipher}: the accumulator and
 * the key's {@code r} in five 26-bit limbs, products in 64 bits (the "donna" layout). Written here rather than taken
 * from Bouncy Castle so that a connection with OpenSSH's default cipher loads no Bouncy Castle class: the first such
 * connection in a JVM would otherwise pay for the verification of Bouncy Castle's signed jar.
 *
 * <p>
 * Use: {@link #init(byte[])} with the 32-byte one-time key, {@link #update(byte[], int, int)} any number of times,
 * {@link #doFinal(byte[], int)} for the 16-byte tag. Not thread-safe; one instance per cipher.
 */
final class Poly1305 {
    private static final int MASK = 0x3ffffff;
    private static final int BLOCK = 16;

    private int r0;
    private int r1;
    private int r2;
    private int r3;
    private int r4;
    private int s1;
    private int s2;
    private int s3;
    private int s4;
    private int pad0;
    private int pad1;
    private int pad2;
    private int pad3;
    private int h0;
    private int h1;
    private int h2;
    private int h3;
    private int h4;
    private final byte[] partial = new byte[BLOCK];
    private int partialLength;

    /**
     * Starts a tag with a one-time key: {@code r} (clamped) in bytes 0–15, {@code s} in bytes 16–31.
     *
     * @param key at least 32 bytes; the first 32 are used
     */
    void init(byte[] key) {
        r0 = le32(key, 0) & 0x3ffffff;
        r1 = (le32(key, 3) >>> 2) & 0x3ffff03;
        r2 = (le32(key, 6) >>> 4) & 0x3ffc0ff;
        r3 = (le32(key, 9) >>> 6) & 0x3f03fff;
        r4 = (le32(key, 12) >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        pad0 = le32(key, 16);
        pad1 = le32(key, 20);
        pad2 = le32(key, 24);
        pad3 = le32(key, 28);
        h0 = 0;
        h1 = 0;
        h2 = 0;
        h3 = 0;
        h4 = 0;
        partialLength = 0;
    }

    /**
     * Adds message bytes.
     *
     * @param data the bytes
     * @param offset where they start
     * @param length how many
     */
    void update(byte[] data, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (partialLength > 0) {
            int take = Math.min(BLOCK - partialLength, end - at);
            System.arraycopy(data, at, partial, partialLength, take);
            partialLength += take;
            at += take;
            if (partialLength < BLOCK) {
                return;
            }
            block(partial, 0, 1 << 24);
            partialLength = 0;
        }
        while (end - at >= BLOCK) {
            block(data, at, 1 << 24);
            at += BLOCK;
        }
        if (at < end) {
            System.arraycopy(data, at, partial, 0, end - at);
            partialLength = end - at;
        }
    }

    /**
     * Writes the 16-byte tag of everything added since {@link #init(byte[])}; the key must be set again before the
     * next tag.
     *
     * @param out where the tag goes
     * @param offset where in {@code out}
     */
    void doFinal(byte[] out, int offset) {
        if (partialLength > 0) {
            // the last, short block: a 1 after its bytes, zeros to the block's end, no 2^128 bit
            partial[partialLength] = 1;
            for (int i = partialLength + 1; i < BLOCK; i++) {
                partial[i] = 0;
            }
            block(partial, 0, 0);
            partialLength = 0;
        }
        int c = h1 >>> 26;
        h1 &= MASK;
        h2 += c;
        c = h2 >>> 26;
        h2 &= MASK;
        h3 += c;
        c = h3 >>> 26;
        h3 &= MASK;
        h4 += c;
        c = h4 >>> 26;
        h4 &= MASK;
        h0 += c * 5;
        c = h0 >>> 26;
        h0 &= MASK;
        h1 += c;

        // h - p, and keep it where it does not go below zero (constant time)
        int g0 = h0 + 5;
        c = g0 >>> 26;
        g0 &= MASK;
        int g1 = h1 + c;
        c = g1 >>> 26;
        g1 &= MASK;
        int g2 = h2 + c;
        c = g2 >>> 26;
        g2 &= MASK;
        int g3 = h3 + c;
        c = g3 >>> 26;
        g3 &= MASK;
        int g4 = h4 + c - (1 << 26);
        int select = (g4 >>> 31) - 1;
        int keep = ~select;
        h0 = (h0 & keep) | (g0 & select);
        h1 = (h1 & keep) | (g1 & select);
        h2 = (h2 & keep) | (g2 & select);
        h3 = (h3 & keep) | (g3 & select);
        h4 = (h4 & keep) | (g4 & select);

        long w0 = (h0 | (h1 << 26)) & 0xffffffffL;
        long w1 = ((h1 >>> 6) | (h2 << 20)) & 0xffffffffL;
        long w2 = ((h2 >>> 12) | (h3 << 14)) & 0xffffffffL;
        long w3 = ((h3 >>> 18) | (h4 << 8)) & 0xffffffffL;
        long f = w0 + (pad0 & 0xffffffffL);
        putLe32(out, offset, (int) f);
        f = w1 + (pad1 & 0xffffffffL) + (f >>> 32);
        putLe32(out, offset + 4, (int) f);
        f = w2 + (pad2 & 0xffffffffL) + (f >>> 32);
        putLe32(out, offset + 8, (int) f);
        f = w3 + (pad3 & 0xffffffffL) + (f >>> 32);
        putLe32(out, offset + 12, (int) f);
    }

    /** h = (h + block) * r mod 2^130 - 5; {@code highBit} is 2^128 in limb 4 for a full block. */
    private void block(byte[] m, int at, int highBit) {
        int a0 = h0 + (le32(m, at) & MASK);
        int a1 = h1 + ((le32(m, at + 3) >>> 2) & MASK);
        int a2 = h2 + ((le32(m, at + 6) >>> 4) & MASK);
        int a3 = h3 + ((le32(m, at + 9) >>> 6) & MASK);
        int a4 = h4 + ((le32(m, at + 12) >>> 8) | highBit);

        long d0 = (long) a0 * r0 + (long) a1 * s4 + (long) a2 * s3 + (long) a3 * s2 + (long) a4 * s1;
        long d1 = (long) a0 * r1 + (long) a1 * r0 + (long) a2 * s4 + (long) a3 * s3 + (long) a4 * s2;
        long d2 = (long) a0 * r2 + (long) a1 * r1 + (long) a2 * r0 + (long) a3 * s4 + (long) a4 * s3;
        long d3 = (long) a0 * r3 + (long) a1 * r2 + (long) a2 * r1 + (long) a3 * r0 + (long) a4 * s4;
        long d4 = (long) a0 * r4 + (long) a1 * r3 + (long) a2 * r2 + (long) a3 * r1 + (long) a4 * r0;

        long c = d0 >>> 26;
        int n0 = (int) d0 & MASK;
        d1 += c;
        c = d1 >>> 26;
        int n1 = (int) d1 & MASK;
        d2 += c;
        c = d2 >>> 26;
        int n2 = (int) d2 & MASK;
        d3 += c;
        c = d3 >>> 26;
        int n3 = (int) d3 & MASK;
        d4 += c;
        c = d4 >>> 26;
        int n4 = (int) d4 & MASK;
        long t = n0 + c * 5;
        n0 = (int) t & MASK;
        n1 += (int) (t >>> 26);
        h0 = n0;
        h1 = n1;
        h2 = n2;
        h3 = n3;
        h4 = n4;
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }
}
