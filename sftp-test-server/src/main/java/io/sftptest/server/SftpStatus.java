package io.sftptest.server;

/**
 * The SFTP status codes ({@code SSH_FX_*}) a server can answer with, named after the protocol
 * constants (draft-ietf-secsh-filexfer-13, section 9.1), with the SFTP protocol version that
 * introduced each code.
 *
 * <p>A client that negotiated an older protocol version does not know the newer codes (an OpenSSH
 * v3 client prints "Unknown status"), so the server sends {@link #forVersion(int)} instead: the
 * nearest code that the client's version defines, e.g. {@link #NO_SPACE_ON_FILESYSTEM} becomes
 * {@link #FAILURE} for a version 3 client.
 *
 * <pre>{@code
 * SftpStatus status = SftpStatus.fromCode(3);          // PERMISSION_DENIED
 * SftpStatus v3 = SftpStatus.DIR_NOT_EMPTY.forVersion(3); // FAILURE
 * }</pre>
 */
public enum SftpStatus {
    /** {@code SSH_FX_OK} (0): the operation succeeded. */
    OK(0, 3, null),
    /** {@code SSH_FX_EOF} (1): end of file, or no more directory entries. */
    EOF(1, 3, null),
    /** {@code SSH_FX_NO_SUCH_FILE} (2): the file does not exist. */
    NO_SUCH_FILE(2, 3, null),
    /** {@code SSH_FX_PERMISSION_DENIED} (3): the user lacks the permission. */
    PERMISSION_DENIED(3, 3, null),
    /** {@code SSH_FX_FAILURE} (4): a generic failure. */
    FAILURE(4, 3, null),
    /** {@code SSH_FX_BAD_MESSAGE} (5): a badly formatted packet or protocol incompatibility. */
    BAD_MESSAGE(5, 3, null),
    /** {@code SSH_FX_NO_CONNECTION} (6): a pseudo-error for the client; no connection. */
    NO_CONNECTION(6, 3, null),
    /** {@code SSH_FX_CONNECTION_LOST} (7): a pseudo-error for the client; connection lost. */
    CONNECTION_LOST(7, 3, null),
    /** {@code SSH_FX_OP_UNSUPPORTED} (8): the server does not support the operation. */
    OP_UNSUPPORTED(8, 3, null),
    /** {@code SSH_FX_INVALID_HANDLE} (9, v4+): the handle is not valid. */
    INVALID_HANDLE(9, 4, FAILURE),
    /** {@code SSH_FX_NO_SUCH_PATH} (10, v4+): a directory on the path does not exist. */
    NO_SUCH_PATH(10, 4, NO_SUCH_FILE),
    /** {@code SSH_FX_FILE_ALREADY_EXISTS} (11, v4+): the file already exists. */
    FILE_ALREADY_EXISTS(11, 4, FAILURE),
    /** {@code SSH_FX_WRITE_PROTECT} (12, v4+): the file is on read-only media. */
    WRITE_PROTECT(12, 4, PERMISSION_DENIED),
    /** {@code SSH_FX_NO_MEDIA} (13, v4+): no media in the drive. */
    NO_MEDIA(13, 4, FAILURE),
    /** {@code SSH_FX_NO_SPACE_ON_FILESYSTEM} (14, v5+): the filesystem is full. */
    NO_SPACE_ON_FILESYSTEM(14, 5, FAILURE),
    /** {@code SSH_FX_QUOTA_EXCEEDED} (15, v5+): the user's quota is exceeded. */
    QUOTA_EXCEEDED(15, 5, FAILURE),
    /** {@code SSH_FX_UNKNOWN_PRINCIPAL} (16, v5+): an owner or group is not known. */
    UNKNOWN_PRINCIPAL(16, 5, FAILURE),
    /** {@code SSH_FX_LOCK_CONFLICT} (17, v5+): the file is locked by another process. */
    LOCK_CONFLICT(17, 5, FAILURE),
    /** {@code SSH_FX_DIR_NOT_EMPTY} (18, v6): the directory is not empty. */
    DIR_NOT_EMPTY(18, 6, FAILURE),
    /** {@code SSH_FX_NOT_A_DIRECTORY} (19, v6): the path is not a directory. */
    NOT_A_DIRECTORY(19, 6, NO_SUCH_FILE),
    /** {@code SSH_FX_INVALID_FILENAME} (20, v6): the file name is not valid. */
    INVALID_FILENAME(20, 6, BAD_MESSAGE),
    /** {@code SSH_FX_LINK_LOOP} (21, v6): too many symbolic links. */
    LINK_LOOP(21, 6, NO_SUCH_FILE),
    /** {@code SSH_FX_CANNOT_DELETE} (22, v6): the file cannot be deleted. */
    CANNOT_DELETE(22, 6, PERMISSION_DENIED),
    /** {@code SSH_FX_INVALID_PARAMETER} (23, v6): a parameter is out of range or conflicting. */
    INVALID_PARAMETER(23, 6, BAD_MESSAGE),
    /** {@code SSH_FX_FILE_IS_A_DIRECTORY} (24, v6): the path is a directory. */
    FILE_IS_A_DIRECTORY(24, 6, FAILURE),
    /** {@code SSH_FX_BYTE_RANGE_LOCK_CONFLICT} (25, v6): a byte-range lock conflicts. */
    BYTE_RANGE_LOCK_CONFLICT(25, 6, LOCK_CONFLICT),
    /** {@code SSH_FX_BYTE_RANGE_LOCK_REFUSED} (26, v6): a byte-range lock was refused. */
    BYTE_RANGE_LOCK_REFUSED(26, 6, LOCK_CONFLICT),
    /** {@code SSH_FX_DELETE_PENDING} (27, v6): the file is about to be deleted. */
    DELETE_PENDING(27, 6, FAILURE),
    /** {@code SSH_FX_FILE_CORRUPT} (28, v6): the file is corrupt. */
    FILE_CORRUPT(28, 6, FAILURE),
    /** {@code SSH_FX_OWNER_INVALID} (29, v6): the owner cannot be assigned. */
    OWNER_INVALID(29, 6, UNKNOWN_PRINCIPAL),
    /** {@code SSH_FX_GROUP_INVALID} (30, v6): the group cannot be assigned. */
    GROUP_INVALID(30, 6, UNKNOWN_PRINCIPAL),
    /** {@code SSH_FX_NO_MATCHING_BYTE_RANGE_LOCK} (31, v6): no lock covers the range. */
    NO_MATCHING_BYTE_RANGE_LOCK(31, 6, FAILURE);

    private static final SftpStatus[] BY_CODE = values();

    private final int code;
    private final int sinceVersion;
    private final SftpStatus olderEquivalent;

    SftpStatus(int code, int sinceVersion, SftpStatus olderEquivalent) {
        this.code = code;
        this.sinceVersion = sinceVersion;
        this.olderEquivalent = olderEquivalent;
    }

    /**
     * Returns the numeric {@code SSH_FX_*} code sent on the wire.
     *
     * @return the code, 0 to 31
     */
    public int code() {
        return code;
    }

    /**
     * Returns the SFTP protocol version that introduced this code.
     *
     * @return 3, 4, 5 or 6
     */
    public int sinceVersion() {
        return sinceVersion;
    }

    /**
     * Returns the status to send to a client that negotiated {@code version}: this status when the
     * version defines it, otherwise the nearest status that it does define.
     *
     * @param version the negotiated SFTP protocol version (3 to 6)
     * @return a status that the client's protocol version knows
     */
    public SftpStatus forVersion(int version) {
        SftpStatus status = this;
        while (status.sinceVersion > version && status.olderEquivalent != null) {
            status = status.olderEquivalent;
        }
        return status;
    }

    /**
     * Returns the status with the given numeric code.
     *
     * @param code an {@code SSH_FX_*} code
     * @return the status
     * @throws IllegalArgumentException when no status has that code
     */
    public static SftpStatus fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException(
                    "unknown SFTP status code " + code + ": the codes are 0 (OK) to 31 (NO_MATCHING_BYTE_RANGE_LOCK)");
        }
        return BY_CODE[code];
    }
}
