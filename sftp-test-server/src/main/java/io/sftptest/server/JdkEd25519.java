package io.sftptest.server;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;

import org.apache.sshd.common.config.keys.PrivateKeyEntryDecoder;
import org.apache.sshd.common.config.keys.PublicKeyEntryDecoder;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSAUtils;
import org.apache.sshd.common.util.security.eddsa.generic.GenericEd25519PublicKeyDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericOpenSSHEd25519PrivateKeyEntryDecoder;
import org.apache.sshd.common.util.security.eddsa.generic.GenericSignatureEd25519;

/**
 * Ed25519 for MINA SSHD from the JDK's own provider (SunEC, Java 15 and later). MINA 2.x knows Ed25519 only through
 * Bouncy Castle or net.i2p; registering Bouncy Castle costs a new JVM about a second (its provider and the signed
 * jar's verification), so a default server would pay it on every first start. With this support, keys are the JDK's
 * {@link EdECPublicKey} and {@link EdECPrivateKey}; methods that take a key also accept another provider's Ed25519 key
 * (they read its standard encoding), since Bouncy Castle may be registered later for a key file that needs it.
 */
final class JdkEd25519 implements EdDSASupport<EdECPublicKey, EdECPrivateKey> {
    static final String ALGORITHM = "Ed25519";
    private static final String PROVIDER = "SunEC";

    static final JdkEd25519 INSTANCE = new JdkEd25519();

    private final PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> publicKeyDecoder = new PublicKeyDecoder(this);
    private final PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> privateKeyDecoder =
            new GenericOpenSSHEd25519PrivateKeyEntryDecoder<>(EdECPublicKey.class, EdECPrivateKey.class, this);

    private JdkEd25519() {
    }

    /** Whether this JVM's SunEC provider has Ed25519 (Java 15 and later). */
    static boolean available() {
        Provider provider = Security.getProvider(PROVIDER);
        return provider != null && provider.getService("KeyFactory", ALGORITHM) != null;
    }

    /** A new key pair from the JDK's generator. */
    static KeyPair generate() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(ALGORITHM, PROVIDER).generateKeyPair();
    }

    static boolean isEd25519(Key key) {
        String name = key.getAlgorithm();
        return ALGORITHM.equalsIgnoreCase(name) || "EdDSA".equalsIgnoreCase(name);
    }

    @Override
    public PublicKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getEDDSAPublicKeyEntryDecoder() {
        return publicKeyDecoder;
    }

    @Override
    public PrivateKeyEntryDecoder<EdECPublicKey, EdECPrivateKey> getOpenSSHEDDSAPrivateKeyEntryDecoder() {
        return privateKeyDecoder;
    }

    @Override
    public Signature getEDDSASigner() {
        return new GenericSignatureEd25519(ALGORITHM);
    }

    @Override
    public int getEDDSAKeySize(Key key) {
        return key != null && isEd25519(key) ? KEY_SIZE : -1;
    }

    @Override
    public Class<EdECPublicKey> getEDDSAPublicKeyType() {
        return EdECPublicKey.class;
    }

    @Override
    public Class<EdECPrivateKey> getEDDSAPrivateKeyType() {
        return EdECPrivateKey.class;
    }

    @Override
    public boolean compareEDDSAPPublicKeys(PublicKey k1, PublicKey k2) {
        return sameKeyBytes(k1, k2);
    }

    @Override
    public boolean compareEDDSAPrivateKeys(PrivateKey k1, PrivateKey k2) {
        return sameKeyBytes(k1, k2);
    }

    /** Whether two Ed25519 keys, of any provider, have the same raw bytes. */
    private static boolean sameKeyBytes(Key k1, Key k2) {
        if (k1 == null || k2 == null || !isEd25519(k1) || !isEd25519(k2)) {
            return false;
        }
        try {
            return Arrays.equals(rawBytes(k1), rawBytes(k2));
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    private static byte[] rawBytes(Key key) throws InvalidKeyException {
        return key instanceof PublicKey publicKey ? EdDSAUtils.getBytes(publicKey)
                : EdDSAUtils.getBytes((PrivateKey) key);
    }

    /**
     * The JDK has no call that derives an Ed25519 public key from a private one; its generator does exactly that
     * from the 32 random bytes it draws, so it is handed the private key's bytes as its "random" source.
     */
    @Override
    public EdECPublicKey recoverEDDSAPublicKey(PrivateKey key) throws GeneralSecurityException {
        if (key == null || !isEd25519(key)) {
            throw new InvalidKeyException("not an Ed25519 private key: " + key);
        }
        byte[] seed = EdDSAUtils.getBytes(key);
        KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM, PROVIDER);
        generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
        return (EdECPublicKey) generator.generateKeyPair().getPublic();
    }

    @Override
    public EdECPublicKey generateEDDSAPublicKey(byte[] seed) throws GeneralSecurityException {
        return (EdECPublicKey) keyFactory().generatePublic(EdDSAUtils.createPublicKeySpec(seed));
    }

    @Override
    public EdECPrivateKey generateEDDSAPrivateKey(byte[] seed) throws GeneralSecurityException, IOException {
        return (EdECPrivateKey) keyFactory().generatePrivate(EdDSAUtils.createPrivateKeySpec(seed));
    }

    @Override
    public <B extends Buffer> B putRawEDDSAPublicKey(B buffer, PublicKey key) {
        try {
            buffer.putBytes(EdDSAUtils.getBytes(key));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return buffer;
    }

    @Override
    public <B extends Buffer> B putEDDSAKeyPair(B buffer, PublicKey pubKey, PrivateKey prvKey) {
        // As MINA's own Bouncy Castle support: writing a key pair in this form (SSHD-440) is not implemented.
        throw new UnsupportedOperationException("Full SSHD-440 implementation N/A");
    }

    @Override
    public KeySpec createPublicKeySpec(EdECPublicKey publicKey) {
        return new X509EncodedKeySpec(publicKey.getEncoded());
    }

    @Override
    public KeySpec createPrivateKeySpec(EdECPrivateKey privateKey) {
        return new PKCS8EncodedKeySpec(privateKey.getEncoded());
    }

    @Override
    public byte[] getPublicKeyData(EdECPublicKey publicKey) {
        try {
            return publicKey == null ? null : EdDSAUtils.getBytes(publicKey);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] getPrivateKeyData(EdECPrivateKey privateKey) throws IOException {
        try {
            return EdDSAUtils.getBytes(privateKey);
        } catch (InvalidKeyException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public String getKeyFactoryAlgorithm() {
        return ALGORITHM;
    }

    /**
     * The same Ed25519 key pair as the JDK's keys: another provider's keys (Bouncy Castle's, from a key file it
     * parsed) are re-created from their standard encodings; JDK keys are returned as they are.
     */
    static KeyPair toJdkKeys(KeyPair pair) throws GeneralSecurityException {
        if (pair.getPublic() instanceof EdECPublicKey && pair.getPrivate() instanceof EdECPrivateKey) {
            return pair;
        }
        KeyFactory factory = keyFactory();
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
        return new KeyPair(publicKey, privateKey);
    }

    private static KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM, PROVIDER);
    }

    /** MINA's decoder, generating with the JDK: its generator takes no bit count (MINA passes 256, the JDK wants 255). */
    private static final class PublicKeyDecoder extends GenericEd25519PublicKeyDecoder<EdECPublicKey, EdECPrivateKey> {
        PublicKeyDecoder(JdkEd25519 support) {
            super(EdECPublicKey.class, EdECPrivateKey.class, support);
        }

        @Override
        public KeyPair generateKeyPair(int keySize) throws GeneralSecurityException {
            return generate();
        }
    }

    /** A "random" source that yields one fixed seed: see {@link #recoverEDDSAPublicKey(PrivateKey)}. */
    @SuppressWarnings("serial") // never serialised
    private static final class SeedSource extends SecureRandom {
        private final byte[] seed;

        SeedSource(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    /**
     * Offers {@link JdkEd25519} to MINA's security set-up, and SunEC's Ed25519 key factory, generator and signature
     * for MINA's look-ups by name, so that keys it makes and parses are the JDK's.
     */
    static final class Registrar extends AbstractSecurityProviderRegistrar {
        static final String NAME = "SunEC-Ed25519";

        Registrar() {
            super(NAME);
        }

        @Override
        public String getProviderName() {
            return PROVIDER;
        }

        @Override
        public boolean isNamedProviderUsed() {
            return true;
        }

        @Override
        public Provider getSecurityProvider() {
            return Security.getProvider(PROVIDER);
        }

        @Override
        public boolean isSupported() {
            return available();
        }

        @Override
        public String getDefaultSecurityEntitySupportValue(Class<?> entityType) {
            // sorted case-insensitively: MINA looks the name up with a binary search
            return entityType == KeyFactory.class || entityType == KeyPairGenerator.class
                    || entityType == java.security.Signature.class ? "Ed25519,EdDSA" : "none";
        }

        @Override
        public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
            return Optional.of(INSTANCE);
        }
    }
}
