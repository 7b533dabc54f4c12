package io.sftptest.server.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
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
    /** AES-GCM first: the JDK's AES is intrinsic-accelerated, its ChaCha20 is not. */
    public static final List<String> DEFAULT_CIPHERS = List.of(
            "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com",
            "aes128-ctr", "aes192-ctr", "aes256-ctr");

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
        return resolve("cipher", names, BuiltinCiphers::fromFactoryName, BuiltinCiphers.VALUES,
                c -> (NamedFactory<Cipher>) c);
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
        return ServerBuilder.setUpDefaultKeyExchanges(true).stream()
                .map(NamedResource::getName)
                .filter(name -> !name.contains("mlkem") && !name.contains("sntrup"))
                .collect(Collectors.toList());
    }

    /**
     * Returns MINA's default MACs.
     *
     * @return the default MAC names
     */
    public static List<String> defaultMacs() {
        return names(ServerBuilder.setUpDefaultMacs(true));
    }

    /**
     * Returns MINA's default signatures.
     *
     * @return the default signature names
     */
    public static List<String> defaultSignatures() {
        return names(ServerBuilder.setUpDefaultSignatureFactories(true));
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
