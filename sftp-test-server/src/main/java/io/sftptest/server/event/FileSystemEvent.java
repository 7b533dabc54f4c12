package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * What every file-system event carries (seed: DirCreate, DirList, DirRemove, FileOpen, FileRead, FileWrite,
 * FileClose, FileRemove, FileRename, GetAttributes, SetAttributes, ResolvePath).
 *
 * <p>The server calls the listener twice per request with two event objects: first with
 * {@link #beforeExec()} {@code true}, before it performs the operation, then with {@code false}, after it,
 * carrying the outcome in {@link #statusCode()}. Setting a status before execution skips the operation and
 * answers the client with that status; setting one after execution replaces the answer (the operation did
 * happen):
 *
 * <pre>{@code
 * public void onFileRemove(FileRemoveEvent e) {
 *     if (e.beforeExec() && e.path().startsWith("/protected/")) {
 *         e.setStatusCode(SftpStatus.PERMISSION_DENIED, "protected");
 *     }
 * }
 * }</pre>
 *
 * <p>Events are not thread-safe; each is used on the connection's SFTP thread only.
 */
public abstract class FileSystemEvent {
    private final long connectionId;
    private final String user;
    private final SftpOperation operation;
    private final String path;
    private final boolean beforeExec;
    private SftpStatus statusCode;
    private String statusMessage;
    private final Function<String, Path> files;

    /**
     * Creates an event; the server does this, tests may do it to unit-test a listener.
     *
     * @param connectionId the connection the request came on
     * @param user the authenticated user
     * @param operation the request type
     * @param path the path the request names, or the path behind its handle
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution; the outcome after it
     * @param statusMessage the outcome's message, or null
     * @param files resolves a client path as the session that fires the event resolves it (see {@link #file()}),
     *     or null for none (an event a unit test creates)
     */
    protected FileSystemEvent(long connectionId, String user, SftpOperation operation, String path,
            boolean beforeExec, SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        this.connectionId = connectionId;
        this.user = user;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.path = path;
        this.beforeExec = beforeExec;
        this.statusCode = statusCode;
        this.statusMessage = statusMessage;
        this.files = files;
    }

    /**
     * Returns the id of the connection the request came on.
     *
     * @return the connection id, as in {@link io.sftptest.server.SftpConnection#id()}
     */
    public long connectionId() {
        return connectionId;
    }

    /**
     * Returns the authenticated user.
     *
     * @return the user name
     */
    public String user() {
        return user;
    }

    /**
     * Returns the SFTP request behind this event, e.g. {@link SftpOperation#STAT} or
     * {@link SftpOperation#LSTAT} for a {@link GetAttributesEvent}.
     *
     * @return the operation ({@link SftpOperation#EXTENDED} for {@code posix-rename@openssh.com} and
     *         {@code lsetstat@openssh.com})
     */
    public SftpOperation operation() {
        return operation;
    }

    /**
     * Returns the path the request names, as the client sent it, or the path behind the handle it names.
     *
     * @return the path, or null when a handle is unknown
     */
    public String path() {
        return path;
    }

    /**
     * Returns the file {@link #path()} names on the server's filesystem, resolved as the server resolves it
     * (against the user's home directory, inside the user's root), so that a listener can look at what is
     * there before deciding:
     *
     * <pre>{@code
     * public void onFileOpen(FileOpenEvent e) {
     *     if (e.beforeExec() && e.isWriting() && Files.exists(e.file())) {
     *         e.setStatusCode(SftpStatus.PERMISSION_DENIED, "files are never overwritten here");
     *     }
     * }
     * }</pre>
     *
     * <p>Call it while the listener runs, on the thread that fires the event.
     *
     * @return the path on the server's filesystem (the user's view of it when the user has an own root), or
     *         null in virtual mode, for an event no server fired (one a unit test created), and when the path is
     *         missing, malformed or outside what the user may see
     */
    public Path file() {
        return resolve(path);
    }

    /** Resolves another path of the request as {@link #file()} does. */
    Path resolve(String clientPath) {
        return files == null || clientPath == null ? null : files.apply(clientPath);
    }

    /**
     * Returns whether the operation is still to be performed (seed: BeforeExec).
     *
     * @return true before execution, false after it
     */
    public boolean beforeExec() {
        return beforeExec;
    }

    /**
     * Returns the status: before execution, the one a listener set (null when none); after execution, the
     * outcome ({@link SftpStatus#OK} for handle, data, name and attribute replies) or the one a listener set.
     *
     * @return the status, or null
     */
    public SftpStatus statusCode() {
        return statusCode;
    }

    /**
     * Returns the message sent with the status.
     *
     * @return the message, or null for the server's default text
     */
    public String statusMessage() {
        return statusMessage;
    }

    /**
     * Answers the request with a status (seed: StatusCode). Before execution, the operation is skipped;
     * after it, the status replaces the answer. The message is the server's default for the status (or the
     * {@code SFTPErrorMessage} setting).
     *
     * @param status the status to answer
     */
    public void setStatusCode(SftpStatus status) {
        setStatusCode(status, null);
    }

    /**
     * Answers the request with a status and message (seed: StatusCode and SFTPErrorMessage); see
     * {@link #setStatusCode(SftpStatus)}.
     *
     * @param status the status to answer
     * @param message the text clients show, or null for the default
     */
    public void setStatusCode(SftpStatus status, String message) {
        this.statusCode = Objects.requireNonNull(status, "status");
        this.statusMessage = message;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[#" + connectionId + " " + user + " " + operation + " " + path
                + (beforeExec ? " before" : " after") + (statusCode == null ? "" : " " + statusCode)
                + (statusMessage == null ? "" : " (" + statusMessage + ")") + "]";
    }
}
