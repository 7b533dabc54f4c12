package io.sftptest.server.internal;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/** Per-session results of the authentication event that later stages use. */
final class AuthEvents {
    private static final AttributeKey<String> HOME_DIRECTORY = new AttributeKey<>();

    private AuthEvents() {
    }

    /**
     * Records the initial SFTP directory a listener chose for a session.
     *
     * @param session the session
     * @param directory the directory, or null to keep the user's configured home
     */
    public static void setHomeDirectory(Session session, String directory) {
        if (directory != null) {
            session.setAttribute(HOME_DIRECTORY, directory);
        }
    }

    /**
     * Returns the initial directory of a session: the one a listener chose, else the user's configured home.
     *
     * @param session the session
     * @param account the user, or null
     * @return the directory, or null (the root)
     */
    static String homeDirectory(Session session, UserAccount account) {
        String chosen = session == null ? null : session.getAttribute(HOME_DIRECTORY);
        return chosen != null || account == null ? chosen : account.homeDirectory();
    }
}
