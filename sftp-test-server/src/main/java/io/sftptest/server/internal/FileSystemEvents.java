package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.event.DirCreateEvent;
import io.sftptest.server.event.DirListEvent;
import io.sftptest.server.event.DirRemoveEvent;
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
import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.event.VirtualFile;

/**
 * Fires the file-system events of one SFTP session around MINA's processing, and serves what listeners
 * supply instead of the filesystem (virtual mode, virtual handles). Confined to the session's SFTP thread.
 *
 * <p>Per request: fire before; a status set → answer it, skip the operation. Otherwise execute (MINA, with
 * its reply captured, or the virtual handlers), fire after with the outcome; answer the captured reply
 * unless a listener changed the status or the served value.
 */
final class FileSystemEvents {
    private static final String POSIX_RENAME = "posix-rename@openssh.com";
    private static final String LSETSTAT = "lsetstat@openssh.com";
    private static final String LIMITS = "limits@openssh.com";

    private final TestSftpSubsystem sftp;
    private final EventHub hub;
    private final long connectionId;
    private final String user;
    private final Map<String, VirtualHandle> virtualHandles = new HashMap<>();
    private long nextHandle = 1;

    FileSystemEvents(TestSftpSubsystem sftp, EventHub hub, long connectionId, String user) {
        this.sftp = sftp;
        this.hub = hub;
        this.connectionId = connectionId;
        this.user = user;
    }

    /** What the request asks, read before MINA reuses the buffer for its reply. */
    private static final class Request {
        int type;
        int id;
        SftpOperation operation;
        String extension;
        String path;
        String newPath;
        String handle;
        int flags;
        int access;
        long offset;
        int length;
        byte[] data;
        SftpFileAttributes attributes;
        VirtualHandle virtual;
        boolean directoryHandle;
    }

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

    /** The result of executing a request. */
    private static final class Outcome {
        SftpStatus status;
        String message;
        Buffer captured;
        String handle;
        byte[] data;
        SftpFileAttributes attributes;
        String realPath;
        List<VirtualFile> virtualListing;
    }

    void process(Buffer buffer, int length, int type, int id) throws IOException {
        Request request;
        try {
            request = parse(buffer, type, id);
        } catch (RuntimeException malformed) {
            hub.error(connectionId, io.sftptest.server.event.ErrorEvent.PROTOCOL_ERROR,
                    "cannot parse SFTP request " + SftpConstants.getCommandMessageName(type) + " id " + id + ": "
                            + malformed, malformed);
            sftp.minaProcess(buffer, length, type, id);
            return;
        }
        if (request == null) {
            if (hub.logs(2)) {
                hub.log(connectionId, 2, user + " " + SftpConstants.getCommandMessageName(type));
            }
            passThrough(buffer, length, type, id);
            return;
        }
        if (hub.logs(2)) {
            hub.log(connectionId, 2, user + " " + request.operation
                    + (request.extension != null ? "(" + request.extension + ")" : "")
                    + (request.path != null ? " " + request.path : "")
                    + (request.newPath != null ? " -> " + request.newPath : ""));
        }
        if (request.handle != null && request.virtual == null && hub.virtual()) {
            sftp.replyStatus(buffer, id, SftpStatus.INVALID_HANDLE, "no such handle", true);
            return;
        }
        FileSystemEvent before = event(request, true, null, null, new Outcome());
        RuntimeException thrown = fire(before);
        if (thrown != null) {
            sftp.replyStatus(buffer, id, SftpStatus.FAILURE, failureMessage(thrown), true);
            return;
        }
        if (before.statusCode() != null) {
            replyStatus(buffer, id, before.statusCode(), before.statusMessage());
            return;
        }
        Outcome outcome = execute(buffer, length, request, before);
        FileSystemEvent after = event(request, false, outcome.status, outcome.message, outcome);
        thrown = fire(after);
        if (thrown != null) {
            release(outcome);
            sftp.replyStatus(buffer, id, SftpStatus.FAILURE, failureMessage(thrown), true);
            return;
        }
        if (hub.logs(3)) {
            hub.log(connectionId, 3, user + " " + request.operation + " " + request.path + " (request " + id
                    + "): outcome " + outcome.status + (outcome.message == null || outcome.message.isEmpty() ? ""
                            : " \"" + outcome.message + "\"") + ", answered " + after.statusCode());
        }
        boolean changed = !Objects.equals(after.statusCode(), outcome.status)
                || !Objects.equals(after.statusMessage(), outcome.message) || valueChanged(after, outcome);
        if (!changed && outcome.captured != null) {
            sftp.sendCaptured(outcome.captured);
            return;
        }
        if (after.statusCode() != SftpStatus.OK) {
            release(outcome);
        }
        answer(buffer, request, after, outcome, changed);
    }

    private static String failureMessage(RuntimeException thrown) {
        return "listener failed: " + thrown;
    }

    // ------------------------------------------------------------------ parsing

    private Request parse(Buffer buffer, int type, int id) {
        int rpos = buffer.rpos();
        try {
            return parseFields(buffer, type, id);
        } finally {
            buffer.rpos(rpos);
        }
    }

    private Request parseFields(Buffer buffer, int type, int id) {
        int version = sftp.getVersion();
        Request r = new Request();
        r.type = type;
        r.id = id;
        r.operation = SftpOperation.fromPacketType(type);
        switch (type) {
            case SftpConstants.SSH_FXP_OPEN -> {
                r.path = utf8(buffer);
                if (version >= SftpConstants.SFTP_V5) {
                    r.access = buffer.getInt();
                    if (r.access == 0) { // what MINA then opens the file with
                        r.access = SftpConstants.ACE4_READ_DATA | SftpConstants.ACE4_READ_ATTRIBUTES;
                    }
                }
                r.flags = buffer.getInt();
                r.attributes = Attributes.peek(buffer, version);
            }
            case SftpConstants.SSH_FXP_CLOSE -> handle(buffer, r);
            case SftpConstants.SSH_FXP_READ -> {
                handle(buffer, r);
                r.offset = buffer.getLong();
                r.length = (int) Math.min(Integer.MAX_VALUE, buffer.getUInt());
            }
            case SftpConstants.SSH_FXP_WRITE -> {
                handle(buffer, r);
                r.offset = buffer.getLong();
                r.data = buffer.getBytes();
                r.length = r.data.length;
            }
            case SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_STAT -> {
                r.path = utf8(buffer);
                r.flags = version >= SftpConstants.SFTP_V4 && buffer.available() >= Integer.BYTES ? buffer.getInt() : 0;
            }
            case SftpConstants.SSH_FXP_FSTAT -> {
                handle(buffer, r);
                r.flags = version >= SftpConstants.SFTP_V4 && buffer.available() >= Integer.BYTES ? buffer.getInt() : 0;
            }
            case SftpConstants.SSH_FXP_SETSTAT, SftpConstants.SSH_FXP_MKDIR -> {
                r.path = utf8(buffer);
                r.attributes = Attributes.peek(buffer, version);
            }
            case SftpConstants.SSH_FXP_FSETSTAT -> {
                handle(buffer, r);
                r.attributes = Attributes.peek(buffer, version);
            }
            case SftpConstants.SSH_FXP_OPENDIR, SftpConstants.SSH_FXP_REMOVE, SftpConstants.SSH_FXP_RMDIR ->
                r.path = utf8(buffer);
            case SftpConstants.SSH_FXP_REALPATH -> {
                r.path = utf8(buffer);
                r.flags = version >= SftpConstants.SFTP_V6 && buffer.available() > 0 ? buffer.getUByte() : 0;
            }
            case SftpConstants.SSH_FXP_RENAME -> {
                r.path = utf8(buffer);
                r.newPath = utf8(buffer);
                r.flags = version >= SftpConstants.SFTP_V5 && buffer.available() >= Integer.BYTES ? buffer.getInt() : 0;
            }
            case SftpConstants.SSH_FXP_EXTENDED -> {
                r.extension = buffer.getString();
                if (POSIX_RENAME.equals(r.extension)) {
                    r.path = utf8(buffer);
                    r.newPath = utf8(buffer);
                } else if (LSETSTAT.equals(r.extension)) {
                    r.path = utf8(buffer);
                    r.attributes = Attributes.peek(buffer, version);
                } else {
                    return null;
                }
            }
            default -> {
                return null;
            }
        }
        return r;
    }

    private void handle(Buffer buffer, Request r) {
        r.handle = buffer.getString(StandardCharsets.ISO_8859_1);
        r.virtual = virtualHandles.get(r.handle);
        if (r.virtual != null) {
            r.path = r.virtual.path;
            r.directoryHandle = r.virtual.directory;
        } else {
            r.path = sftp.handlePath(r.handle);
            r.directoryHandle = sftp.isDirectoryHandle(r.handle);
        }
    }

    private static String utf8(Buffer buffer) {
        return buffer.getString(StandardCharsets.UTF_8);
    }

    /** Requests without an event: READDIR of a virtual listing, the rest to MINA (or refused in virtual mode). */
    private void passThrough(Buffer buffer, int length, int type, int id) throws IOException {
        if (type == SftpConstants.SSH_FXP_READDIR) {
            int rpos = buffer.rpos();
            String handle = buffer.getString(StandardCharsets.ISO_8859_1);
            buffer.rpos(rpos);
            VirtualHandle listing = virtualHandles.get(handle);
            if (listing != null) {
                readDirectory(buffer, id, listing);
                return;
            }
            if (hub.virtual()) {
                sftp.replyStatus(buffer, id, SftpStatus.INVALID_HANDLE, "no such handle", true);
                return;
            }
        } else if (hub.virtual() && !isHarmless(buffer, type)) {
            sftp.replyStatus(buffer, id, SftpStatus.OP_UNSUPPORTED, SftpConstants.getCommandMessageName(type)
                    + " is not supported by a server without filesystem (virtual mode)", true);
            return;
        }
        sftp.minaProcess(buffer, length, type, id);
    }

    private static boolean isHarmless(Buffer buffer, int type) {
        if (type != SftpConstants.SSH_FXP_EXTENDED) {
            return false;
        }
        int rpos = buffer.rpos();
        String extension = buffer.getString();
        buffer.rpos(rpos);
        return LIMITS.equals(extension);
    }

    // ------------------------------------------------------------------ events

    private FileSystemEvent event(Request r, boolean before, SftpStatus status, String message, Outcome o) {
        return switch (r.type) {
            case SftpConstants.SSH_FXP_MKDIR ->
                new DirCreateEvent(connectionId, user, r.path, r.attributes, before, status, message);
            case SftpConstants.SSH_FXP_OPENDIR -> new DirListEvent(connectionId, user, r.path,
                    before ? null : o.virtualListing, before, status, message);
            case SftpConstants.SSH_FXP_RMDIR -> new DirRemoveEvent(connectionId, user, r.path, before, status, message);
            case SftpConstants.SSH_FXP_OPEN -> new FileOpenEvent(connectionId, user, r.path, r.flags, r.access,
                    r.attributes, o.handle, before, status, message);
            case SftpConstants.SSH_FXP_READ -> new FileReadEvent(connectionId, user, r.path, r.handle, r.offset,
                    r.length, o.data, before, status, message);
            case SftpConstants.SSH_FXP_WRITE -> new FileWriteEvent(connectionId, user, r.path, r.handle, r.offset,
                    r.data, before, status, message);
            case SftpConstants.SSH_FXP_CLOSE -> new FileCloseEvent(connectionId, user, r.path, r.handle,
                    r.directoryHandle, before, status, message);
            case SftpConstants.SSH_FXP_REMOVE -> new FileRemoveEvent(connectionId, user, r.path, before, status, message);
            case SftpConstants.SSH_FXP_RENAME -> new FileRenameEvent(connectionId, user, r.operation, r.path,
                    r.newPath, r.flags, before, status, message);
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT ->
                new GetAttributesEvent(connectionId, user, r.operation, r.path, r.handle, r.flags, o.attributes,
                        before, status, message);
            case SftpConstants.SSH_FXP_SETSTAT, SftpConstants.SSH_FXP_FSETSTAT -> new SetAttributesEvent(
                    connectionId, user, r.operation, r.path, r.handle, r.attributes, before, status, message);
            case SftpConstants.SSH_FXP_REALPATH -> new ResolvePathEvent(connectionId, user, r.path, r.flags,
                    o.realPath, before, status, message);
            case SftpConstants.SSH_FXP_EXTENDED -> POSIX_RENAME.equals(r.extension)
                    ? new FileRenameEvent(connectionId, user, r.operation, r.path, r.newPath, 0, before, status,
                            message)
                    : new SetAttributesEvent(connectionId, user, r.operation, r.path, null, r.attributes, before,
                            status, message);
            default -> throw new IllegalStateException("no event for packet type " + r.type);
        };
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

    // ------------------------------------------------------------------ execution

    private Outcome execute(Buffer buffer, int length, Request r, FileSystemEvent before) throws IOException {
        if (isVirtual(r, before)) {
            return executeVirtually(r, before);
        }
        Outcome o = new Outcome();
        o.captured = sftp.minaCaptured(buffer, length, r.type, r.id);
        if (o.captured == null) {
            // MINA answered nothing (cannot happen for these requests); report FAILURE to the listener
            o.status = SftpStatus.FAILURE;
            return o;
        }
        decode(o.captured, r, o);
        return o;
    }

    private boolean isVirtual(Request r, FileSystemEvent before) {
        if (hub.virtual() || r.virtual != null) {
            return true;
        }
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

    private Outcome executeVirtually(Request r, FileSystemEvent before) {
        Outcome o = new Outcome();
        o.status = SftpStatus.OK;
        switch (r.type) {
            case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR -> {
                boolean directory = r.type == SftpConstants.SSH_FXP_OPENDIR;
                String handle = before instanceof FileOpenEvent e ? e.handle() : null;
                if (handle == null) {
                    handle = newVirtualHandle();
                } else if (virtualHandles.containsKey(handle) || sftp.isOpenHandle(handle)) {
                    o.status = SftpStatus.FAILURE;
                    o.message = "handle \"" + handle + "\" is already open on this connection";
                    return o;
                }
                List<VirtualFile> entries = before instanceof DirListEvent e ? e.fileList() : null;
                virtualHandles.put(handle, new VirtualHandle(r.path, directory, entries));
                o.handle = handle;
                o.virtualListing = entries;
            }
            case SftpConstants.SSH_FXP_READ -> {
                byte[] data = before instanceof FileReadEvent e ? e.data() : null;
                o.data = data == null ? new byte[0] : data;
                if (o.data.length == 0) {
                    o.status = SftpStatus.EOF;
                }
            }
            case SftpConstants.SSH_FXP_CLOSE -> virtualHandles.remove(r.handle);
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT -> {
                o.attributes = before instanceof GetAttributesEvent e ? e.attributes() : null;
                if (o.attributes == null && r.virtual != null) {
                    o.attributes = r.virtual.directory ? SftpFileAttributes.directory()
                            : new SftpFileAttributes(SftpFileAttributes.Type.REGULAR, null, null, null, null, null,
                                    0644, null, null, null);
                }
                if (o.attributes == null) {
                    o.status = SftpStatus.NO_SUCH_FILE;
                    o.message = "no such file: " + r.path;
                }
            }
            case SftpConstants.SSH_FXP_REALPATH -> {
                String real = before instanceof ResolvePathEvent e ? e.realPath() : null;
                o.realPath = real != null ? real : normalize(r.path);
            }
            default -> {
                // MKDIR, RMDIR, REMOVE, RENAME, SETSTAT, FSETSTAT, WRITE: accepted, nothing to keep
            }
        }
        return o;
    }

    /** Returns the next free numeric handle, as the seed numbers them. */
    private String newVirtualHandle() {
        String handle;
        do {
            handle = Long.toString(nextHandle++);
        } while (virtualHandles.containsKey(handle) || sftp.isOpenHandle(handle));
        return handle;
    }

    private String normalize(String path) {
        String base = sftp.getDefaultDirectory() == null ? "/" : sftp.getDefaultDirectory().toString();
        String absolute = path == null || path.isEmpty() || path.equals(".") ? base
                : path.startsWith("/") ? path : base + "/" + path;
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
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

    /** Reads the outcome of MINA's captured reply. */
    private void decode(Buffer reply, Request r, Outcome o) {
        byte[] data = reply.array();
        int start = reply.rpos();
        int type = data[start + Integer.BYTES] & 0xFF;
        int payload = start + Integer.BYTES + 1 + Integer.BYTES;
        Buffer view = new org.apache.sshd.common.util.buffer.ByteArrayBuffer(data, payload, reply.wpos() - payload);
        o.status = SftpStatus.OK;
        switch (type) {
            case SftpConstants.SSH_FXP_STATUS -> {
                int code = view.getInt();
                o.status = code >= 0 && code <= SftpStatus.NO_MATCHING_BYTE_RANGE_LOCK.code()
                        ? SftpStatus.fromCode(code) : SftpStatus.FAILURE;
                o.message = view.available() >= Integer.BYTES ? view.getString() : null;
            }
            case SftpConstants.SSH_FXP_HANDLE -> o.handle = view.getString(StandardCharsets.ISO_8859_1);
            case SftpConstants.SSH_FXP_DATA -> o.data = view.getBytes();
            case SftpConstants.SSH_FXP_ATTRS -> o.attributes = Attributes.peek(view, sftp.getVersion());
            case SftpConstants.SSH_FXP_NAME -> {
                view.getInt(); // count
                o.realPath = view.getString(StandardCharsets.UTF_8);
            }
            default -> {
                // other replies carry nothing the events show
            }
        }
    }

    private static boolean valueChanged(FileSystemEvent after, Outcome o) {
        if (after instanceof FileReadEvent e) {
            return e.data() != o.data;
        }
        if (after instanceof GetAttributesEvent e) {
            return !Objects.equals(e.attributes(), o.attributes);
        }
        if (after instanceof ResolvePathEvent e) {
            return !Objects.equals(e.realPath(), o.realPath);
        }
        return false;
    }

    /** Closes what an operation opened when its answer is replaced by an error. */
    private void release(Outcome o) {
        if (o.handle == null) {
            return;
        }
        if (virtualHandles.remove(o.handle) == null) {
            sftp.closeHandleQuietly(o.handle);
        }
    }

    // ------------------------------------------------------------------ answers

    private void answer(Buffer buffer, Request r, FileSystemEvent after, Outcome o, boolean changed)
            throws IOException {
        SftpStatus status = after.statusCode();
        int id = r.id;
        if (status != SftpStatus.OK) {
            replyStatus(buffer, id, status, after.statusMessage());
            return;
        }
        switch (r.type) {
            case SftpConstants.SSH_FXP_OPEN, SftpConstants.SSH_FXP_OPENDIR -> {
                String handle = o.handle;
                if (handle == null) {
                    // a listener turned a failed open into success: the open becomes virtual
                    handle = newVirtualHandle();
                    virtualHandles.put(handle, new VirtualHandle(r.path, r.type == SftpConstants.SSH_FXP_OPENDIR,
                            null));
                }
                sftp.replyHandle(buffer, id, handle);
            }
            case SftpConstants.SSH_FXP_READ -> {
                byte[] data = ((FileReadEvent) after).data();
                if (data == null || data.length == 0) {
                    sftp.replyStatus(buffer, id, SftpStatus.EOF, "end of file", false);
                } else {
                    sftp.replyData(buffer, id, data, Math.min(data.length, r.length));
                }
            }
            case SftpConstants.SSH_FXP_STAT, SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_FSTAT -> {
                SftpFileAttributes attributes = ((GetAttributesEvent) after).attributes();
                sftp.replyAttrs(buffer, id, Attributes.toMina(attributes == null ? SftpFileAttributes.NONE : attributes));
            }
            case SftpConstants.SSH_FXP_REALPATH -> {
                String real = ((ResolvePathEvent) after).realPath();
                if (real == null) {
                    real = normalize(r.path);
                }
                sftp.replyNames(buffer, id, List.of(real), List.of(SftpFileAttributes.NONE), false);
            }
            default -> sftp.replyStatus(buffer, id, SftpStatus.OK, after.statusMessage(), changed);
        }
    }

    /**
     * Answers a status a listener set. A missing message is, in this order: the SFTPErrorMessage setting,
     * the builder's message for the status, the status's default text.
     */
    private void replyStatus(Buffer buffer, int id, SftpStatus status, String message) throws IOException {
        if (message != null) {
            sftp.replyStatus(buffer, id, status, message, true);
            return;
        }
        String configured = status == SftpStatus.OK || status == SftpStatus.EOF ? null
                : hub.settings().sftpErrorMessage();
        if (configured != null) {
            sftp.replyStatus(buffer, id, status, configured, true);
        } else {
            sftp.replyStatus(buffer, id, status, SftpHelper.resolveStatusMessage(status.code()), false);
        }
    }

    private void readDirectory(Buffer buffer, int id, VirtualHandle listing) throws IOException {
        if (listing.next >= listing.entries.size()) {
            sftp.replyStatus(buffer, id, SftpStatus.EOF, "end of directory listing", false);
            return;
        }
        int end = Math.min(listing.entries.size(), listing.next + Math.max(1, hub.settings().dirListBufferSize()));
        List<VirtualFile> chunk = listing.entries.subList(listing.next, end);
        listing.next = end;
        sftp.replyNames(buffer, id, chunk.stream().map(VirtualFile::name).toList(),
                chunk.stream().map(VirtualFile::attributes).toList(), listing.next >= listing.entries.size());
    }

    @Override
    public String toString() {
        return "FileSystemEvents[#" + connectionId + " " + user + " " + Arrays.toString(
                virtualHandles.keySet().toArray()) + "]";
    }
}
