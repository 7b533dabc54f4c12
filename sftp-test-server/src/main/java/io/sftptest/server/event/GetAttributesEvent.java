package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client asks for attributes, {@code SSH_FXP_STAT}, {@code LSTAT} or {@code FSTAT} (seed: GetAttributes).
 *
 * <p>{@link #setAttributes(SftpFileAttributes)} answers with these attributes: before execution instead of
 * looking at the file (in virtual mode the only source; none set: NO_SUCH_FILE), after execution instead of
 * the attributes found.
 */
public final class GetAttributesEvent extends FileSystemEvent {
    private final String handle;
    private final int flags;
    private SftpFileAttributes attributes;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param operation STAT, LSTAT or FSTAT
     * @param path the path, or the path behind the handle
     * @param handle the handle of an FSTAT, else null
     * @param flags the {@code SSH_FILEXFER_ATTR_*} flags the client is interested in (SFTP v4+), else 0
     * @param attributes the attributes found (after execution), or null
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public GetAttributesEvent(long connectionId, String user, SftpOperation operation, String path, String handle,
            int flags, SftpFileAttributes attributes, boolean beforeExec, SftpStatus statusCode,
            String statusMessage, Function<String, Path> files) {
        super(connectionId, user, operation, path, beforeExec, statusCode, statusMessage, files);
        this.handle = handle;
        this.flags = flags;
        this.attributes = attributes;
    }

    /**
     * Returns the handle of an {@code FSTAT}.
     *
     * @return the handle, or null for STAT and LSTAT
     */
    public String handle() {
        return handle;
    }

    /**
     * Returns the attribute flags the client asked for (SFTP v4+).
     *
     * @return the flags, or 0
     */
    public int flags() {
        return flags;
    }

    /**
     * Returns the attributes to answer: set by a listener, or after execution the ones found.
     *
     * @return the attributes, or null
     */
    public SftpFileAttributes attributes() {
        return attributes;
    }

    /**
     * Answers with these attributes; see the class description.
     *
     * @param attributes the attributes
     */
    public void setAttributes(SftpFileAttributes attributes) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
    }
}
