package io.sftptest.server;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

/** Small client plumbing shared by the tests in this package. */
final class Clients {
    private Clients() {
    }

    /** Opens an authenticated JSch session; the caller disconnects it. */
    static Session jschSession(SftpTestServer server, String user, String password) throws JSchException {
        Session session = new JSch().getSession(user, server.host(), server.port());
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(10_000);
        return session;
    }

    /** Returns whether a JSch password login succeeds. */
    static boolean jschLogin(SftpTestServer server, String user, String password) {
        try {
            Session session = jschSession(server, user, password);
            session.disconnect();
            return true;
        } catch (JSchException e) {
            return false;
        }
    }
}
