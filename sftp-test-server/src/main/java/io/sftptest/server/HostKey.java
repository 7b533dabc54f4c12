package io.sftptest.server;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Objects;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The server's SSH host key (placeholder until the full loader lands).
 */
public final class HostKey {
    private static volatile HostKey cachedEd25519;

    private final KeyPair keyPair;

    private HostKey(KeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    }

    /**
     * Returns a generated Ed25519 host key, the same one for every call in this JVM.
     *
     * @return the host key
     */
    public static HostKey generateEd25519() {
        HostKey key = cachedEd25519;
        if (key == null) {
            synchronized (HostKey.class) {
                key = cachedEd25519;
                if (key == null) {
                    key = generateEd25519Fresh();
                    cachedEd25519 = key;
                }
            }
        }
        return key;
    }

    /**
     * Generates a new Ed25519 host key.
     *
     * @return the host key
     */
    public static HostKey generateEd25519Fresh() {
        try {
            return new HostKey(KeyUtils.generateKeyPair(KeyPairProviderNames.ED25519, 256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 host key: " + e.getMessage(), e);
        }
    }

    /**
     * Wraps a key pair.
     *
     * @param keyPair the key pair
     * @return the host key
     */
    public static HostKey of(KeyPair keyPair) {
        return new HostKey(keyPair);
    }

    /**
     * Loads an unencrypted host key file.
     *
     * @param file the key file
     * @return the host key
     */
    public static HostKey fromFile(java.nio.file.Path file) {
        return fromFile(file, null);
    }

    /**
     * Loads a host key file.
     *
     * @param file the key file
     * @param password its password, or null
     * @return the host key
     */
    public static HostKey fromFile(java.nio.file.Path file, String password) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(null,
                    org.apache.sshd.common.NamedResource.ofName(file.toString()), in,
                    password == null ? null : org.apache.sshd.common.config.keys.FilePasswordProvider.of(password));
            for (KeyPair pair : pairs) {
                return new HostKey(pair);
            }
            throw new IllegalArgumentException("no key in host key file " + file);
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load host key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the key pair.
     *
     * @return the key pair
     */
    public KeyPair keyPair() {
        return keyPair;
    }

    /**
     * Returns the public key.
     *
     * @return the public key
     */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * Returns the SSH algorithm name.
     *
     * @return e.g. {@code ssh-ed25519}
     */
    public String algorithm() {
        return KeyUtils.getKeyType(keyPair.getPublic());
    }

    /**
     * Returns the SHA-256 fingerprint as {@code ssh-keygen -l} prints it.
     *
     * @return e.g. {@code SHA256:...}
     */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(keyPair.getPublic());
    }

    /**
     * Returns the OpenSSH public key line.
     *
     * @return e.g. {@code ssh-ed25519 AAAA...}
     */
    public String publicKeyLine() {
        return PublicKeyEntry.toString(keyPair.getPublic());
    }

    /**
     * Returns a {@code known_hosts} line for this key at host and port.
     *
     * @param host the host name or address
     * @param port the port
     * @return the line
     */
    public String knownHostsLine(String host, int port) {
        String hostPart = port == 22 ? host : "[" + host + "]:" + port;
        return hostPart + " " + publicKeyLine();
    }

    private static final class KeyPairProviderNames {
        static final String ED25519 = org.apache.sshd.common.keyprovider.KeyPairProvider.SSH_ED25519;
    }
}
