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
     * Returns the initial SFTP directory a listener chose for a session.
     *
     * @param session the session
     * @return the directory, or null
     */
    static String homeDirectory(Session session) {
        return session == null ? null : session.getAttribute(HOME_DIRECTORY);
    }
}
