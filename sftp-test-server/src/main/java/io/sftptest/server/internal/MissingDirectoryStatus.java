package io.sftptest.server.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Set;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

import io.sftptest.server.SftpStatus;

/**
 * Answers {@code SSH_FX_NO_SUCH_PATH} instead of {@code SSH_FX_NO_SUCH_FILE} to a client of SFTP v4 or later when a
 * request failed because a directory on its path does not exist ({@code OPEN /nodir/x.txt}), as the drafts define
 * the code (draft-ietf-secsh-filexfer-03 on: "the file path does not exist or is invalid") and as the few servers
 * that tell the two apart send it (Titan FTP Server, MikroTik). Only with the no-such-path personality: MINA, like
 * most servers (OpenSSH, ProFTPD's mod_sftp, Erlang's {@code ssh_sftpd}), derives both from one "no such file" error
 * and always answers {@code NO_SUCH_FILE}. A v3 client keeps getting {@code NO_SUCH_FILE}, with the same message.
 *
 * <p>Only for requests whose paths are the first arguments MINA reports (a path that is missing in an existing
 * directory stops the search: a rename of a missing file into a missing directory is "no such file", as the
 * filesystem checks the source first); the paths are resolved as the serving session resolves them.
 */
final class MissingDirectoryStatus implements SftpErrorStatusDataHandler {
    private static final Set<Integer> PATH_REQUESTS = Set.of(SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR,
            SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_SETSTAT,
            SftpConstants.SSH_FXP_MKDIR, SftpConstants.SSH_FXP_REMOVE,
            SftpConstants.SSH_FXP_READLINK, SftpConstants.SSH_FXP_REALPATH, SftpConstants.SSH_FXP_RENAME);

    @Override
    public int resolveSubStatus(SftpSubsystemEnvironment sftp, int id, Throwable e, int cmd, Object... args) {
        int status = SftpErrorStatusDataHandler.super.resolveSubStatus(sftp, id, e, cmd, args);
        if (status != SftpStatus.NO_SUCH_FILE.code() || sftp.getVersion() < SftpStatus.NO_SUCH_PATH.sinceVersion()
                || !PATH_REQUESTS.contains(cmd)) {
            return status;
        }
        for (Object arg : args) { // the request's paths, in the order MINA resolves them
            if (!(arg instanceof String path)) {
                break;
            }
            Path file = sftp instanceof TestSftpSubsystem subsystem ? subsystem.resolveQuietly(path) : null;
            if (file == null) {
                break;
            }
            Path parent = file.toAbsolutePath().normalize().getParent();
            if (parent != null && !Files.exists(parent)) {
                return SftpStatus.NO_SUCH_PATH.code();
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                break; // this path is the one missing, in a directory that exists
            }
        }
        return status;
    }
}
