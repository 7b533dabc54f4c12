package io.sftptest.server.event;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client opens or creates a file, {@code SSH_FXP_OPEN} (seed: FileOpen).
 *
 * <p>{@link #setHandle(String)} before execution names the handle of a <em>virtual</em> open: the server
 * does not open the file; reads are served by {@link FileReadEvent#setData(byte[])} and writes handed to
 * {@link FileWriteEvent#data()}, as in virtual mode. After execution {@link #handle()} is the handle the
 * server opened.
 */
public final class FileOpenEvent extends FileSystemEvent {
    // SSH_FXF_READ/WRITE/APPEND (v3, v4) and ACE4_READ_DATA/WRITE_DATA/APPEND_DATA (v5+) share these bits
    private static final int READ_BIT = 0x1;
    private static final int WRITE_BIT = 0x2;
    private static final int APPEND_BIT = 0x4;
    private final int flags;
    private final int desiredAccess;
    private final SftpFileAttributes attributes;
    private String handle;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the file
     * @param flags the {@code SSH_FXF_*} open flags as the client sent them
     * @param desiredAccess the {@code ACE4_*} access mask (SFTP v5+; 0 for older clients)
     * @param attributes the attributes the client asked for
     * @param handle the handle (after execution), or null
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public FileOpenEvent(long connectionId, String user, String path, int flags, int desiredAccess,
            SftpFileAttributes attributes, String handle, boolean beforeExec, SftpStatus statusCode,
            String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.OPEN, path, beforeExec, statusCode, statusMessage, files);
        this.flags = flags;
        this.desiredAccess = desiredAccess;
        this.attributes = attributes == null ? SftpFileAttributes.NONE : attributes;
        this.handle = handle;
    }

    /**
     * Returns the open flags as the client sent them: {@code SSH_FXF_READ} (1), {@code WRITE} (2),
     * {@code APPEND} (4), {@code CREAT} (8), {@code TRUNC} (0x10), {@code EXCL} (0x20) for SFTP v3/v4.
     *
     * @return the flags
     */
    public int flags() {
        return flags;
    }

    /**
     * Returns the {@code ACE4_*} desired-access mask (seed: DesiredAccess); only SFTP v5+ clients send it. A v5+
     * client's 0 is given as the server reads it: {@code ACE4_READ_DATA | ACE4_READ_ATTRIBUTES}.
     *
     * @return the mask, or 0 for SFTP v3/v4
     */
    public int desiredAccess() {
        return desiredAccess;
    }

    /**
     * Returns whether the client opens the file for writing: the {@code WRITE} or {@code APPEND} flag (SFTP
     * v3/v4), or {@code ACE4_WRITE_DATA}/{@code ACE4_APPEND_DATA} in the desired access (v5+).
     *
     * @return true for an upload's open
     */
    public boolean isWriting() {
        int mask = desiredAccess != 0 ? desiredAccess : flags;
        return (mask & (WRITE_BIT | APPEND_BIT)) != 0;
    }

    /**
     * Returns whether the client opens the file for reading: the {@code READ} flag or no flag at all (SFTP v3/v4),
     * or {@code ACE4_READ_DATA} in the desired access (v5+), as the server opens it.
     *
     * @return true for a download's open
     */
    public boolean isReading() {
        int mask = desiredAccess != 0 ? desiredAccess : flags;
        return mask == 0 || (mask & READ_BIT) != 0; // no flags at all: the server opens the file for reading
    }

    /**
     * Returns the attributes the client asked for.
     *
     * @return the attributes; fields the client left out are null
     */
    public SftpFileAttributes attributes() {
        return attributes;
    }

    /**
     * Returns the handle: the one a listener set, or after execution the one the server opened.
     *
     * @return the handle, or null
     */
    public String handle() {
        return handle;
    }

    /**
     * Opens the file virtually under this handle (seed: Handle); see the class description.
     *
     * @param handle at most 256 bytes, unique among the connection's open handles
     * @throws IllegalStateException after execution
     */
    public void setHandle(String handle) {
        if (!beforeExec()) {
            throw new IllegalStateException("setHandle works before execution (beforeExec() == true): the server "
                    + "already opened " + path() + " as handle " + this.handle);
        }
        if (handle == null || handle.isEmpty() || handle.getBytes(StandardCharsets.UTF_8).length > 256) {
            throw new IllegalArgumentException("handle \"" + handle + "\" must have 1 to 256 bytes");
        }
        this.handle = handle;
    }
}
