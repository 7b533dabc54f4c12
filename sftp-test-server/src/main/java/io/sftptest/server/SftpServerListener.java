package io.sftptest.server;

import io.sftptest.server.event.ConnectedEvent;
import io.sftptest.server.event.ConnectionRequestEvent;
import io.sftptest.server.event.DirCreateEvent;
import io.sftptest.server.event.DirListEvent;
import io.sftptest.server.event.DirRemoveEvent;
import io.sftptest.server.event.DisconnectedEvent;
import io.sftptest.server.event.ErrorEvent;
import io.sftptest.server.event.FileCloseEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileReadEvent;
import io.sftptest.server.event.FileRemoveEvent;
import io.sftptest.server.event.FileRenameEvent;
import io.sftptest.server.event.FileWriteEvent;
import io.sftptest.server.event.GetAttributesEvent;
import io.sftptest.server.event.LogEvent;
import io.sftptest.server.event.ResolvePathEvent;
import io.sftptest.server.event.SetAttributesEvent;
import io.sftptest.server.event.SshStatusEvent;
import io.sftptest.server.event.UserAuthRequestEvent;

/**
 * Receives the server's events, one method per event of the seed component; every method does nothing by
 * default, so a listener overrides only what it needs.
 *
 * <pre>{@code
 * server.addListener(new SftpServerListener() {
 *     public void onFileOpen(FileOpenEvent e) {
 *         if (e.beforeExec() && e.path().endsWith(".lock")) {
 *             e.setStatusCode(SftpStatus.PERMISSION_DENIED, "locked");
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p>File-system events ({@link io.sftptest.server.event.FileSystemEvent}) are called twice per request,
 * before and after the operation, on the connection's SFTP thread, in request order; connection and
 * authentication events on MINA's I/O threads. Keep listeners quick: the client waits. A listener that
 * throws does not break the server: the client gets {@code SSH_FX_FAILURE} (or the connection or
 * authentication attempt is refused) and {@link #onError(ErrorEvent)} is called.
 */
public interface SftpServerListener {
    /**
     * A client opens a TCP connection (seed: ConnectionRequest); refuse it with {@code setAccept(false)}.
     *
     * @param event the event
     */
    default void onConnectionRequest(ConnectionRequestEvent event) {
    }

    /**
     * A connection was accepted (seed: Connected).
     *
     * @param event the event
     */
    default void onConnected(ConnectedEvent event) {
    }

    /**
     * A connection closed (seed: Disconnected).
     *
     * @param event the event
     */
    default void onDisconnected(DisconnectedEvent event) {
    }

    /**
     * A client tries to authenticate (seed: SSHUserAuthRequest).
     *
     * @param event the event
     */
    default void onUserAuthRequest(UserAuthRequestEvent event) {
    }

    /**
     * A client creates a directory (seed: DirCreate).
     *
     * @param event the event
     */
    default void onDirCreate(DirCreateEvent event) {
    }

    /**
     * A client opens a directory for listing (seed: DirList).
     *
     * @param event the event
     */
    default void onDirList(DirListEvent event) {
    }

    /**
     * A client deletes a directory (seed: DirRemove).
     *
     * @param event the event
     */
    default void onDirRemove(DirRemoveEvent event) {
    }

    /**
     * A client opens or creates a file (seed: FileOpen).
     *
     * @param event the event
     */
    default void onFileOpen(FileOpenEvent event) {
    }

    /**
     * A client reads from an open file (seed: FileRead).
     *
     * @param event the event
     */
    default void onFileRead(FileReadEvent event) {
    }

    /**
     * A client writes to an open file (seed: FileWrite).
     *
     * @param event the event
     */
    default void onFileWrite(FileWriteEvent event) {
    }

    /**
     * A client closes a file or directory handle (seed: FileClose).
     *
     * @param event the event
     */
    default void onFileClose(FileCloseEvent event) {
    }

    /**
     * A client deletes a file (seed: FileRemove).
     *
     * @param event the event
     */
    default void onFileRemove(FileRemoveEvent event) {
    }

    /**
     * A client renames a file or directory (seed: FileRename).
     *
     * @param event the event
     */
    default void onFileRename(FileRenameEvent event) {
    }

    /**
     * A client asks for attributes (seed: GetAttributes).
     *
     * @param event the event
     */
    default void onGetAttributes(GetAttributesEvent event) {
    }

    /**
     * A client changes attributes (seed: SetAttributes).
     *
     * @param event the event
     */
    default void onSetAttributes(SetAttributesEvent event) {
    }

    /**
     * A client canonicalises a path (seed: ResolvePath).
     *
     * @param event the event
     */
    default void onResolvePath(ResolvePathEvent event) {
    }

    /**
     * A connection made SSH progress (seed: SSHStatus).
     *
     * @param event the event
     */
    default void onSshStatus(SshStatusEvent event) {
    }

    /**
     * The server logged a message at or below the {@code LogLevel} setting (seed: Log).
     *
     * @param event the event
     */
    default void onLog(LogEvent event) {
    }

    /**
     * Something went wrong while serving a connection (seed: Error).
     *
     * @param event the event
     */
    default void onError(ErrorEvent event) {
    }
}
