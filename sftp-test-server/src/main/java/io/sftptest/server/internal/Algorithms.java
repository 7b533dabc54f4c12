package io.sftptest.server.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.sshd.common.BaseBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.cipher.CipherFactory;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.compression.Compression;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.server.ServerBuilder;

/**
 * Turns SSH algorithm names into MINA factories, and holds this server's default lists: chosen for
 * speed on the JVM while every mainstream client still connects.
 */
public final class Algorithms {
    /**
     * AES-GCM first: the JDK's AES is intrinsic-accelerated; chacha20-poly1305 (this project's
     * {@link ChaCha20Poly1305Cipher}) is slower on the JVM, though faster than MINA's own.
     */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
            "aes128-ctr", "aes192-ctr", "aes256-ctr");

    /** SHA-1 MACs: off by default, for clients from before SHA-2 MACs were common. */
    public static final List<String> LEGACY_MACS = List.of("hmac-sha1-etm@openssh.com", "hmac-sha1");

    /** RSA with SHA-1 and DSA signatures: off by default; OpenSSH dropped them in 8.8. */
    public static final List<String> LEGACY_SIGNATURES = List.of("ssh-rsa", "ssh-rsa-cert-v01@openssh.com",
            "ssh-dss", "ssh-dss-cert-v01@openssh.com");

    /** Key exchanges with SHA-1 or a 1024-bit group: never offered by default. */
    public static final List<String> LEGACY_KEY_EXCHANGES = List.of("diffie-hellman-group14-sha1",
            "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1");

    /** CBC-mode ciphers: never offered by default. */
    public static final List<String> LEGACY_CIPHERS = List.of("aes128-cbc", "aes192-cbc", "aes256-cbc");

    private Algorithms() {
    }

    /**
     * Returns the cipher factories for names, in order.
     *
     * @param names SSH cipher names, e.g. {@code aes128-gcm@openssh.com}
     * @return the factories
     * @throws IllegalArgumentException naming the unknown cipher and listing the supported ones
     */
    public static List<NamedFactory<Cipher>> ciphers(Collection<String> names) {
        return resolve("cipher", names, Algorithms::cipher, CIPHERS, c -> (NamedFactory<Cipher>) c);
    }

    /** MINA's ciphers, with this project's faster chacha20-poly1305 in place of MINA's. */
    private static final List<CipherFactory> CIPHERS = BuiltinCiphers.VALUES.stream()
            .map(c -> c.getName().equals(ChaCha20Poly1305Cipher.NAME) ? ChaCha20Poly1305Cipher.FACTORY : c)
            .collect(Collectors.toUnmodifiableList());

    private static CipherFactory cipher(String name) {
        return name.equals(ChaCha20Poly1305Cipher.NAME) ? ChaCha20Poly1305Cipher.FACTORY
                : BuiltinCiphers.fromFactoryName(name);
    }

    /**
     * Returns the MAC factories for names, in order.
     *
     * @param names SSH MAC names, e.g. {@code hmac-sha2-256-etm@openssh.com}
     * @return the factories
     */
    public static List<NamedFactory<Mac>> macs(Collection<String> names) {
        return resolve("MAC", names, BuiltinMacs::fromFactoryName, BuiltinMacs.VALUES, m -> (NamedFactory<Mac>) m);
    }

    /**
     * Returns the key exchange factories for names, in order.
     *
     * @param names SSH key exchange names, e.g. {@code curve25519-sha256}
     * @return the factories
     */
    public static List<KeyExchangeFactory> keyExchanges(Collection<String> names) {
        return resolve("key exchange", names, BuiltinDHFactories::fromFactoryName, BuiltinDHFactories.VALUES,
                ServerBuilder.DH2KEX::apply);
    }

    /**
     * Returns the signature factories (host key and public key authentication) for names, in order.
     *
     * @param names SSH signature names, e.g. {@code ssh-ed25519}, {@code rsa-sha2-256}
     * @return the factories
     */
    public static List<NamedFactory<Signature>> signatures(Collection<String> names) {
        return resolve("signature", names, BuiltinSignatures::fromFactoryName, BuiltinSignatures.VALUES,
                s -> (NamedFactory<Signature>) s);
    }

    /**
     * Returns whether MINA implements a key exchange (whether or not this server offers it).
     *
     * @param name an SSH key exchange name
     * @return true when it could be offered
     */
    public static boolean isKeyExchange(String name) {
        BuiltinDHFactories factory = BuiltinDHFactories.fromFactoryName(name);
        return factory != null && factory.isSupported();
    }

    /**
     * Returns whether a cipher is implemented here (whether or not this server offers it).
     *
     * @param name an SSH cipher name
     * @return true when it could be offered
     */
    public static boolean isCipher(String name) {
        CipherFactory factory = cipher(name);
        return factory != null && factory.isSupported();
    }

    /**
     * Returns whether MINA implements a MAC (whether or not this server offers it).
     *
     * @param name an SSH MAC name
     * @return true when it could be offered
     */
    public static boolean isMac(String name) {
        BuiltinMacs factory = BuiltinMacs.fromFactoryName(name);
        return factory != null && factory.isSupported();
    }

    /**
     * Returns whether MINA implements a signature algorithm (whether or not this server offers it).
     *
     * @param name an SSH signature name
     * @return true when it could be offered
     */
    public static boolean isSignature(String name) {
        BuiltinSignatures factory = BuiltinSignatures.fromFactoryName(name);
        return factory != null && factory.isSupported();
    }

    /**
     * Returns the compression factories: "none" only, or zlib as well.
     *
     * @param enabled whether zlib compression may be negotiated
     * @return the factories
     */
    public static List<NamedFactory<Compression>> compression(boolean enabled) {
        List<NamedFactory<Compression>> list = new ArrayList<>();
        list.add(BuiltinCompressions.none);
        if (enabled) {
            list.add(BuiltinCompressions.delayedZlib);
            list.add(BuiltinCompressions.zlib);
        }
        return list;
    }

    /**
     * Returns this server's default key exchanges: MINA's, without the post-quantum hybrids, which
     * cost about 0.1 s per connection with Bouncy Castle.
     *
     * @return the default key exchange names
     */
    public static List<String> defaultKeyExchanges() {
        // Names first: asking the post-quantum ones whether they are supported loads Bouncy Castle.
        return BaseBuilder.DEFAULT_KEX_PREFERENCE.stream()
                .filter(factory -> !factory.getName().contains("mlkem") && !factory.getName().contains("sntrup"))
                .filter(BuiltinDHFactories::isSupported)
                .map(NamedResource::getName)
                .collect(Collectors.toList());
    }

    /**
     * Returns this server's default MACs: MINA's, without the SHA-1 based ones. Every mainstream
     * client (OpenSSH, JSch 2.x, sshj, libssh2 1.10 as in curl, paramiko, rclone) has SHA-2 MACs or
     * uses an AEAD cipher, which needs no MAC.
     *
     * @return the default MAC names
     */
    public static List<String> defaultMacs() {
        return names(ServerBuilder.setUpDefaultMacs(true)).stream()
                .filter(name -> !LEGACY_MACS.contains(name))
                .collect(Collectors.toList());
    }

    /**
     * Returns this server's default signatures: MINA's, without {@code ssh-rsa} (RSA with SHA-1).
     * RSA keys still work through {@code rsa-sha2-256} and {@code rsa-sha2-512}.
     *
     * @return the default signature names
     */
    public static List<String> defaultSignatures() {
        return names(ServerBuilder.setUpDefaultSignatureFactories(true)).stream()
                .filter(name -> !LEGACY_SIGNATURES.contains(name))
                .collect(Collectors.toList());
    }

    /**
     * Appends legacy algorithms, least preferred, to a list, leaving out those it already has.
     *
     * @param names the list in effect
     * @param legacy one of the {@code LEGACY_*} lists
     * @return a new list
     */
    public static List<String> withLegacy(List<String> names, List<String> legacy) {
        List<String> result = new ArrayList<>(names);
        for (String name : legacy) {
            if (!result.contains(name)) {
                result.add(name);
            }
        }
        return List.copyOf(result);
    }

    private static List<String> names(List<? extends NamedResource> resources) {
        return resources.stream().map(NamedResource::getName).collect(Collectors.toList());
    }

    private static <B extends NamedResource & OptionalFeature, F> List<F> resolve(String kind,
            Collection<String> names, Function<String, B> lookup, Collection<B> all, Function<B, F> toFactory) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("the " + kind + " list is empty: name at least one of " + supported(all));
        }
        List<F> result = new ArrayList<>();
        for (String name : names) {
            B builtin = lookup.apply(name.trim());
            if (builtin == null || !builtin.isSupported()) {
                throw new IllegalArgumentException("unknown or unsupported " + kind + " \"" + name
                        + "\": use one of " + supported(all));
            }
            result.add(toFactory.apply(builtin));
        }
        return result;
    }

    private static <B extends NamedResource & OptionalFeature> String supported(Collection<B> all) {
        return all.stream().filter(OptionalFeature::isSupported).map(NamedResource::getName).sorted()
                .collect(Collectors.joining(", "));
    }
}
