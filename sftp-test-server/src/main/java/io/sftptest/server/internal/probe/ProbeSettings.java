package io.sftptest.server.internal.probe;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What a probe is told: the server, how to log in and to trust its host key, whether it may write, and how long it
 * waits for each answer. {@link #toString()} leaves the secrets out.
 *
 * @param target the server and scratch directory
 * @param password the password, or null
 * @param passwordVariable the environment variable the password came from, for messages
 * @param keyFile a private key file, or null
 * @param keyPassphrase the passphrase of an encrypted key file, or null
 * @param knownHosts an OpenSSH known_hosts file, or null
 * @param hostFingerprint the only host key fingerprint accepted ({@code SHA256:...}), or null
 * @param acceptNewHostKey whether a host the known_hosts file does not list is trusted for this run
 * @param readOnly whether the probe only connects, lists and stats
 * @param timeout the longest wait for any one answer
 * @param name the name written into the file
 */
public record ProbeSettings(ProbeTarget target, String password, String passwordVariable, Path keyFile,
        String keyPassphrase, Path knownHosts, String hostFingerprint, boolean acceptNewHostKey, boolean readOnly,
        Duration timeout, String name) {

    /**
     * Checks the settings.
     *
     * @param target the server
     * @param password the password
     * @param passwordVariable its variable
     * @param keyFile the key file
     * @param keyPassphrase its passphrase
     * @param knownHosts known_hosts
     * @param hostFingerprint the pinned fingerprint
     * @param acceptNewHostKey accept a new host
     * @param readOnly read-only
     * @param timeout the timeout
     * @param name the name
     */
    public ProbeSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(name, "name");
        if ((password == null) == (keyFile == null)) {
            throw new IllegalArgumentException("give exactly one way to log in: a password or a key file");
        }
    }

    @Override
    public String toString() {
        return "ProbeSettings[" + target.withoutUser() + ", user " + target.user()
                + (password != null ? ", password from $" + passwordVariable : ", key " + keyFile)
                + (readOnly ? ", read-only" : "") + ", timeout " + timeout.toSeconds() + " s]";
    }
}
