package io.sftptest.server.internal.probe;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The server and directory the user named: {@code sftp://USER@HOST:PORT/PATH}. The path is absolute as in curl;
 * {@code /~/PATH} is relative to the user's home directory.
 *
 * @param user the login name
 * @param host the host name or address
 * @param port the port, 22 when the URL gives none
 * @param path the path as written, e.g. {@code /upload/probe} or {@code /~/probe}
 */
public record ProbeTarget(String user, String host, int port, String path) {

    /**
     * Parses a URL.
     *
     * @param url e.g. {@code sftp://alice@sftp.example.com:2222/upload/probe-scratch}
     * @return the target
     * @throws IllegalArgumentException naming what is wrong and the expected form
     */
    public static ProbeTarget parse(String url) {
        String form = "use sftp://USER@HOST:PORT/SCRATCH_DIR, e.g. sftp://alice@sftp.example.com:22/upload/probe";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + url + "\" is no URL (" + e.getReason() + "): " + form, e);
        }
        if (!"sftp".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("\"" + url + "\" is no sftp:// URL: " + form);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + url + "\" names no host: " + form);
        }
        String user = uri.getUserInfo();
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("\"" + url + "\" names no user: " + form);
        }
        if (user.contains(":")) {
            throw new IllegalArgumentException("\"" + url + "\" holds a password: a password on the command line is "
                    + "seen by every user of the machine (ps) and kept in shell histories; put it in an environment "
                    + "variable and name that with --password-env");
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("\"" + url + "\" has a query or fragment: " + form);
        }
        return new ProbeTarget(user, uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), path);
    }

    /**
     * Whether the path is relative to the home directory ({@code /~} or {@code /~/...}).
     *
     * @return true for {@code /~/...}
     */
    boolean homeRelative() {
        return path.equals("/~") || path.startsWith("/~/");
    }

    /**
     * The path with the home directory put in for {@code /~}.
     *
     * @param home the real path of the home directory
     * @return an absolute path
     */
    String resolve(String home) {
        if (!homeRelative()) {
            return path;
        }
        String rest = path.substring(2);
        return (home.endsWith("/") ? home.substring(0, home.length() - 1) : home) + rest;
    }

    /**
     * The target without the user, for the file and the report.
     *
     * @return {@code sftp://HOST:PORT/PATH}
     */
    String withoutUser() {
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "sftp://" + shownHost + ":" + port + path;
    }
}
