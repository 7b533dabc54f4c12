package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.UUID;

import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * Renames as MINA does, except that a rename to another spelling of the same name on a case-insensitive filesystem
 * ({@code A.txt} to {@code a.txt}) changes the name's case, as Windows (NTFS) and macOS servers do. Jimfs with case
 * folding, like the JDK on a case-insensitive disk, sees source and target as one file and leaves the name as it
 * was, so the rename goes through a temporary name in the same directory.
 */
final class CaseChangingRename implements SftpFileSystemAccessor {
    private static final String TEMPORARY_PREFIX = ".case-rename-";

    @Override
    public void renameFile(SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
            throws IOException {
        if (changesOnlyTheCase(oldPath, newPath)) {
            Path temporary = newPath.resolveSibling(TEMPORARY_PREFIX + UUID.randomUUID());
            Files.move(oldPath, temporary);
            try {
                Files.move(temporary, newPath);
            } catch (IOException | RuntimeException e) {
                Files.move(temporary, oldPath);
                throw e;
            }
        } else {
            SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
        }
    }

    /**
     * Whether both paths name one directory entry spelt differently: the names differ only in case, they resolve to
     * the same file, and the directory holds no entry spelt exactly as the new name (on a case-sensitive filesystem
     * two such names are two entries, e.g. two hard links, and renaming one onto the other leaves both, as POSIX
     * says).
     */
    private static boolean changesOnlyTheCase(Path oldPath, Path newPath) throws IOException {
        Path oldName = oldPath.getFileName();
        Path newName = newPath.getFileName();
        if (oldName == null || newName == null) {
            return false;
        }
        String target = newName.toString();
        if (target.equals(oldName.toString()) || !target.equalsIgnoreCase(oldName.toString())
                || !Files.exists(oldPath, LinkOption.NOFOLLOW_LINKS)
                || !Files.exists(newPath, LinkOption.NOFOLLOW_LINKS) || !Files.isSameFile(oldPath, newPath)) {
            return false;
        }
        Path directory = newPath.toAbsolutePath().getParent();
        try (DirectoryStream<Path> exact = Files.newDirectoryStream(directory,
                entry -> target.equals(String.valueOf(entry.getFileName())))) {
            return !exact.iterator().hasNext();
        }
    }
}
