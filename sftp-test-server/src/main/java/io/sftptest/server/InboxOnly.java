package io.sftptest.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sftptest.server.event.DirCreateEvent;
import io.sftptest.server.event.DirRemoveEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileRemoveEvent;
import io.sftptest.server.event.FileRenameEvent;
import io.sftptest.server.event.FileSystemEvent;
import io.sftptest.server.event.SetAttributesEvent;

/** The listener of {@link Personality#inboxOnly(String)}: uploads into one directory only, no deletes. */
final class InboxOnly implements SftpServerListener {
    private final String inbox;

    InboxOnly(String inbox) {
        this.inbox = inbox;
    }

    /**
     * Whether the file lies below the inbox: one of its existing parent directories is the inbox, compared as
     * files (so a case-insensitive server's {@code /INBOX} and a link to the inbox count).
     */
    private boolean inside(Path file) {
        if (file == null) {
            return false;
        }
        Path box = file.getFileSystem().getPath(inbox);
        if (!Files.isDirectory(box)) {
            return false;
        }
        for (Path parent = file.toAbsolutePath().normalize().getParent(); parent != null;
                parent = parent.getParent()) {
            try {
                if (Files.exists(parent) && Files.isSameFile(parent, box)) {
                    return true;
                }
            } catch (IOException unreadable) {
                return false;
            }
        }
        return false;
    }

    private void deny(FileSystemEvent e, String what) {
        e.setStatusCode(SftpStatus.PERMISSION_DENIED, what + ": uploads go to " + inbox + " only");
    }

    @Override
    public void onFileOpen(FileOpenEvent e) {
        if (e.beforeExec() && e.isWriting() && !inside(e.file())) {
            deny(e, "cannot write " + e.path());
        }
    }

    @Override
    public void onDirCreate(DirCreateEvent e) {
        // an existing directory (the inbox, its parents) gets the server's usual "already exists"
        if (e.beforeExec() && !inside(e.file()) && !Personality.exists(e.file())) {
            deny(e, "cannot create " + e.path());
        }
    }

    @Override
    public void onFileRename(FileRenameEvent e) {
        if (e.beforeExec() && !(inside(e.file()) && inside(e.newFile()))) {
            deny(e, "cannot rename " + e.path() + " to " + e.newPath());
        }
    }

    @Override
    public void onSetAttributes(SetAttributesEvent e) {
        if (e.beforeExec() && !inside(e.file())) {
            deny(e, "cannot change " + e.path());
        }
    }

    @Override
    public void onFileRemove(FileRemoveEvent e) {
        if (e.beforeExec()) {
            e.setStatusCode(SftpStatus.PERMISSION_DENIED, "this server does not delete files");
        }
    }

    @Override
    public void onDirRemove(DirRemoveEvent e) {
        if (e.beforeExec()) {
            e.setStatusCode(SftpStatus.PERMISSION_DENIED, "this server does not delete directories");
        }
    }
}
