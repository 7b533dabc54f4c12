package io.sftptest.server;

import io.sftptest.server.event.DirListEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.GetAttributesEvent;
import io.sftptest.server.event.SetAttributesEvent;

/** The listener of {@link Personality#WRITE_ONLY}: uploads work, nothing can be read back or told apart. */
final class WriteOnly implements SftpServerListener {
    @Override
    public void onFileOpen(FileOpenEvent e) {
        if (e.beforeExec() && e.isReading()) {
            e.setStatusCode(SftpStatus.PERMISSION_DENIED, "write-only account: files cannot be read");
        }
    }

    @Override
    public void onDirList(DirListEvent e) {
        if (e.beforeExec()) {
            e.setStatusCode(SftpStatus.PERMISSION_DENIED, "write-only account: directories cannot be "
                    + "listed");
        }
    }

    // A missing file gets the server's own NO_SUCH_FILE; an existing one gets the same status and text.
    @Override
    public void onGetAttributes(GetAttributesEvent e) {
        if (e.beforeExec() && e.operation() != SftpOperation.FSTAT && Personality.isExistingFile(e.file())) {
            e.setStatusCode(SftpStatus.NO_SUCH_FILE);
        }
    }

    @Override
    public void onSetAttributes(SetAttributesEvent e) {
        if (e.beforeExec() && e.operation() != SftpOperation.FSETSTAT && Personality.isExistingFile(e.file())) {
            e.setStatusCode(SftpStatus.NO_SUCH_FILE);
        }
    }
}
