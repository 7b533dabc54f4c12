package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpFileAttributes;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client changes attributes, {@code SSH_FXP_SETSTAT}, {@code FSETSTAT} or {@code lsetstat@openssh.com}
 * (seed: SetAttributes).
 */
public final class SetAttributesEvent extends FileSystemEvent {
    private final String handle;
    private final SftpFileAttributes attributes;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param operation SETSTAT, FSETSTAT, or EXTENDED for lsetstat
     * @param path the path, or the path behind the handle
     * @param handle the handle of an FSETSTAT, else null
     * @param attributes the attributes the client sets
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public SetAttributesEvent(long connectionId, String user, SftpOperation operation, String path, String handle,
            SftpFileAttributes attributes, boolean beforeExec, SftpStatus statusCode, String statusMessage,
            Function<String, Path> files) {
        super(connectionId, user, operation, path, beforeExec, statusCode, statusMessage, files);
        this.handle = handle;
        this.attributes = attributes == null ? SftpFileAttributes.NONE : attributes;
    }

    /**
     * Returns the handle of an {@code FSETSTAT}.
     *
     * @return the handle, or null
     */
    public String handle() {
        return handle;
    }

    /**
     * Returns the attributes the client sets; fields it leaves alone are null.
     *
     * @return the attributes
     */
    public SftpFileAttributes attributes() {
        return attributes;
    }
}
