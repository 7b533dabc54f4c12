package io.sftptest.server.internal;

import java.util.List;
import java.util.Objects;

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

/**
 * The "listeners before" and "listeners after" steps of the {@link RequestPipeline}: builds the file-system
 * event of a request from its {@link SftpRequest}, fires it before the operation (a status a listener sets is
 * the answer, and the operation is skipped) and after it with the outcome (a status or value a listener
 * changes replaces the answer). Confined to the session's SFTP thread.
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

    private final EventHub hub;
    private final TestSftpSubsystem sftp;
    private final VirtualFiles virtual;
    private final long connectionId;
    private final String user;

    FileSystemEvents(EventHub hub, TestSftpSubsystem sftp, VirtualFiles virtual, long connectionId, String user) {
        this.hub = hub;
        this.sftp = sftp;
        this.virtual = virtual;
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
    boolean before(Exchange exchange) {
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
        if (r.handle() != null && !virtual.isVirtualHandle(r.handle()) && hub.virtual()) {
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
    void after(Exchange exchange) {
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
        return switch (r.type()) {
            case SftpConstants.SSH_FXP_MKDIR ->
                new DirCreateEvent(connectionId, user, path, attributes, before, status, message);
            case SftpConstants.SSH_FXP_OPENDIR -> new DirListEvent(connectionId, user, path,
                    before ? null : o.listing(), before, status, message);
            case SftpConstants.SSH_FXP_RMDIR -> new DirRemoveEvent(connectionId, user, path, before, status, message);
            case SftpConstants.SSH_FXP_OPEN -> new FileOpenEvent(connectionId, user, path, r.flags(), r.access(),
                    attributes, o.handle(), before, status, message);
            case SftpConstants.SSH_FXP_READ -> new FileReadEvent(connectionId, user, path, r.handle(), r.offset(),
                    exchange.transferLength(), o.data(), before, status, message);
            case SftpConstants.SSH_FXP_WRITE -> new FileWriteEvent(connectionId, user, path, r.handle(), r.offset(),
                    exchange.writeData(), before, status, message);
            case SftpConstants.SSH_FXP_CLOSE -> new FileCloseEvent(connectionId, user, path, r.handle(),
                    first instanceof FileCloseEvent close ? close.directory() : isDirectoryHandle(r.handle()), before,
                    status, message);
            case SftpConstants.SSH_FXP_REMOVE -> new FileRemoveEvent(connectionId, user, path, before, status,
                    message);
            case SftpConstants.SSH_FXP_RENAME -> new FileRenameEvent(connectionId, user, r.operation(), path,
                    r.targetPath(), r.flags(), before, status, message);
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT ->
                new GetAttributesEvent(connectionId, user, r.operation(), path, r.handle(), r.flags(), o.attributes(),
                        before, status, message);
            case SftpConstants.SSH_FXP_SETSTAT, SftpConstants.SSH_FXP_FSETSTAT -> new SetAttributesEvent(
                    connectionId, user, r.operation(), path, r.handle(), attributes, before, status, message);
            case SftpConstants.SSH_FXP_REALPATH -> new ResolvePathEvent(connectionId, user, path, r.flags(),
                    o.realPath(), before, status, message);
            case SftpConstants.SSH_FXP_EXTENDED -> SftpRequest.POSIX_RENAME.equals(r.extension())
                    ? new FileRenameEvent(connectionId, user, r.operation(), path, r.targetPath(), 0, before, status,
                            message)
                    : new SetAttributesEvent(connectionId, user, r.operation(), path, null, attributes, before,
                            status, message);
            default -> throw new IllegalStateException("no event for packet type " + r.type());
        };
    }

    /** The path an event shows: a handle's is the path the server opened (or the virtual handle's). */
    private String path(SftpRequest r) {
        if (r.handle() == null) {
            return r.path();
        }
        String virtualPath = virtual.pathOf(r.handle());
        return virtualPath != null ? virtualPath : sftp.handlePath(r.handle());
    }

    private boolean isDirectoryHandle(String handle) {
        return virtual.isVirtualHandle(handle) ? virtual.isDirectory(handle) : sftp.isDirectoryHandle(handle);
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
                    : virtual.open(r.path(), r.type() == SftpConstants.SSH_FXP_OPENDIR, null));
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
                yield new Reply.Names(List.of(real != null ? real : virtual.normalize(r.path())),
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
}
