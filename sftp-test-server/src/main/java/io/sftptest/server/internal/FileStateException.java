package io.sftptest.server.internal;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * A request refused by the state a test set up (a full disk, a quota, a file another party holds open). MINA's SFTP
 * subsystem answers any {@link SftpException} with its status; {@link #MESSAGES} sends this exception's message with
 * it, where MINA would send the generic text of the status.
 */
final class FileStateException extends SftpException {
    private static final long serialVersionUID = 1L;

    /**
     * Keeps the message of a {@link FileStateException}, where MINA would send the generic text of its status; the
     * rest (the status, other failures' messages) is what {@code statuses} answers.
     *
     * @param statuses the handler of the statuses, e.g. {@link SftpErrorStatusDataHandler#DEFAULT}
     * @return the handler the SFTP subsystem gets
     */
    public static SftpErrorStatusDataHandler keepingMessages(SftpErrorStatusDataHandler statuses) {
        return new SftpErrorStatusDataHandler() {
            @Override
            public int resolveSubStatus(SftpSubsystemEnvironment sftp, int id, Throwable e, int cmd, Object... args) {
                return statuses.resolveSubStatus(sftp, id, e, cmd, args);
            }

            @Override
            public String resolveErrorMessage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus,
                    int cmd, Object... args) {
                return e instanceof FileStateException ? e.getMessage()
                        : statuses.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
            }

            @Override
            public String resolveErrorLanguage(SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus,
                    int cmd, Object... args) {
                return statuses.resolveErrorLanguage(sftp, id, e, subStatus, cmd, args);
            }
        };
    }

    private FileStateException(int status, String message) {
        super(status, message);
    }

    /**
     * The filesystem is full; the text is what Unix servers send ({@code strerror(ENOSPC)}).
     *
     * @return the exception
     */
    public static FileStateException noSpace() {
        return new FileStateException(SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM, "No space left on device");
    }

    /**
     * A user's quota is used up; the text is {@code strerror(EDQUOT)}.
     *
     * @return the exception
     */
    public static FileStateException quotaExceeded() {
        return new FileStateException(SftpConstants.SSH_FX_QUOTA_EXCEEDED, "Disk quota exceeded");
    }

    /**
     * Another party holds the file open; the text is Windows' for a sharing violation.
     *
     * @return the exception
     */
    public static FileStateException lockConflict() {
        return new FileStateException(SftpConstants.SSH_FX_LOCK_CONFLICT,
                "The process cannot access the file because it is being used by another process");
    }
}
