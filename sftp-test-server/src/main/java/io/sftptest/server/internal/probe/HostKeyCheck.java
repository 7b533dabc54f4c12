package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * How the probe trusts the server's host key, before it sends any credential: the fingerprint the user pinned, or a
 * matching line in a known_hosts file; a host that file does not list only with {@code acceptNew}. Nothing is ever
 * written to the known_hosts file.
 */
final class HostKeyCheck implements ServerKeyVerifier {
    private final Path knownHosts;
    private final String pinned;
    private final boolean acceptNew;
    private volatile PublicKey seen;
    private volatile String refusal;

    /**
     * Creates a check.
     *
     * @param knownHosts an OpenSSH known_hosts file, or null; a missing file lists no host
     * @param pinned the only fingerprint accepted ({@code SHA256:...}), or null
     * @param acceptNew whether a host the known_hosts file does not list is trusted for this run
     */
    HostKeyCheck(Path knownHosts, String pinned, boolean acceptNew) {
        this.knownHosts = knownHosts;
        this.pinned = pinned;
        this.acceptNew = acceptNew;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress address, PublicKey key) {
        seen = key;
        if (pinned != null) {
            if (fingerprint(key).equals(pinned)) {
                return true;
            }
            refusal = "the server's " + describe(key) + " does not match --host-fingerprint " + pinned
                    + ": the probe sent nothing; check with the server's administrator which key is right";
            return false;
        }
        if (knownHosts != null && Files.isRegularFile(knownHosts)) {
            return new KnownHosts().verifyServerKey(session, address, key);
        }
        return unknown(key);
    }

    private boolean unknown(PublicKey key) {
        if (acceptNew) {
            return true;
        }
        refusal = "the server's " + describe(key) + " is not in "
                + (knownHosts == null ? "any known_hosts file" : knownHosts) + ": the probe sent nothing. Check the "
                + "fingerprint with the server's administrator, then run again with --host-fingerprint "
                + fingerprint(key) + " (or --accept-new-host-key to trust whatever key the server shows)";
        return false;
    }

    /**
     * The host key the server showed.
     *
     * @return the key, or null before the key exchange
     */
    PublicKey seen() {
        return seen;
    }

    /**
     * Why the key was refused.
     *
     * @return the reason with the fix, or null when it was not refused
     */
    String refusal() {
        return refusal;
    }

    /**
     * The host key types the known_hosts file lists for a host, so that the key exchange asks for one of them (as
     * OpenSSH does) rather than for a type the file cannot vouch for.
     *
     * @param host the host name as the user wrote it
     * @param port the port
     * @return key types such as {@code ssh-ed25519}, in the file's order; empty when the file lists none
     */
    Set<String> knownKeyTypes(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        if (pinned != null || knownHosts == null || !Files.isRegularFile(knownHosts)) {
            return types;
        }
        try {
            for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
                if (entry.getMarker() == null && entry.getKeyEntry() != null && entry.isHostMatch(host, port)) {
                    types.add(entry.getKeyEntry().getKeyType());
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // the verification itself reports an unreadable file
        }
        return types;
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }

    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " host key " + fingerprint(key);
    }

    /** MINA's known_hosts matching, without ever writing the file. */
    private final class KnownHosts extends KnownHostsServerKeyVerifier {
        KnownHosts() {
            super((session, address, key) -> false, knownHosts);
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress address, PublicKey key) {
            return unknown(key);
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress address, KnownHostEntry entry,
                PublicKey expected, PublicKey actual) {
            refusal = "the server's " + describe(actual) + " differs from the " + describe(expected) + " that "
                    + knownHosts + " lists for it: the probe sent nothing. Someone may be in the middle; if the "
                    + "server's key really changed, update " + knownHosts + " (ssh-keygen -R)";
            return false;
        }

        @Override
        protected void handleRevokedKey(ClientSession session, SocketAddress address, PublicKey key) {
            refusal = "the server's " + describe(key) + " is marked @revoked in " + knownHosts
                    + ": the probe sent nothing";
        }

        @Override
        protected boolean acceptIncompleteHostKeys(ClientSession session, SocketAddress address, PublicKey key,
                Throwable reason) {
            refusal = "cannot read " + knownHosts + " (" + reason.getMessage() + "): fix the file, or name another "
                    + "with --known-hosts";
            return false;
        }
    }
}
