package io.sftptest.server;

import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileRenameEvent;

/** The listener of {@link Personality#NO_OVERWRITE}: nothing existing is written over, by an open or a rename. */
final class NoOverwrite implements SftpServerListener {
    @Override
    public void onFileOpen(FileOpenEvent e) {
        if (e.beforeExec() && e.isWriting() && Personality.exists(e.file())) {
            e.setStatusCode(SftpStatus.PERMISSION_DENIED, e.path() + " exists: this server never "
                    + "overwrites a file");
        }
    }

    @Override
    public void onFileRename(FileRenameEvent e) {
        // a case-only rename on a case-insensitive server names the same file: nothing is overwritten
        if (e.beforeExec() && Personality.exists(e.newFile()) && !Personality.isSameFile(e.file(), e.newFile())) {
            e.setStatusCode(SftpStatus.PERMISSION_DENIED, e.newPath() + " exists: this server never "
                    + "overwrites a file");
        }
    }
}
