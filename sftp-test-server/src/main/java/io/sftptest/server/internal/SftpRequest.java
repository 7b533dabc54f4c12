package io.sftptest.server.internal;

import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpOperation;

/**
 * One request as {@link SftpCodec#decode} read it, once, for every step of the {@link RequestPipeline}
 * (or, for an {@link SftpOperation#EXEC}, as {@code ExecCommand} built it from the channel request):
 * limits, fault rules, listeners, virtual mode and the recording. What differs between SFTP v3 and v6 (open
 * access and flags, attribute layouts, rename flags) is normalised here. Immutable; the file data of a
 * {@code WRITE} is kept only when listeners want it.
 *
 * @param type the packet type ({@code SSH_FXP_*})
 * @param id the request id
 * @param operation the operation
 * @param extension the extension name of an {@code SSH_FXP_EXTENDED}, else null
 * @param path the path the request names as the client sent it, or the client's path of the handle it names
 * @param targetPath the second path (rename and link targets), else null
 * @param handle the handle the request names, else null
 * @param offset the offset of a read or write, else -1
 * @param length the length a read asks for or a write sends, else -1
 * @param flags the flags word as sent: an open's {@code pflags}, a stat's attribute flags (v4+), a rename's
 *     flags (v5+), a realpath's control byte (v6), 1 for a symbolic link's {@code LINK} (v6); else 0
 * @param openFlags an open's flags as SFTP v3 {@code SSH_FXF_*} bits, translated from the desired access and
 *     disposition for v5 and v6; else 0
 * @param access an open's desired access ({@code ACE4_*}, v5+; an empty mask as the server opens the file:
 *     read data and attributes), else 0
 * @param attributes the attributes sent with an open, mkdir, setstat or fsetstat, or null when none
 * @param data the data of a write when listeners are registered, else null
 * @param malformed why the packet could not be read to its end, or null; what was read is kept, and MINA
 *     answers the packet with its own error
 * @param command the command line of an {@link SftpOperation#EXEC} (null for a shell request and for SFTP requests)
 */
record SftpRequest(int type, int id, SftpOperation operation, String extension, String path, String targetPath,
        String handle, long offset, long length, int flags, int openFlags, int access, SftpFileAttributes attributes,
        byte[] data, RuntimeException malformed, String command) {

    /** {@code posix-rename@openssh.com}: a rename that replaces the target. */
    static final String POSIX_RENAME = "posix-rename@openssh.com";
    /** {@code lsetstat@openssh.com}: setstat on a link itself. */
    static final String LSETSTAT = "lsetstat@openssh.com";

    /**
     * Returns whether the request works on a symbolic link itself rather than on what it points to, so that
     * the root confinement does not follow the link.
     */
    boolean actsOnLinkItself() {
        return switch (operation) {
            case LSTAT, REMOVE, READLINK, RENAME, SYMLINK, LINK -> true;
            case EXTENDED -> POSIX_RENAME.equals(extension) || LSETSTAT.equals(extension);
            default -> false;
        };
    }

    /** Returns whether the request reads or writes file data. */
    boolean transfersData() {
        return operation == SftpOperation.READ || operation == SftpOperation.WRITE;
    }
}
