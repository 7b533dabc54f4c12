package io.sftptest.server;

/**
 * The SFTP requests a client can send, named after their {@code SSH_FXP_*} packet types.
 *
 * <p>Extended requests ({@code SSH_FXP_EXTENDED}) are {@link #EXTENDED}; their extension name
 * (e.g. {@code posix-rename@openssh.com}) is carried separately where it matters.
 *
 * <p>Three pseudo-operations, {@link #CONNECT}, {@link #AUTH} and {@link #DISCONNECT}, are no SFTP
 * packets: they stand for SSH connection events, so that the {@link Recording} holds connections,
 * authentication attempts and requests in one journal, in the order they happened. A fourth, {@link #EXEC},
 * stands for an {@code exec} or {@code shell} request on an SSH session channel: a request the client sent
 * beside SFTP (e.g. {@code md5sum /a.bin}), recorded and subject to fault rules like the SFTP requests.
 */
public enum SftpOperation {
    /** {@code SSH_FXP_INIT} (1): the client's protocol version. */
    INIT(1),
    /** {@code SSH_FXP_OPEN} (3): open or create a file. */
    OPEN(3),
    /** {@code SSH_FXP_CLOSE} (4): close a file or directory handle. */
    CLOSE(4),
    /** {@code SSH_FXP_READ} (5): read from an open file. */
    READ(5),
    /** {@code SSH_FXP_WRITE} (6): write to an open file. */
    WRITE(6),
    /** {@code SSH_FXP_LSTAT} (7): attributes of a path, not following symbolic links. */
    LSTAT(7),
    /** {@code SSH_FXP_FSTAT} (8): attributes of an open handle. */
    FSTAT(8),
    /** {@code SSH_FXP_SETSTAT} (9): change the attributes of a path. */
    SETSTAT(9),
    /** {@code SSH_FXP_FSETSTAT} (10): change the attributes of an open handle. */
    FSETSTAT(10),
    /** {@code SSH_FXP_OPENDIR} (11): open a directory for listing. */
    OPENDIR(11),
    /** {@code SSH_FXP_READDIR} (12): read the next entries of an open directory. */
    READDIR(12),
    /** {@code SSH_FXP_REMOVE} (13): delete a file. */
    REMOVE(13),
    /** {@code SSH_FXP_MKDIR} (14): create a directory. */
    MKDIR(14),
    /** {@code SSH_FXP_RMDIR} (15): delete a directory. */
    RMDIR(15),
    /** {@code SSH_FXP_REALPATH} (16): canonicalise a path. */
    REALPATH(16),
    /** {@code SSH_FXP_STAT} (17): attributes of a path, following symbolic links. */
    STAT(17),
    /** {@code SSH_FXP_RENAME} (18): rename or move a file or directory. */
    RENAME(18),
    /** {@code SSH_FXP_READLINK} (19): the target of a symbolic link. */
    READLINK(19),
    /** {@code SSH_FXP_SYMLINK} (20): create a symbolic link. */
    SYMLINK(20),
    /** {@code SSH_FXP_LINK} (21, v6): create a hard or symbolic link. */
    LINK(21),
    /** {@code SSH_FXP_BLOCK} (22, v6): lock a byte range. */
    BLOCK(22),
    /** {@code SSH_FXP_UNBLOCK} (23, v6): unlock a byte range. */
    UNBLOCK(23),
    /** {@code SSH_FXP_EXTENDED} (200): a vendor extension such as {@code statvfs@openssh.com}. */
    EXTENDED(200),
    /** A packet type that SFTP does not define. */
    UNKNOWN(-1),
    /** Not a packet: an SSH connection was accepted (the record's {@link RecordedRequest#clientAddress()}). */
    CONNECT(-1),
    /**
     * Not a packet: the server answered an SSH authentication attempt (the record's
     * {@link RecordedRequest#authMethod()} and {@link RecordedRequest#authOutcome()}).
     */
    AUTH(-1),
    /** Not a packet: an SSH connection closed, whichever side closed it. */
    DISCONNECT(-1),
    /**
     * Not a packet: an SSH {@code exec} request (a command line, {@link RecordedRequest#command()}) or {@code shell}
     * request (no command line) on a session channel. The server answers it at once: it emulates the commands SFTP
     * clients send ({@code id}, {@code md5sum}, {@code sha1sum}, {@code sha256sum}, {@code df}, {@code echo}) over
     * the user's files and reports anything else as not found (exit status 127); the
     * {@link Personality#NO_EXEC no-exec} personality refuses it. Its exit status is
     * {@link RecordedRequest#exitStatus()}.
     */
    EXEC(-1);

    /** The operations by packet type, for a lookup per request. */
    private static final SftpOperation[] BY_PACKET_TYPE = new SftpOperation[256];

    static {
        for (SftpOperation operation : values()) {
            if (operation.packetType >= 0) {
                BY_PACKET_TYPE[operation.packetType] = operation;
            }
        }
    }

    private final int packetType;

    SftpOperation(int packetType) {
        this.packetType = packetType;
    }

    /**
     * Returns the {@code SSH_FXP_*} packet type of this request.
     *
     * @return the packet type, or -1 for {@link #UNKNOWN}, the connection events and {@link #EXEC}
     */
    public int packetType() {
        return packetType;
    }

    /**
     * Returns whether this is an SSH connection event ({@link #CONNECT}, {@link #AUTH},
     * {@link #DISCONNECT}) rather than an SFTP request.
     *
     * @return true for the pseudo-operations
     */
    public boolean isConnectionEvent() {
        return this == CONNECT || this == AUTH || this == DISCONNECT;
    }

    /**
     * Returns the operation for an {@code SSH_FXP_*} packet type.
     *
     * @param packetType the type byte of a request packet
     * @return the operation, or {@link #UNKNOWN} when SFTP defines no request of that type
     */
    public static SftpOperation fromPacketType(int packetType) {
        SftpOperation operation = packetType >= 0 && packetType < BY_PACKET_TYPE.length
                ? BY_PACKET_TYPE[packetType] : null;
        return operation != null ? operation : UNKNOWN;
    }
}
