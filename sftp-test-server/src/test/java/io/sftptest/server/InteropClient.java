package io.sftptest.server;

import java.util.List;

/**
 * The SFTP operations the interoperability tests run, implemented once per client library so that
 * each test body is written once and runs against MINA SSHD's client, JSch and sshj alike. Every
 * SFTP error surfaces as {@link StatusException} with the raw status code the client received.
 */
interface InteropClient extends AutoCloseable {
    /** Which library sits behind this client. */
    ClientKind kind();

    /** Writes a whole file, replacing it. */
    void upload(String path, byte[] content);

    /** Reads a whole file. */
    byte[] download(String path);

    /** Lists the names in a directory, without "." and "..". */
    List<String> list(String directory);

    void mkdir(String path);

    void rename(String from, String to);

    void remove(String path);

    void rmdir(String path);

    /** Attributes, following a final symbolic link. */
    Attributes stat(String path);

    /** Attributes of the path itself, not following a final symbolic link. */
    Attributes lstat(String path);

    /** Sets the permission bits, e.g. {@code 0640}. */
    void chmod(String path, int permissions);

    /** Creates a symbolic link at {@code link} that points to {@code target}. */
    void symlink(String target, String link);

    /**
     * Creates a symbolic link, or accepts that the server refuses to (for a link that would leave the
     * user's directory, refusing is as correct as refusing to follow it later).
     *
     * @return true when the link was created
     */
    default boolean trySymlink(String target, String link) {
        try {
            symlink(target, link);
            return true;
        } catch (StatusException refused) {
            return false;
        }
    }

    String readlink(String path);

    /** The server's canonical form of a path (SSH_FXP_REALPATH). */
    String realpath(String path);

    @Override
    void close();

    /**
     * What the tests compare of a file's attributes.
     *
     * @param size the size in bytes
     * @param permissions the permission bits (mask {@code 07777})
     * @param directory whether it is a directory
     * @param symbolicLink whether it is a symbolic link
     * @param modified the modification time in seconds since the epoch
     */
    record Attributes(long size, int permissions, boolean directory, boolean symbolicLink, long modified) {
    }

    /** An SFTP status other than OK, as the client library reported it. */
    final class StatusException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        StatusException(int status, String message, Throwable cause) {
            super("SFTP status " + status + ": " + message, cause);
            this.status = status;
        }

        /** The raw {@code SSH_FX_*} code. */
        int status() {
            return status;
        }
    }
}
