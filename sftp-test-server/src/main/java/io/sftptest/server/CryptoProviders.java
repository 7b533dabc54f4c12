package io.sftptest.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Optional;

import org.apache.sshd.common.util.security.SecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.bouncycastle.BouncyCastleSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;

/**
 * How MINA SSHD finds its cryptography here: the JDK's providers by default, Bouncy Castle only when something needs
 * it.
 *
 * <p>
 * MINA registers Bouncy Castle, when it is on the class path, the first time anything asks for a security provider,
 * and makes it the provider of everything. That costs a new JVM most of a second (the provider's set-up and the
 * verification of its signed jar) while a default server needs nothing from it: Ed25519 comes from the JDK
 * ({@link JdkEd25519}), ECDSA, RSA, AES, SHA-2 and the key exchanges too. So {@link #configure()} lets MINA's one-time
 * registration run without Bouncy Castle, and {@link #bouncyCastle()} registers it when a key file format or an
 * algorithm needs it (encrypted PEM keys, sntrup761, ...). If MINA's registration already ran before this class was
 * used (a test that used a MINA client first), nothing is taken away: Bouncy Castle stays, and keys are converted to
 * the Ed25519 classes its support expects.
 */
final class CryptoProviders {
    private static boolean configured;

    private CryptoProviders() {
    }

    /**
     * Makes MINA's registration of security providers happen now, without Bouncy Castle unless it already happened;
     * adds the JDK's Ed25519. Call it before any MINA class that reads the registration at class initialisation
     * ({@code KeyUtils} does); repeated calls do nothing.
     */
    static synchronized void configure() {
        if (configured) {
            return;
        }
        if (!SecurityUtils.isRegistrationCompleted()) {
            String bouncyCastle = SecurityUtils.BOUNCY_CASTLE;
            boolean disabledBefore = SecurityUtils.isAPrioriDisabledProvider(bouncyCastle);
            SecurityUtils.setAPrioriDisabledProvider(bouncyCastle, true);
            try {
                SecurityUtils.isBouncyCastleRegistered(); // runs MINA's one-time registration
            } finally {
                SecurityUtils.setAPrioriDisabledProvider(bouncyCastle, disabledBefore);
            }
        }
        if (JdkEd25519.available()) {
            SecurityUtils.registerSecurityProvider(new JdkEd25519.Registrar());
        }
        configured = true;
    }

    /**
     * Registers Bouncy Castle with MINA if it is on the class path and not registered yet: for key files and
     * algorithms the JDK lacks. It is added after the JDK's providers, so what they already serve stays theirs.
     *
     * @return whether Bouncy Castle is registered now
     */
    static synchronized boolean bouncyCastle() {
        configure();
        if (SecurityUtils.isBouncyCastleRegistered()) {
            return true;
        }
        SecurityProviderRegistrar registrar;
        try {
            registrar = new BouncyCastleSecurityProviderRegistrar();
        } catch (LinkageError absent) {
            return false;
        }
        return SecurityUtils.registerSecurityProvider(registrar) != null;
    }

    /**
     * A new Ed25519 key pair from the JDK's own provider; hand it to {@link #forMina(KeyPair)} before MINA uses it.
     *
     * @return the key pair
     * @throws GeneralSecurityException when this JVM has no Ed25519 (before Java 15)
     */
    static KeyPair generateEd25519() throws GeneralSecurityException {
        return JdkEd25519.generate();
    }

    /**
     * An Ed25519 key pair as the Ed25519 support MINA uses expects it (the JDK's classes unless MINA registered
     * Bouncy Castle or net.i2p before {@link #configure()} ran); other key pairs are returned as they are.
     *
     * @param pair a key pair
     * @return the same keys, in the classes MINA can name and sign with
     * @throws GeneralSecurityException when an Ed25519 key cannot be re-created
     */
    static KeyPair forMina(KeyPair pair) throws GeneralSecurityException {
        configure();
        if (!JdkEd25519.isEd25519(pair.getPublic())) {
            return pair;
        }
        Optional<EdDSASupport<?, ?>> found = SecurityUtils.getEdDSASupport();
        if (found.isEmpty()) {
            return pair;
        }
        EdDSASupport<?, ?> support = found.get();
        if (support == JdkEd25519.INSTANCE) {
            return JdkEd25519.toJdkKeys(pair);
        }
        if (support.getEDDSAPublicKeyType().isInstance(pair.getPublic())
                && support.getEDDSAPrivateKeyType().isInstance(pair.getPrivate())) {
            return pair;
        }
        KeyPair jdk = JdkEd25519.toJdkKeys(pair);
        try {
            return new KeyPair(support.generateEDDSAPublicKey(JdkEd25519.INSTANCE.getPublicKeyData(
                    (EdECPublicKey) jdk.getPublic())),
                    support.generateEDDSAPrivateKey(JdkEd25519.INSTANCE.getPrivateKeyData(
                            (EdECPrivateKey) jdk.getPrivate())));
        } catch (IOException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
