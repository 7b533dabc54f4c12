package io.sftptest.server.internal;

import org.apache.sshd.common.cipher.CipherInformation;

/** What {@link ChaCha20Poly1305Cipher} and its factory tell MINA about the algorithm. */
interface ChaCha20Poly1305Information extends CipherInformation {
    /** The Poly1305 tag after each packet. */
    int TAG_SIZE = 16;

    @Override
    default String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    default String getTransformation() {
        return "ChaCha20";
    }

    /** The IV is the 8-byte packet sequence number. */
    @Override
    default int getIVSize() {
        return 8;
    }

    @Override
    default int getAuthenticationTagSize() {
        return TAG_SIZE;
    }

    @Override
    default int getCipherBlockSize() {
        return 8;
    }

    /** Two 256-bit keys. */
    @Override
    default int getKdfSize() {
        return 64;
    }

    @Override
    default int getKeySize() {
        return 256;
    }
}
