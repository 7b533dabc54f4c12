package io.sftptest.matrix;

import java.util.List;

/**
 * One SFTP client library, connected and logged in, seen through the few calls the round trip makes. Each client
 * API has one implementation, shared by every version of that API in the matrix.
 */
public interface MatrixClient extends AutoCloseable {
    /**
     * Uploads a file, replacing it if it exists.
     *
     * @param path the remote path
     * @param content the bytes
     * @throws Exception as the client throws it
     */
    void put(String path, byte[] content) throws Exception;

    /**
     * Downloads a file.
     *
     * @param path the remote path
     * @return the bytes
     * @throws Exception as the client throws it
     */
    byte[] get(String path) throws Exception;

    /**
     * Lists a directory.
     *
     * @param directory the remote path
     * @return the entry names, without {@code .} and {@code ..}
     * @throws Exception as the client throws it
     */
    List<String> list(String directory) throws Exception;

    /**
     * Renames a file.
     *
     * @param from the old path
     * @param to the new path
     * @throws Exception as the client throws it
     */
    void rename(String from, String to) throws Exception;

    /**
     * Removes a file.
     *
     * @param path the remote path
     * @throws Exception as the client throws it
     */
    void remove(String path) throws Exception;

    /**
     * Creates a directory.
     *
     * @param path the remote path
     * @throws Exception as the client throws it
     */
    void mkdir(String path) throws Exception;

    /**
     * Removes a directory.
     *
     * @param path the remote path
     * @throws Exception as the client throws it
     */
    void rmdir(String path) throws Exception;

    /**
     * The SFTP status code a failed call received, as the client reports it.
     *
     * @param failure what a call threw
     * @return the {@code SSH_FX_*} code, e.g. 2 for {@code SSH_FX_NO_SUCH_FILE}
     * @throws AssertionError when the failure carries no SFTP status
     */
    int statusOf(Exception failure);

    /**
     * The SFTP version the client and the server agreed on.
     *
     * @return 3 to 6
     */
    int sftpVersion();

    /**
     * Disconnects.
     *
     * @throws Exception as the client throws it
     */
    @Override
    void close() throws Exception;
}
