package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpFileAttributes;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/** A client creates a directory, {@code SSH_FXP_MKDIR} (seed: DirCreate). */
public final class DirCreateEvent extends FileSystemEvent {
    private final SftpFileAttributes attributes;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the new directory
     * @param attributes the attributes the client asked for
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public DirCreateEvent(long connectionId, String user, String path, SftpFileAttributes attributes,
            boolean beforeExec, SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.MKDIR, path, beforeExec, statusCode, statusMessage, files);
        this.attributes = attributes == null ? SftpFileAttributes.NONE : attributes;
    }

    /**
     * Returns the attributes the client asked for (seed: FileType, FilePermissions, ...).
     *
     * @return the attributes; fields the client left out are null
     */
    public SftpFileAttributes attributes() {
        return attributes;
    }
}
