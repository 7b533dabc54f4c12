package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.compression.BuiltinCompressions;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.kex.extension.DefaultClientKexExtensionHandler;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.mac.Mac;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens the probe's SSH connections to the one server the user named: every algorithm MINA implements is offered
 * (so that old servers can be probed too), the host key is checked before any credential leaves, and the
 * identification, banner and algorithm lists the server shows are kept.
 */
final class SshConnector implements AutoCloseable {
    private final ProbeTarget target;
    private final Credentials credentials;
    private final HostKeyCheck hostKeys;
    private final Duration timeout;
    private final SshClient client;
    private volatile String banner;

    SshConnector(ProbeTarget target, Credentials credentials, HostKeyCheck hostKeys, Duration timeout) {
        this.target = target;
        this.credentials = credentials;
        this.hostKeys = hostKeys;
        this.timeout = timeout;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeys);
        // one request at a time: without it, Nagle's algorithm holds each small request back for a delayed ACK
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false, keyExchanges(),
                ClientBuilder.DH2KEX));
        client.setCipherFactories(ciphers());
        client.setMacFactories(macs());
        client.setSignatureFactories(signatures(hostKeys.knownKeyTypes(target.host(), target.port())));
        client.setCompressionFactories(List.of(BuiltinCompressions.none));
        client.setUserInteraction(new UserInteraction() {
            @Override
            public boolean isInteractionAllowed(ClientSession session) {
                return true;
            }

            @Override
            public void welcome(ClientSession session, String text, String lang) {
                banner = text;
            }

            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                    String[] prompt, boolean[] echo) {
                // keyboard-interactive prompts other than the password one get no answer from a probe
                return null;
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null;
            }
        });
        client.start();
    }

    /** What the server showed of itself on a connection. */
    record SshFacts(String identification, String banner, Map<KexProposalOption, String> proposals,
            List<String> userKeyAlgorithms, PublicKey hostKey) {
    }

    /**
     * Connects and logs in.
     *
     * @return the authenticated session; the caller closes it
     * @throws IOException when the connection, the host key check or the login fails, with the reason
     */
    ClientSession connect() throws IOException {
        banner = null;
        ClientSession session;
        try {
            session = client.connect(target.user(), target.host(), target.port()).verify(timeout).getSession();
        } catch (IOException | RuntimeException e) {
            throw new UnreachableException("cannot connect to " + target.host() + ":" + target.port() + ": "
                    + e.getMessage(), e);
        }
        credentials.addTo(session);
        try {
            session.auth().verify(timeout);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            if (hostKeys.refusal() != null) {
                throw new HostKeyException(hostKeys.refusal());
            }
            if (hostKeys.seen() == null) {
                throw new IOException("no SSH key exchange with " + target.host() + ":" + target.port() + ": "
                        + e.getMessage(), e);
            }
            throw new IOException("the server refused the login of user \"" + target.user() + "\" ("
                    + e.getMessage() + "): check the user name and " + credentials.describe(), e);
        }
        return session;
    }

    /**
     * What the server showed on a session.
     *
     * @param session a session this connector opened
     * @return the facts
     */
    SshFacts facts(ClientSession session) {
        Set<String> sigAlgs = session.getAttribute(DefaultClientKexExtensionHandler.SERVER_ALGORITHMS);
        return new SshFacts(session.getServerVersion(), banner, session.getServerKexProposals(),
                sigAlgs == null ? null : List.copyOf(sigAlgs), hostKeys.seen());
    }

    /**
     * The fingerprint of the host key the server showed.
     *
     * @return {@code TYPE SHA256:...}, or null before the first key exchange
     */
    String hostKey() {
        PublicKey key = hostKeys.seen();
        return key == null ? null : KeyUtils.getKeyType(key) + " " + HostKeyCheck.fingerprint(key);
    }

    ProbeTarget target() {
        return target;
    }

    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        client.stop();
    }

    /** Fast key exchanges first; the post-quantum hybrids (slow in Java) only when the server offers nothing else. */
    private static List<BuiltinDHFactories> keyExchanges() {
        List<BuiltinDHFactories> list = new ArrayList<>();
        for (BuiltinDHFactories factory : BuiltinDHFactories.VALUES) {
            if (factory.isSupported()) {
                list.add(factory);
            }
        }
        list.sort(Comparator.comparing(f -> f.getName().contains("kem") || f.getName().contains("sntrup")));
        return list;
    }

    private static List<NamedFactory<Cipher>> ciphers() {
        List<NamedFactory<Cipher>> list = new ArrayList<>();
        for (BuiltinCiphers cipher : BuiltinCiphers.VALUES) {
            if (cipher.isSupported() && cipher != BuiltinCiphers.none) {
                list.add(cipher);
            }
        }
        return list;
    }

    private static List<NamedFactory<Mac>> macs() {
        List<NamedFactory<Mac>> list = new ArrayList<>();
        for (BuiltinMacs mac : BuiltinMacs.VALUES) {
            if (mac.isSupported()) {
                list.add(mac);
            }
        }
        return list;
    }

    /** Every signature MINA implements; the key types known_hosts lists for the host first. */
    private static List<NamedFactory<Signature>> signatures(Collection<String> knownTypes) {
        List<NamedFactory<Signature>> list = new ArrayList<>();
        for (BuiltinSignatures signature : BuiltinSignatures.VALUES) {
            if (signature.isSupported()) {
                list.add(signature);
            }
        }
        list.sort(Comparator.comparing(s -> !knownTypes.contains(keyType(s.getName()))));
        return list;
    }

    /** The key type behind a signature algorithm: {@code rsa-sha2-512} is an {@code ssh-rsa} key. */
    private static String keyType(String signature) {
        return signature.startsWith("rsa-sha2-") ? "ssh-rsa" : signature;
    }

    /** How the probe logs in; never printed, never written. */
    static final class Credentials {
        private final String password;
        private final List<KeyPair> keys;
        private final String origin;

        private Credentials(String password, List<KeyPair> keys, String origin) {
            this.password = password;
            this.keys = keys;
            this.origin = origin;
        }

        static Credentials password(String password, String variable) {
            return new Credentials(password, List.of(), "the password in $" + variable);
        }

        static Credentials keys(List<KeyPair> keys, String file) {
            return new Credentials(null, List.copyOf(keys), "the key in " + file);
        }

        void addTo(ClientSession session) {
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            keys.forEach(session::addPublicKeyIdentity);
        }

        String describe() {
            return origin;
        }

        @Override
        public String toString() {
            return "credentials (" + origin + ")";
        }
    }

    /** No TCP connection or SSH session could be opened (again): the remaining checks cannot run either. */
    static final class UnreachableException extends IOException {
        private static final long serialVersionUID = 1L;

        UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The host key was not trusted: nothing was sent. */
    static final class HostKeyException extends IOException {
        private static final long serialVersionUID = 1L;

        HostKeyException(String message) {
            super(message);
        }
    }
}
