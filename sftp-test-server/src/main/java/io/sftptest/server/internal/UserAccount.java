package io.sftptest.server.internal;

import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * A user the server accepts.
 *
 * @param name the user name
 * @param password the password, or null when the user has none
 * @param keys the authorised public keys (may be empty)
 * @param homeDirectory the initial directory, absolute within the user's root ("/" by default)
 * @param rootDirectory the user's root within the server's root (chroot), or null for the server root
 * @param restrictToHome whether every path must stay below the home directory
 */
public record UserAccount(String name, String password, List<PublicKey> keys, String homeDirectory,
        String rootDirectory, boolean restrictToHome) {

    /** Validates and copies the key list. */
    public UserAccount {
        keys = List.copyOf(keys);
    }

    /** Shows the account without its password (seed: MaskSensitiveData). */
    @Override
    public String toString() {
        return "UserAccount[name=" + name + ", password=" + (password == null ? "none" : "****") + ", keys="
                + keys.size() + ", homeDirectory=" + homeDirectory + ", rootDirectory=" + rootDirectory
                + ", restrictToHome=" + restrictToHome + "]";
    }

    /**
     * Returns whether the password matches.
     *
     * @param candidate the password the client sent
     * @return true when this user has that password
     */
    public boolean passwordMatches(String candidate) {
        return password != null && password.equals(candidate);
    }

    /**
     * Returns whether the key is one of this user's authorised keys.
     *
     * @param key the key the client offered
     * @return true when it is authorised
     */
    public boolean keyMatches(PublicKey key) {
        return keys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key));
    }
}
