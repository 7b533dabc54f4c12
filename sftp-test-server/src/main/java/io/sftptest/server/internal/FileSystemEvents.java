package io.sftptest.server.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.event.DirCreateEvent;
import io.sftptest.server.event.DirListEvent;
import io.sftptest.server.event.DirRemoveEvent;
import io.sftptest.server.event.ErrorEvent;
import io.sftptest.server.event.FileCloseEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileReadEvent;
import io.sftptest.server.event.FileRemoveEvent;
import io.sftptest.server.event.FileRenameEvent;
import io.sftptest.server.event.FileSystemEvent;
import io.sftptest.server.event.FileWriteEvent;
import io.sftptest.server.event.GetAttributesEvent;
import io.sftptest.server.event.ResolvePathEvent;
import io.sftptest.server.event.SetAttributesEvent;
import io.sftptest.server.event.VirtualFile;
import io.sftptest.server.internal.RequestPipeline.Exchange;

/**
 * The listeners' steps of the {@link RequestPipeline}: builds the file-system event of a request from its
 * {@link SftpRequest}, fires it before the operation (a status a listener sets is the answer, and the operation
 * is skipped) and after it with the outcome (a status or value a listener changes replaces the answer); and
 * performs the operation instead of MINA where listeners serve the files: in virtual mode (no filesystem at all),
 * on handles a listener made up, and where a before event set the value to serve (a handle, a listing, data,
 * attributes, a resolved path). Confined to the session's SFTP thread.
 */
final class FileSystemEvents {
    /** What an operation yielded, as the after event shows it. */
    record Outcome(SftpStatus status, String message, String handle, byte[] data, SftpFileAttributes attributes,
            String realPath, List<VirtualFile> listing) {
        static Outcome status(SftpStatus status, String message) {
            return new Outcome(status, message, null, null, null, null, null);
        }

        static Outcome of(SftpCodec.ReplyValues values) {
            return new Outcome(values.status(), values.message(), values.handle(), values.data(),
                    values.attributes(), values.realPath(), null);
        }
    }

    private static final String LIMITS = "limits@openssh.com";

    /** A handle the server answers itself: a virtual open or a listing served from a listener. */
    private static final class VirtualHandle {
        final String path;
        final boolean directory;
        final List<VirtualFile> entries;
        int next;

        VirtualHandle(String path, boolean directory, List<VirtualFile> entries) {
            this.path = path;
            this.directory = directory;
            this.entries = entries == null ? List.of() : entries;
        }
    }

    private final EventHub hub;
    private final TestSftpSubsystem sftp;
    private final long connectionId;
    private final String user;
    private final Map<String, VirtualHandle> virtualHandles = new HashMap<>();
    private long nextHandle = 1;

    FileSystemEvents(EventHub hub, TestSftpSubsystem sftp, long connectionId, String user) {
        this.hub = hub;
        this.sftp = sftp;
        this.connectionId = connectionId;
        this.user = user;
    }

    /** Returns whether listeners or virtual mode take part in serving requests at all. */
    boolean active() {
        return hub.hasListeners() || hub.virtual();
    }

    /** Returns whether a request has a file-system event. */
    static boolean hasEvent(SftpRequest request) {
        return switch (request.type()) {
            case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_CLOSE, SftpConstants.SSH_FXP_READ,
                    SftpConstants.SSH_FXP_WRITE, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_STAT,
                    SftpConstants.SSH_FXP_FSTAT, SftpConstants.SSH_FXP_SETSTAT, SftpConstants.SSH_FXP_FSETSTAT,
                    SftpConstants.SSH_FXP_MKDIR, SftpConstants.SSH_FXP_OPENDIR, SftpConstants.SSH_FXP_REMOVE,
                    SftpConstants.SSH_FXP_RMDIR, SftpConstants.SSH_FXP_REALPATH, SftpConstants.SSH_FXP_RENAME -> true;
            case SftpConstants.SSH_FXP_EXTENDED -> SftpRequest.POSIX_RENAME.equals(request.extension())
                    || SftpRequest.LSETSTAT.equals(request.extension());
            default -> false;
        };
    }

    /**
     * Fires the event before the operation.
     *
     * @return whether the operation is performed (false: the exchange has its answer)
     */
    boolean fireBefore(Exchange exchange) {
        if (!active()) {
            return true;
        }
        SftpRequest r = exchange.request();
        if (r.malformed() != null) {
            hub.error(connectionId, ErrorEvent.PROTOCOL_ERROR, "cannot parse SFTP request "
                    + SftpConstants.getCommandMessageName(r.type()) + " id " + r.id() + ": " + r.malformed(),
                    r.malformed());
            return true; // MINA answers it with its own error
        }
        if (!hasEvent(r)) {
            if (hub.logs(2)) {
                hub.log(connectionId, 2, user + " " + SftpConstants.getCommandMessageName(r.type()));
            }
            return true;
        }
        if (hub.logs(2)) {
            hub.log(connectionId, 2, user + " " + r.operation()
                    + (r.extension() != null ? "(" + r.extension() + ")" : "")
                    + (r.path() != null ? " " + r.path() : "")
                    + (r.targetPath() != null ? " -> " + r.targetPath() : ""));
        }
        if (r.handle() != null && !isVirtualHandle(r.handle()) && hub.virtual()) {
            exchange.answer(new Reply.Status(SftpStatus.INVALID_HANDLE, "no such handle", true));
            return false;
        }
        FileSystemEvent before = event(exchange, true, null, null, Outcome.status(null, null));
        RuntimeException thrown = fire(before);
        if (thrown != null) {
            exchange.answer(new Reply.Status(SftpStatus.FAILURE, failureMessage(thrown), true));
            return false;
        }
        if (before.statusCode() != null) {
            exchange.answer(statusReply(before.statusCode(), before.statusMessage()));
            return false;
        }
        exchange.beforeEvent(before);
        return true;
    }

    /** Fires the event after the operation with its outcome, and lets a listener's change decide the answer. */
    void fireAfter(Exchange exchange) {
        if (exchange.beforeEvent() == null) {
            return; // no event was fired before: none after either
        }
        SftpRequest r = exchange.request();
        Outcome outcome = outcome(exchange);
        FileSystemEvent after = event(exchange, false, outcome.status(), outcome.message(), outcome);
        RuntimeException thrown = fire(after);
        if (thrown != null) {
            exchange.answer(new Reply.Status(SftpStatus.FAILURE, failureMessage(thrown), true));
            return;
        }
        if (hub.logs(3)) {
            hub.log(connectionId, 3, user + " " + r.operation() + " " + r.path() + " (request " + r.id()
                    + "): outcome " + outcome.status() + (outcome.message() == null || outcome.message().isEmpty()
                            ? "" : " \"" + outcome.message() + "\"") + ", answered " + after.statusCode());
        }
        boolean changed = !Objects.equals(after.statusCode(), outcome.status())
                || !Objects.equals(after.statusMessage(), outcome.message()) || valueChanged(after, outcome);
        if (!changed && exchange.reply() instanceof Reply.Mina) {
            return; // MINA's reply stands
        }
        exchange.answer(answer(exchange, after, outcome, changed));
    }

    private static String failureMessage(RuntimeException thrown) {
        return "listener failed: " + thrown;
    }

    private Outcome outcome(Exchange exchange) {
        if (exchange.virtualOutcome() != null) {
            return exchange.virtualOutcome();
        }
        if (exchange.reply() instanceof Reply.Mina mina) {
            return Outcome.of(SftpCodec.values(mina.packet(), sftp.getVersion()));
        }
        // MINA answered nothing (cannot happen for these requests); report FAILURE to the listener
        return Outcome.status(SftpStatus.FAILURE, null);
    }

    // ------------------------------------------------------------------ events

    private FileSystemEvent event(Exchange exchange, boolean before, SftpStatus status, String message, Outcome o) {
        SftpRequest r = exchange.request();
        // what a handle names is read before the operation: a close has forgotten it after
        FileSystemEvent first = exchange.beforeEvent();
        String path = first != null ? first.path() : path(r);
        SftpFileAttributes attributes = r.attributes() == null ? SftpFileAttributes.NONE : r.attributes();
        // what file() shows: the path as the server resolves it for this request (null in virtual mode)
        Function<String, Path> files = clientPath -> sftp.resolveQuietly(clientPath, r);
        return switch (r.type()) {
            case SftpConstants.SSH_FXP_MKDIR ->
                new DirCreateEvent(connectionId, user, path, attributes, before, status, message, files);
            case SftpConstants.SSH_FXP_OPENDIR -> new DirListEvent(connectionId, user, path,
                    before ? null : o.listing(), before, status, message, files);
            case SftpConstants.SSH_FXP_RMDIR ->
                new DirRemoveEvent(connectionId, user, path, before, status, message, files);
            case SftpConstants.SSH_FXP_OPEN -> new FileOpenEvent(connectionId, user, path, r.flags(), r.access(),
                    attributes, o.handle(), before, status, message, files);
            case SftpConstants.SSH_FXP_READ -> new FileReadEvent(connectionId, user, path, r.handle(), r.offset(),
                    exchange.transferLength(), o.data(), before, status, message, files);
            case SftpConstants.SSH_FXP_WRITE -> new FileWriteEvent(connectionId, user, path, r.handle(), r.offset(),
                    exchange.writeData(), before, status, message, files);
            case SftpConstants.SSH_FXP_CLOSE -> new FileCloseEvent(connectionId, user, path, r.handle(),
                    first instanceof FileCloseEvent close ? close.directory() : isDirectoryHandle(r.handle()), before,
                    status, message, files);
            case SftpConstants.SSH_FXP_REMOVE -> new FileRemoveEvent(connectionId, user, path, before, status,
                    message, files);
            case SftpConstants.SSH_FXP_RENAME -> new FileRenameEvent(connectionId, user, r.operation(), path,
                    r.targetPath(), r.flags(), before, status, message, files);
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT ->
                new GetAttributesEvent(connectionId, user, r.operation(), path, r.handle(), r.flags(), o.attributes(),
                        before, status, message, files);
            case SftpConstants.SSH_FXP_SETSTAT, SftpConstants.SSH_FXP_FSETSTAT -> new SetAttributesEvent(
                    connectionId, user, r.operation(), path, r.handle(), attributes, before, status, message, files);
            case SftpConstants.SSH_FXP_REALPATH -> new ResolvePathEvent(connectionId, user, path, r.flags(),
                    o.realPath(), before, status, message, files);
            case SftpConstants.SSH_FXP_EXTENDED -> SftpRequest.POSIX_RENAME.equals(r.extension())
                    ? new FileRenameEvent(connectionId, user, r.operation(), path, r.targetPath(), 0, before, status,
                            message, files)
                    : new SetAttributesEvent(connectionId, user, r.operation(), path, null, attributes, before, status,
                            message, files);
            default -> throw new IllegalStateException("no event for packet type " + r.type());
        };
    }

    /** The path an event shows: a handle's is the path the server opened (or the virtual handle's). */
    private String path(SftpRequest r) {
        if (r.handle() == null) {
            return r.path();
        }
        String virtualPath = pathOf(r.handle());
        return virtualPath != null ? virtualPath : sftp.handlePath(r.handle());
    }

    private boolean isDirectoryHandle(String handle) {
        return isVirtualHandle(handle) ? virtualHandles.get(handle).directory : sftp.isDirectoryHandle(handle);
    }

    private RuntimeException fire(FileSystemEvent event) {
        if (!hub.hasListeners()) {
            return null;
        }
        return hub.fire(connectionId, listener -> dispatch(listener, event));
    }

    private static void dispatch(SftpServerListener listener, FileSystemEvent event) {
        if (event instanceof FileReadEvent e) {
            listener.onFileRead(e);
        } else if (event instanceof FileWriteEvent e) {
            listener.onFileWrite(e);
        } else if (event instanceof FileOpenEvent e) {
            listener.onFileOpen(e);
        } else if (event instanceof FileCloseEvent e) {
            listener.onFileClose(e);
        } else if (event instanceof GetAttributesEvent e) {
            listener.onGetAttributes(e);
        } else if (event instanceof ResolvePathEvent e) {
            listener.onResolvePath(e);
        } else if (event instanceof DirListEvent e) {
            listener.onDirList(e);
        } else if (event instanceof DirCreateEvent e) {
            listener.onDirCreate(e);
        } else if (event instanceof DirRemoveEvent e) {
            listener.onDirRemove(e);
        } else if (event instanceof FileRemoveEvent e) {
            listener.onFileRemove(e);
        } else if (event instanceof FileRenameEvent e) {
            listener.onFileRename(e);
        } else if (event instanceof SetAttributesEvent e) {
            listener.onSetAttributes(e);
        }
    }

    private static boolean valueChanged(FileSystemEvent after, Outcome o) {
        if (after instanceof FileReadEvent e) {
            return e.data() != o.data();
        }
        if (after instanceof GetAttributesEvent e) {
            return !Objects.equals(e.attributes(), o.attributes());
        }
        if (after instanceof ResolvePathEvent e) {
            return !Objects.equals(e.realPath(), o.realPath());
        }
        return false;
    }

    // ------------------------------------------------------------------ answers

    /** Returns the answer the after event asks for. */
    private Reply answer(Exchange exchange, FileSystemEvent after, Outcome o, boolean changed) {
        SftpRequest r = exchange.request();
        SftpStatus status = after.statusCode();
        if (status != SftpStatus.OK) {
            return statusReply(status, after.statusMessage());
        }
        return switch (r.type()) {
            case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR -> new Reply.Handle(o.handle() != null
                    ? o.handle()
                    // a listener turned a failed open into success: the open becomes virtual
                    : openVirtually(r.path(), r.type() == SftpConstants.SSH_FXP_OPENDIR, null));
            case SftpConstants.SSH_FXP_READ -> {
                byte[] data = ((FileReadEvent) after).data();
                yield data == null || data.length == 0 ? new Reply.Status(SftpStatus.EOF, "end of file", false)
                        : new Reply.Data(data, Math.min(data.length, exchange.transferLength()));
            }
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT -> {
                SftpFileAttributes attributes = ((GetAttributesEvent) after).attributes();
                yield new Reply.Attributes(attributes == null ? SftpFileAttributes.NONE : attributes);
            }
            case SftpConstants.SSH_FXP_REALPATH -> {
                String real = ((ResolvePathEvent) after).realPath();
                yield new Reply.Names(List.of(real != null ? real : normalize(r.path())),
                        List.of(SftpFileAttributes.NONE), false);
            }
            default -> new Reply.Status(SftpStatus.OK, after.statusMessage(), changed);
        };
    }

    /**
     * Answers a status a listener set. A missing message is, in this order: the SFTPErrorMessage setting,
     * the builder's message for the status, the status's default text.
     */
    private Reply statusReply(SftpStatus status, String message) {
        if (message != null) {
            return new Reply.Status(status, message, true);
        }
        String configured = status == SftpStatus.OK || status == SftpStatus.EOF ? null
                : hub.settings().sftpErrorMessage();
        if (configured != null) {
            return new Reply.Status(status, configured, true);
        }
        return new Reply.Status(status, SftpHelper.resolveStatusMessage(status.code()), false);
    }

    // ------------------------------------------------------------------ virtual mode: listeners serve the files

    boolean isVirtualHandle(String handle) {
        return handle != null && virtualHandles.containsKey(handle);
    }

    String pathOf(String handle) {
        VirtualHandle virtual = handle == null ? null : virtualHandles.get(handle);
        return virtual == null ? null : virtual.path;
    }

    /**
     * Returns whether the listeners, not MINA, perform the request: in virtual mode, on a handle a listener made
     * up, or where the before event set the value to serve.
     */
    boolean performsVirtually(Exchange exchange) {
        SftpRequest r = exchange.request();
        if (!active() || r.malformed() != null) {
            return false;
        }
        if (exchange.beforeEvent() == null) { // a request without event
            if (r.type() == SftpConstants.SSH_FXP_READDIR) {
                return isVirtualHandle(r.handle()) || hub.virtual();
            }
            return hub.virtual() && !LIMITS.equals(r.extension());
        }
        return hub.virtual() || isVirtualHandle(r.handle()) || suppliesValue(exchange.beforeEvent());
    }

    /** Whether a listener set, before the operation, the value the server is to answer. */
    private static boolean suppliesValue(FileSystemEvent before) {
        if (before instanceof FileOpenEvent e) {
            return e.handle() != null;
        }
        if (before instanceof DirListEvent e) {
            return e.fileList() != null;
        }
        if (before instanceof FileReadEvent e) {
            return e.data() != null;
        }
        if (before instanceof GetAttributesEvent e) {
            return e.attributes() != null;
        }
        if (before instanceof ResolvePathEvent e) {
            return e.realPath() != null;
        }
        return false;
    }

    /** Performs the request from what listeners supplied instead of the filesystem. */
    void performVirtually(Exchange exchange) {
        SftpRequest r = exchange.request();
        if (exchange.beforeEvent() == null) {
            exchange.answer(withoutEvent(r));
            return;
        }
        exchange.virtualOutcome(virtualOutcome(r, exchange.beforeEvent()));
    }

    /** READDIR of a virtual listing; in virtual mode, the requests that have no event are refused. */
    private Reply withoutEvent(SftpRequest r) {
        if (r.type() == SftpConstants.SSH_FXP_READDIR) {
            VirtualHandle listing = virtualHandles.get(r.handle());
            return listing != null ? readDirectory(listing)
                    : new Reply.Status(SftpStatus.INVALID_HANDLE, "no such handle", true);
        }
        return new Reply.Status(SftpStatus.OP_UNSUPPORTED, SftpConstants.getCommandMessageName(r.type())
                + " is not supported by a server without filesystem (virtual mode)", true);
    }

    private Outcome virtualOutcome(SftpRequest r, FileSystemEvent before) {
        VirtualHandle virtual = r.handle() == null ? null : virtualHandles.get(r.handle());
        switch (r.type()) {
            case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR -> {
                boolean directory = r.type() == SftpConstants.SSH_FXP_OPENDIR;
                String handle = before instanceof FileOpenEvent e ? e.handle() : null;
                if (handle != null && (virtualHandles.containsKey(handle) || sftp.isOpenHandle(handle))) {
                    return Outcome.status(SftpStatus.FAILURE,
                            "handle \"" + handle + "\" is already open on this connection");
                }
                List<VirtualFile> entries = before instanceof DirListEvent e ? e.fileList() : null;
                handle = openVirtually(r.path(), directory, entries, handle);
                return new Outcome(SftpStatus.OK, null, handle, null, null, null, entries);
            }
            case SftpConstants.SSH_FXP_READ -> {
                byte[] data = before instanceof FileReadEvent e ? e.data() : null;
                data = data == null ? new byte[0] : data;
                return new Outcome(data.length == 0 ? SftpStatus.EOF : SftpStatus.OK, null, null,
                        data, null, null, null);
            }
            case SftpConstants.SSH_FXP_CLOSE -> {
                virtualHandles.remove(r.handle());
                return Outcome.status(SftpStatus.OK, null);
            }
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT -> {
                SftpFileAttributes attributes = before instanceof GetAttributesEvent e ? e.attributes() : null;
                if (attributes == null && virtual != null) {
                    attributes = virtual.directory ? SftpFileAttributes.directory()
                            : new SftpFileAttributes(SftpFileAttributes.Type.REGULAR, null, null, null, null, null,
                                    0644, null, null, null);
                }
                if (attributes == null) {
                    return Outcome.status(SftpStatus.NO_SUCH_FILE, "no such file: " + r.path());
                }
                return new Outcome(SftpStatus.OK, null, null, null, attributes, null, null);
            }
            case SftpConstants.SSH_FXP_REALPATH -> {
                String real = before instanceof ResolvePathEvent e ? e.realPath() : null;
                return new Outcome(SftpStatus.OK, null, null, null, null,
                        real != null ? real : normalize(r.path()), null);
            }
            default -> {
                // MKDIR, RMDIR, REMOVE, RENAME, SETSTAT, FSETSTAT, WRITE: accepted, nothing to keep
                return Outcome.status(SftpStatus.OK, null);
            }
        }
    }

    /**
     * Opens a virtual handle.
     *
     * @param path the path it is opened on
     * @param directory whether it lists a directory
     * @param entries the listing, or null
     * @return the handle: the next free number, as the seed numbers them
     */
    String openVirtually(String path, boolean directory, List<VirtualFile> entries) {
        return openVirtually(path, directory, entries, null);
    }

    private String openVirtually(String path, boolean directory, List<VirtualFile> entries, String chosen) {
        String handle = chosen;
        while (handle == null || virtualHandles.containsKey(handle) || sftp.isOpenHandle(handle)) {
            handle = Long.toString(nextHandle++);
        }
        virtualHandles.put(handle, new VirtualHandle(path, directory, entries));
        return handle;
    }

    /** Forgets a virtual handle whose open was answered with an error; returns whether it was one. */
    boolean releaseVirtual(String handle) {
        return virtualHandles.remove(handle) != null;
    }

    /** Resolves a path against the session's initial directory and removes "." and "..". */
    private String normalize(String path) {
        Path home = sftp.getDefaultDirectory();
        String base = home == null ? "/" : home.toString();
        String absolute = path == null || path.isEmpty() || path.equals(".") ? base
                : path.startsWith("/") ? path : base + "/" + path;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : absolute.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private Reply readDirectory(VirtualHandle listing) {
        if (listing.next >= listing.entries.size()) {
            return new Reply.Status(SftpStatus.EOF, "end of directory listing", false);
        }
        int end = Math.min(listing.entries.size(), listing.next + Math.max(1, hub.settings().dirListBufferSize()));
        List<VirtualFile> chunk = listing.entries.subList(listing.next, end);
        listing.next = end;
        return new Reply.Names(chunk.stream().map(VirtualFile::name).toList(),
                chunk.stream().map(VirtualFile::attributes).toList(), listing.next >= listing.entries.size());
    }
}
