package io.sftptest.server.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.event.DirListEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileReadEvent;
import io.sftptest.server.event.FileSystemEvent;
import io.sftptest.server.event.GetAttributesEvent;
import io.sftptest.server.event.ResolvePathEvent;
import io.sftptest.server.event.VirtualFile;

/**
 * The "perform" step when the server answers from what listeners supply instead of the filesystem: in virtual
 * mode (no filesystem at all), on handles a listener made up, and where a before event set the value to serve
 * (a handle, a listing, data, attributes, a resolved path). Confined to the session's SFTP thread.
 */
final class VirtualFiles {
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
    private final Predicate<String> minaHandle;
    private final Supplier<Path> defaultDirectory;
    private final Map<String, VirtualHandle> handles = new HashMap<>();
    private long nextHandle = 1;

    /**
     * @param hub the listeners and settings
     * @param minaHandle whether MINA has a handle open under a name
     * @param defaultDirectory the session's initial directory, against which relative paths resolve
     */
    VirtualFiles(EventHub hub, Predicate<String> minaHandle, Supplier<Path> defaultDirectory) {
        this.hub = hub;
        this.minaHandle = minaHandle;
        this.defaultDirectory = defaultDirectory;
    }

    boolean isVirtualHandle(String handle) {
        return handle != null && handles.containsKey(handle);
    }

    String pathOf(String handle) {
        VirtualHandle virtual = handle == null ? null : handles.get(handle);
        return virtual == null ? null : virtual.path;
    }

    boolean isDirectory(String handle) {
        return handles.get(handle).directory;
    }

    /** Returns whether this step, not MINA, performs the request. */
    boolean serves(Exchange exchange) {
        SftpRequest r = exchange.request();
        if (!(hub.hasListeners() || hub.virtual()) || r.malformed() != null) {
            return false;
        }
        if (!FileSystemEvents.hasEvent(r)) {
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

    /** Performs the request from what listeners supplied. */
    void perform(Exchange exchange) {
        SftpRequest r = exchange.request();
        if (!FileSystemEvents.hasEvent(r)) {
            exchange.answer(withoutEvent(r));
            return;
        }
        exchange.virtualOutcome(outcome(r, exchange.beforeEvent()));
    }

    /** READDIR of a virtual listing; in virtual mode, the requests that have no event are refused. */
    private Reply withoutEvent(SftpRequest r) {
        if (r.type() == SftpConstants.SSH_FXP_READDIR) {
            VirtualHandle listing = handles.get(r.handle());
            return listing != null ? readDirectory(listing)
                    : new Reply.Status(SftpStatus.INVALID_HANDLE, "no such handle", true);
        }
        return new Reply.Status(SftpStatus.OP_UNSUPPORTED, SftpConstants.getCommandMessageName(r.type())
                + " is not supported by a server without filesystem (virtual mode)", true);
    }

    private FileSystemEvents.Outcome outcome(SftpRequest r, FileSystemEvent before) {
        VirtualHandle virtual = r.handle() == null ? null : handles.get(r.handle());
        switch (r.type()) {
            case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR -> {
                boolean directory = r.type() == SftpConstants.SSH_FXP_OPENDIR;
                String handle = before instanceof FileOpenEvent e ? e.handle() : null;
                if (handle != null && (handles.containsKey(handle) || minaHandle.test(handle))) {
                    return FileSystemEvents.Outcome.status(SftpStatus.FAILURE,
                            "handle \"" + handle + "\" is already open on this connection");
                }
                List<VirtualFile> entries = before instanceof DirListEvent e ? e.fileList() : null;
                handle = open(r.path(), directory, entries, handle);
                return new FileSystemEvents.Outcome(SftpStatus.OK, null, handle, null, null, null, entries);
            }
            case SftpConstants.SSH_FXP_READ -> {
                byte[] data = before instanceof FileReadEvent e ? e.data() : null;
                data = data == null ? new byte[0] : data;
                return new FileSystemEvents.Outcome(data.length == 0 ? SftpStatus.EOF : SftpStatus.OK, null, null,
                        data, null, null, null);
            }
            case SftpConstants.SSH_FXP_CLOSE -> {
                handles.remove(r.handle());
                return FileSystemEvents.Outcome.status(SftpStatus.OK, null);
            }
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT -> {
                SftpFileAttributes attributes = before instanceof GetAttributesEvent e ? e.attributes() : null;
                if (attributes == null && virtual != null) {
                    attributes = virtual.directory ? SftpFileAttributes.directory()
                            : new SftpFileAttributes(SftpFileAttributes.Type.REGULAR, null, null, null, null, null,
                                    0644, null, null, null);
                }
                if (attributes == null) {
                    return FileSystemEvents.Outcome.status(SftpStatus.NO_SUCH_FILE, "no such file: " + r.path());
                }
                return new FileSystemEvents.Outcome(SftpStatus.OK, null, null, null, attributes, null, null);
            }
            case SftpConstants.SSH_FXP_REALPATH -> {
                String real = before instanceof ResolvePathEvent e ? e.realPath() : null;
                return new FileSystemEvents.Outcome(SftpStatus.OK, null, null, null, null,
                        real != null ? real : normalize(r.path()), null);
            }
            default -> {
                // MKDIR, RMDIR, REMOVE, RENAME, SETSTAT, FSETSTAT, WRITE: accepted, nothing to keep
                return FileSystemEvents.Outcome.status(SftpStatus.OK, null);
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
    String open(String path, boolean directory, List<VirtualFile> entries) {
        return open(path, directory, entries, null);
    }

    private String open(String path, boolean directory, List<VirtualFile> entries, String chosen) {
        String handle = chosen;
        while (handle == null || handles.containsKey(handle) || minaHandle.test(handle)) {
            handle = Long.toString(nextHandle++);
        }
        handles.put(handle, new VirtualHandle(path, directory, entries));
        return handle;
    }

    /** Forgets a virtual handle whose open was answered with an error; returns whether it was one. */
    boolean release(String handle) {
        return handles.remove(handle) != null;
    }

    /** Resolves a path against the session's initial directory and removes "." and "..". */
    String normalize(String path) {
        Path home = defaultDirectory.get();
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
