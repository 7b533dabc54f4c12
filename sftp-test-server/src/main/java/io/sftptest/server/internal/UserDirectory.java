package io.sftptest.server.internal;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.sftptest.server.SftpConnection;

/**
 * The users of a running server, changed while it runs: a user added logs in from the next authentication attempt
 * on; a user removed can no longer log in, and the connections already logged in as that user are dropped, so that
 * the removal takes effect at once (a client that keeps its session open would otherwise never notice).
 */
public final class UserDirectory {
    private final ServerContext context;
    private final boolean restrictToHome;

    /**
     * Creates the directory over a server's users.
     *
     * @param context the server's shared state, whose user map this changes
     * @param restrictToHome whether users added here are confined to their home directory ("/": the builder's
     *     {@code restrictUserToHomeDir(true)} applies to every user)
     */
    public UserDirectory(ServerContext context, boolean restrictToHome) {
        this.context = context;
        this.restrictToHome = restrictToHome;
    }

    /**
     * Adds a user with a password, or sets the password of a user (keys, home and root stay).
     *
     * @param name the user name
     * @param password the password
     */
    public void addPassword(String name, String password) {
        requireName(name);
        Objects.requireNonNull(password, "password");
        context.users().compute(name, (key, old) -> old == null
                ? new UserAccount(name, password, List.of(), null, null, restrictToHome)
                : new UserAccount(name, password, old.keys(), old.homeDirectory(), old.rootDirectory(),
                        old.restrictToHome()));
    }

    /**
     * Adds a user with a public key, or adds a key to a user (password, home and root stay).
     *
     * @param name the user name
     * @param key the authorised key
     */
    public void addKey(String name, PublicKey key) {
        requireName(name);
        Objects.requireNonNull(key, "publicKey");
        context.users().compute(name, (user, old) -> {
            if (old == null) {
                return new UserAccount(name, null, List.of(key), null, null, restrictToHome);
            }
            List<PublicKey> keys = new ArrayList<>(old.keys());
            keys.add(key);
            return new UserAccount(name, old.password(), keys, old.homeDirectory(), old.rootDirectory(),
                    old.restrictToHome());
        });
    }

    /**
     * Removes a user and drops the connections logged in as that user, each with the reason
     * {@code user "NAME" was removed}; returns once they are closed.
     *
     * @param name the user name
     * @param timeout how long to wait for each connection to close
     * @return whether the server had that user
     */
    public boolean remove(String name, Duration timeout) {
        boolean existed = context.users().remove(requireName(name)) != null;
        for (SftpConnection connection : context.connections().snapshot()) {
            if (connection.authenticated() && name.equals(connection.user())) {
                context.connections().disconnect(connection.id(), timeout, "user \"" + name + "\" was removed");
            }
        }
        return existed;
    }

    /**
     * Puts back the users a server was built with, dropping those added since and restoring those removed.
     *
     * @param built the built users
     */
    public void restore(Collection<UserAccount> built) {
        List<String> names = built.stream().map(UserAccount::name).toList();
        context.users().keySet().retainAll(names); // never empty in between: a login racing a reset still works
        for (UserAccount account : built) {
            context.users().put(account.name(), account);
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("user name must not be empty");
        }
        return name;
    }
}
