package io.sftptest.assertj;

import java.util.Objects;

import io.sftptest.server.SftpTestServer;

/**
 * A path on a server, the object under test of {@link ServerFileAssert} and
 * {@link ServerDirectoryAssert}.
 *
 * @param server the server
 * @param path the client path, e.g. {@code /out/a.csv}
 */
public record ServerPath(SftpTestServer server, String path) {
    /**
     * Creates the path.
     *
     * @param server the server
     * @param path the client path
     */
    public ServerPath {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(path, "path");
    }

    /**
     * Returns the client path.
     *
     * @return the path
     */
    @Override
    public String toString() {
        return path;
    }

    /** Describes what the parent directory holds, to show next to a missing file. */
    String near() {
        int slash = path.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : path.substring(0, slash);
        try {
            if (server.isDirectory(parent)) {
                return "in \"" + parent + "\": " + server.list(parent);
            }
            return "there is no directory \"" + parent + "\" either";
        } catch (RuntimeException e) {
            return "nothing readable there";
        }
    }
}
