package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Collections;

import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;

/**
 * Gives each session a filesystem rooted at its user's root directory. MINA closes the filesystem it
 * gets from here when the session ends, so it gets a rooted view, never the Jimfs instance itself. The view's
 * provider puts the {@link FileState} in front of the files (disk limits, locks).
 */
final class UserFileSystemFactory implements FileSystemFactory {
    private final ServerContext context;

    /**
     * Creates the factory.
     *
     * @param context the server's shared state
     */
    public UserFileSystemFactory(ServerContext context) {
        this.context = context;
    }

    @Override
    public Path getUserHomeDir(SessionContext session) throws IOException {
        return context.userRoot(context.users().get(session.getUsername()));
    }

    @Override
    public FileSystem createFileSystem(SessionContext session) throws IOException {
        Path root = getUserHomeDir(session);
        long connectionId = session instanceof Session s ? ConnectionRegistry.idOf(s) : 0;
        return new SessionFileSystemProvider(context.fileState(), connectionId).newFileSystem(root,
                Collections.emptyMap());
    }
}
