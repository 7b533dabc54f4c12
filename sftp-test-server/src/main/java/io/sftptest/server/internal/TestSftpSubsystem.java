package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.extensions.openssh.AbstractOpenSSHExtensionParser.OpenSSHExtension;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;

import io.sftptest.server.SftpStatus;

/**
 * MINA's SFTP subsystem plus what a test server needs: the user's initial directory and confinement
 * to it, status codes that the negotiated version knows, custom status messages,
 * {@code statvfs@openssh.com}, and a parsed view of every request for observers.
 */
final class TestSftpSubsystem extends SftpSubsystem {
    private static final String STATVFS = "statvfs@openssh.com";
    private static final String FSTATVFS = "fstatvfs@openssh.com";
    private static final int STATUS_CODE_OFFSET = Integer.BYTES + 1 + Integer.BYTES;

    private final ServerContext context;
    private final UserAccount account;
    private final long connectionId;
    private final Map<String, String> handlePaths = new HashMap<>();
    private Path confinement;
    private RequestInfo current;
    private boolean actsOnLinkItself;
    private long requestsOnConnection;
    private final FileSystemEvents events;
    private boolean capturing;
    private Buffer captured;
    private boolean keepMessage;
    private SftpPacketLimit packetLimit;
    private FaultInjector faultInjector;
    private boolean faultCapturing;
    private Buffer faultCaptured;

    TestSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, ServerContext context) {
        super(channel, configurator);
        this.context = context;
        ServerSession session = getServerSession();
        this.account = context.users().get(session.getUsername());
        this.connectionId = ConnectionRegistry.idOf(session);
        this.events = new FileSystemEvents(this, context.events(), connectionId, session.getUsername());
    }

    /**
     * Lists an entry that vanished between reading the directory and reading its attributes (a
     * concurrent rename or remove) without attributes, as a local {@code readdir} may; MINA 2.20 fails
     * the whole SSH_FXP_READDIR with NO_SUCH_FILE instead, so listings break under concurrent writers.
     */
    @Override
    protected void writeDirEntry(int id, org.apache.sshd.sftp.server.DirectoryHandle dir, Map<String, Path> entries,
            Buffer buffer, int index, Path f, String shortName, java.nio.file.LinkOption... options)
            throws IOException {
        int wpos = buffer.wpos();
        try {
            super.writeDirEntry(id, dir, entries, buffer, index, f, shortName, options);
        } catch (java.nio.file.NoSuchFileException vanished) {
            buffer.wpos(wpos);
            writeDirEntry(getServerSession(), id, buffer, index, f, shortName,
                    new org.apache.sshd.sftp.client.SftpClient.Attributes());
        }
    }

    /** Closes the channel gracefully even when the subsystem dies on an error; see {@link GracefulExit}. */
    @Override
    public void setExitCallback(org.apache.sshd.server.ExitCallback callback) {
        super.setExitCallback(GracefulExit.of(callback));
    }

    /** Refuses requests longer than the configured limit before MINA buffers them; see {@link SftpPacketLimit}. */
    @Override
    public int data(ChannelSession channel, byte[] buf, int start, int len) throws IOException {
        if (packetLimit == null) {
            packetLimit = SftpPacketLimit.of(channel);
        }
        return packetLimit.admit(channel, buf, start, len) ? super.data(channel, buf, start, len) : 0;
    }

    @Override
    public void setFileSystem(FileSystem fileSystem) {
        super.setFileSystem(fileSystem);
        String home = AuthEvents.homeDirectory(getServerSession(), account);
        if (home != null) {
            defaultDir = fileSystem.getPath(home).toAbsolutePath().normalize();
            if (account != null && account.restrictToHome()) {
                confinement = defaultDir;
            }
        }
    }

    @Override
    protected Path resolveFile(String remotePath) throws IOException, InvalidPathException {
        Path resolved = super.resolveFile(remotePath);
        // Without a home confinement, the user's root is the boundary: MINA's rooted filesystem keeps
        // names inside it, but the OS (or Jimfs) follows a link in a real root directory, or in a
        // per-user root, to wherever it points.
        Path boundary = confinement != null ? confinement : resolved.getFileSystem().getPath("/");
        PathConfinement.checkInside(resolved, boundary, remotePath, !actsOnLinkItself);
        return resolved;
    }

    /**
     * Reads {@code SSH_FXP_LINK} (v6). Clients disagree on its field order: the draft (and lftp) send
     * the new link's path first, then the existing path; MINA SSHD's own client sends them the other
     * way round, and MINA's server reads them that way, so lftp got "file already exists" for every
     * {@code ln -s}. A new link's path cannot exist yet: when the first path exists and the second
     * does not, the fields are in MINA's order; otherwise in the draft's.
     */
    @Override
    protected void doLink(Buffer buffer, int id) throws IOException {
        String first = buffer.getString();
        String second = buffer.getString();
        boolean symLink = buffer.getBoolean();
        boolean minaOrder = existsNoFollow(first) && !existsNoFollow(second);
        String newLinkPath = minaOrder ? second : first;
        String existingPath = minaOrder ? first : second;
        try {
            doLink(id, existingPath, newLinkPath, symLink);
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(buffer), id, e, SftpConstants.SSH_FXP_LINK, existingPath, newLinkPath, symLink);
            return;
        }
        sendStatus(prepareReply(buffer), id, SftpConstants.SSH_FX_OK, "");
    }

    /** Resolves a path for a listener ({@link ServingFiles}): null where the client would get an error. */
    private final java.util.function.Function<String, Path> resolver = path -> {
        try {
            return resolveFile(path);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    };

    private boolean existsNoFollow(String path) {
        try {
            return Files.exists(resolveFile(path), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    protected void doMakeDirectory(int id, String path, Map<String, ?> attrs) throws IOException {
        super.doMakeDirectory(id, path, attrs);
        if (attrs == null || !attrs.containsKey("permissions")) {
            DirectoryPermissions.applyDefault(resolveFile(path));
        }
    }

    @Override
    protected void doProcess(Buffer buffer, int length, int type, int id) throws IOException {
        if (faultInjector != null && faultInjector.cutOff()) {
            return; // a fault closed this channel or connection: what the client sent after it is dropped
        }
        actsOnLinkItself = actsOnLinkItself(buffer, type);
        ConnectionRegistry.SERVING.set(connectionId);
        if (!context.events().virtual()) {
            ServingFiles.serve(resolver);
        }
        try {
            observeAndProcess(buffer, length, type, id);
        } finally {
            ConnectionRegistry.SERVING.remove();
            ServingFiles.done();
            actsOnLinkItself = false;
        }
    }

    /**
     * Lowers the length of a READ to the server's cap ({@link ServerContext#maxReadLength()}) before anything reads
     * it: fault rules and listeners then see, and a throttle paces, the read as the server performs it.
     */
    private void capReadLength(Buffer buffer, int type) {
        int cap = context.maxReadLength();
        if (cap <= 0 || type != SftpConstants.SSH_FXP_READ) {
            return;
        }
        int at = FaultInjector.transferLengthAt(buffer);
        if (at >= 0 && BufferUtils.getUInt(buffer.array(), at, Integer.BYTES) > cap) { // at < 0: malformed, MINA answers
            FaultInjector.setTransferLength(buffer, cap);
        }
    }

    /** Whether a request works on a symbolic link itself rather than on what it points to. */
    private static boolean actsOnLinkItself(Buffer buffer, int type) {
        switch (type) {
            case SftpConstants.SSH_FXP_LSTAT, SftpConstants.SSH_FXP_REMOVE, SftpConstants.SSH_FXP_READLINK,
                    SftpConstants.SSH_FXP_RENAME, SftpConstants.SSH_FXP_SYMLINK, SftpConstants.SSH_FXP_LINK:
                return true;
            case SftpConstants.SSH_FXP_EXTENDED:
                int rpos = buffer.rpos();
                try {
                    String extension = buffer.getString();
                    return "posix-rename@openssh.com".equals(extension) || "lsetstat@openssh.com".equals(extension);
                } catch (RuntimeException malformed) {
                    return false;
                } finally {
                    buffer.rpos(rpos);
                }
            default:
                return false;
        }
    }

    private void observeAndProcess(Buffer buffer, int length, int type, int id) throws IOException {
        boolean evented = context.events().hasListeners() || context.events().virtual();
        boolean faulty = type != SftpConstants.SSH_FXP_INIT && context.faults().active();
        if (type == SftpConstants.SSH_FXP_INIT || (context.observers().isEmpty() && !evented && !faulty)) {
            capReadLength(buffer, type);
            super.doProcess(buffer, length, type, id);
            return;
        }
        if (context.observers().isEmpty() && !faulty) {
            capReadLength(buffer, type);
            events.process(buffer, length, type, id);
            return;
        }
        RequestInfo request = RequestParser.parse(buffer, type, id, getVersion(), handlePaths);
        capReadLength(buffer, type); // after parsing: the recording keeps the length the client asked for
        request.connectionId = connectionId;
        request.user = getServerSession().getUsername();
        request.startNanos = System.nanoTime();
        request.time = java.time.Instant.now();
        request.sequence = context.nextSequence();
        request.indexInConnection = ++requestsOnConnection;
        current = request;
        try {
            FaultMatch fault = faulty ? context.faults().match(request) : null;
            if (fault != null) {
                if (faultInjector == null) {
                    faultInjector = new FaultInjector(this);
                }
                faultInjector.apply(buffer, id, request, fault, () -> {
                    if (evented) {
                        events.process(buffer, length, type, id);
                    } else {
                        minaProcess(buffer, length, type, id);
                    }
                });
            } else if (evented) {
                events.process(buffer, length, type, id);
            } else {
                super.doProcess(buffer, length, type, id);
            }
        } finally {
            current = null;
            request.durationNanos = System.nanoTime() - request.startNanos;
            if (request.operation == io.sftptest.server.SftpOperation.CLOSE && request.status == SftpStatus.OK) {
                handlePaths.remove(request.handle);
            }
            for (ServerObserver observer : context.observers()) {
                observer.requestCompleted(request);
            }
        }
    }

    @Override
    protected void send(Buffer buffer) throws IOException {
        if (capturing) {
            capturing = false;
            captured = buffer;
            return;
        }
        if (faultCapturing) {
            faultCapturing = false;
            faultCaptured = buffer;
            return;
        }
        int start = buffer.rpos();
        byte[] data = buffer.array();
        int type = data[start + Integer.BYTES] & 0xFF;
        if (type == SftpConstants.SSH_FXP_STATUS) {
            buffer = rewriteStatus(buffer, start);
        }
        RequestInfo request = current;
        if (request != null) {
            observeReply(request, buffer, type);
            for (ServerObserver observer : context.observers()) {
                observer.replying(request);
            }
        }
        super.send(buffer);
    }

    private Buffer rewriteStatus(Buffer buffer, int start) {
        int codeOffset = start + STATUS_CODE_OFFSET;
        int code = (int) BufferUtils.getUInt(buffer.array(), codeOffset, Integer.BYTES);
        if (code < 0 || code > SftpStatus.NO_MATCHING_BYTE_RANGE_LOCK.code()) {
            return buffer;
        }
        SftpStatus original = SftpStatus.fromCode(code);
        SftpStatus sent = original.forVersion(getVersion());
        String message = keepMessage ? null : context.statusMessages().get(original);
        if (sent == original && message == null) {
            return buffer;
        }
        BufferUtils.putUInt(sent.code(), buffer.array(), codeOffset, Integer.BYTES);
        if (message == null) {
            return buffer;
        }
        int rpos = buffer.rpos();
        buffer.rpos(codeOffset + Integer.BYTES);
        buffer.getString(); // the message MINA wrote
        String language = buffer.available() >= Integer.BYTES ? buffer.getString() : "";
        buffer.rpos(rpos);
        buffer.wpos(codeOffset + Integer.BYTES);
        buffer.putString(message, StandardCharsets.UTF_8);
        buffer.putString(language);
        return buffer;
    }

    private void observeReply(RequestInfo request, Buffer buffer, int type) {
        byte[] data = buffer.array();
        int payload = buffer.rpos() + Integer.BYTES + 1 + Integer.BYTES;
        switch (type) {
            case SftpConstants.SSH_FXP_STATUS -> {
                int code = (int) BufferUtils.getUInt(data, payload, Integer.BYTES);
                request.status = code >= 0 && code <= 31 ? SftpStatus.fromCode(code) : SftpStatus.FAILURE;
                int rpos = buffer.rpos();
                buffer.rpos(payload + Integer.BYTES);
                request.message = buffer.available() >= Integer.BYTES ? buffer.getString() : null;
                buffer.rpos(rpos);
                if (request.status == SftpStatus.OK && request.length > 0
                        && request.operation == io.sftptest.server.SftpOperation.WRITE) {
                    request.bytes = request.length;
                }
            }
            case SftpConstants.SSH_FXP_HANDLE -> {
                request.status = SftpStatus.OK;
                int length = (int) BufferUtils.getUInt(data, payload, Integer.BYTES);
                String handle = new String(data, payload + Integer.BYTES, length, StandardCharsets.UTF_8);
                if (request.path != null) {
                    handlePaths.put(handle, request.path);
                }
                request.handle = handle;
            }
            case SftpConstants.SSH_FXP_DATA -> {
                request.status = SftpStatus.OK;
                request.bytes = BufferUtils.getUInt(data, payload, Integer.BYTES);
            }
            default -> request.status = SftpStatus.OK;
        }
    }

    /**
     * Hands the request being served to the observers before a fault cuts the connection or channel: it gets no
     * answer, and a test that waits for the close must find it recorded.
     */
    void observeBeforeCutOff() {
        RequestInfo request = current;
        if (request != null && !request.recorded) {
            for (ServerObserver observer : context.observers()) {
                observer.replying(request);
            }
        }
    }

    // ---------------------------------------------------------------- for FileSystemEvents

    /** Lets MINA process a request and answer it. */
    void minaProcess(Buffer buffer, int length, int type, int id) throws IOException {
        super.doProcess(buffer, length, type, id);
    }

    /** Lets MINA process a request and returns its reply instead of sending it (null when it sent none). */
    Buffer minaCaptured(Buffer buffer, int length, int type, int id) throws IOException {
        capturing = true;
        captured = null;
        try {
            super.doProcess(buffer, length, type, id);
        } finally {
            capturing = false;
        }
        Buffer reply = captured;
        captured = null;
        return reply;
    }

    /** Processes a request and returns its final reply instead of sending it (null when none was sent), for a fault. */
    Buffer faultCapture(FaultInjector.Step step) throws IOException {
        faultCapturing = true;
        faultCaptured = null;
        try {
            step.run();
        } finally {
            faultCapturing = false;
        }
        Buffer reply = faultCaptured;
        faultCaptured = null;
        return reply;
    }

    /** Sends a reply captured by {@link #minaCaptured}. */
    void sendCaptured(Buffer reply) throws IOException {
        send(reply);
    }

    /**
     * Answers a status; {@code explicitMessage} keeps the message even where a builder status message would
     * replace it (a listener chose it).
     */
    void replyStatus(Buffer buffer, int id, SftpStatus status, String message, boolean explicitMessage)
            throws IOException {
        keepMessage = explicitMessage;
        try {
            sendStatus(prepareReply(buffer), id, status.code(), message == null ? "" : message);
        } finally {
            keepMessage = false;
        }
    }

    void replyHandle(Buffer buffer, int id, String handle) throws IOException {
        sendHandle(prepareReply(buffer), id, handle);
    }

    void replyAttrs(Buffer buffer, int id, Map<String, ?> attributes) throws IOException {
        sendAttrs(prepareReply(buffer), id, attributes);
    }

    void replyData(Buffer buffer, int id, byte[] data, int length) throws IOException {
        Buffer reply = prepareReply(buffer);
        reply.putByte((byte) SftpConstants.SSH_FXP_DATA);
        reply.putInt(id);
        reply.putBytes(data, 0, length);
        send(reply);
    }

    /** Answers an {@code SSH_FXP_NAME} with entries that exist only in a listener's answer. */
    void replyNames(Buffer buffer, int id, List<String> names,
            List<io.sftptest.server.SftpFileAttributes> attributes, boolean endOfList) throws IOException {
        Buffer reply = prepareReply(buffer);
        reply.putByte((byte) SftpConstants.SSH_FXP_NAME);
        reply.putInt(id);
        reply.putUInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> attrs = Attributes.toMina(attributes.get(i));
            reply.putString(names.get(i), StandardCharsets.UTF_8);
            if (getVersion() == SftpConstants.SFTP_V3) {
                reply.putString(org.apache.sshd.sftp.common.SftpHelper.getLongName(names.get(i), attrs),
                        StandardCharsets.UTF_8);
            }
            writeAttrs(reply, attrs);
        }
        org.apache.sshd.sftp.common.SftpHelper.indicateEndOfNamesList(reply, getVersion(), getServerSession(),
                endOfList);
        send(reply);
    }

    /** Returns the client path behind a MINA handle, or null. */
    String handlePath(String handle) {
        Handle h = handles.get(handle);
        return h == null ? null : h.getFile().toString();
    }

    boolean isDirectoryHandle(String handle) {
        return handles.get(handle) instanceof org.apache.sshd.sftp.server.DirectoryHandle;
    }

    boolean isOpenHandle(String handle) {
        return handles.containsKey(handle);
    }

    /** Closes a handle MINA opened for a request whose answer a listener replaced with an error. */
    void closeHandleQuietly(String handle) {
        try {
            doClose(0, handle);
        } catch (IOException | RuntimeException e) {
            // the client never learnt this handle; nothing to report
        }
    }

    @Override
    protected Map.Entry<Integer, String> checkVersionCompatibility(Buffer buffer, int id, int proposed,
            int failureOpcode) throws IOException {
        int min = context.minVersion();
        int max = context.maxVersion();
        StringBuilder available = new StringBuilder();
        for (int v = min; v <= max; v++) {
            available.append(available.length() == 0 ? "" : ",").append(v);
        }
        if (proposed < min) {
            String refusal = "SFTP version " + proposed + " is not offered by this server: it offers " + available;
            sendStatus(prepareReply(buffer), id, failureOpcode, refusal);
            // A client waiting for SSH_FXP_VERSION may ignore the status and even the channel's close (curl's
            // libssh2 waited until its timeout); a disconnect ends every client's wait, with the reason shown.
            getServerSession().disconnect(org.apache.sshd.common.SshConstants.SSH2_DISCONNECT_BY_APPLICATION,
                    refusal);
            return null;
        }
        return new java.util.AbstractMap.SimpleImmutableEntry<>(Math.min(proposed, max), available.toString());
    }

    @Override
    protected List<OpenSSHExtension> resolveOpenSSHExtensions(ServerSession session) {
        List<OpenSSHExtension> extensions = new ArrayList<>(super.resolveOpenSSHExtensions(session));
        extensions.add(new OpenSSHExtension(STATVFS, "2"));
        extensions.add(new OpenSSHExtension(FSTATVFS, "2"));
        extensions.removeIf(extension -> context.disabledExtensions().contains(extension.getName()));
        return extensions;
    }

    @Override
    protected Map<String, org.apache.sshd.common.OptionalFeature> getSupportedClientExtensions(
            ServerSession session) {
        Map<String, org.apache.sshd.common.OptionalFeature> extensions = super.getSupportedClientExtensions(session);
        if (context.disabledExtensions().isEmpty()) {
            return extensions;
        }
        Map<String, org.apache.sshd.common.OptionalFeature> kept = new java.util.TreeMap<>(extensions);
        kept.keySet().removeAll(context.disabledExtensions());
        return kept;
    }

    @Override
    protected void executeExtendedCommand(Buffer buffer, int id, String extension) throws IOException {
        if (context.disabledExtensions().contains(extension)) {
            super.doUnsupportedExtension(buffer, id, extension);
        } else {
            super.executeExtendedCommand(buffer, id, extension);
        }
    }

    @Override
    protected void doUnsupportedExtension(Buffer buffer, int id, String extension) throws IOException {
        if (STATVFS.equals(extension) || FSTATVFS.equals(extension)) {
            doStatVfs(buffer, id, extension);
        } else {
            super.doUnsupportedExtension(buffer, id, extension);
        }
    }

    private void doStatVfs(Buffer buffer, int id, String extension) throws IOException {
        String name = buffer.getString();
        StoreSpace space;
        try {
            Path path;
            if (FSTATVFS.equals(extension)) {
                Handle handle = handles.get(name);
                if (handle == null) {
                    throw new org.apache.sshd.sftp.server.InvalidHandleException(name, null, Handle.class);
                }
                path = handle.getFile();
            } else {
                path = resolveFile(name);
            }
            space = StoreSpace.of(Files.getFileStore(path));
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(buffer), id, e, SftpConstants.SSH_FXP_EXTENDED, extension, name);
            return;
        }
        Buffer reply = prepareReply(buffer);
        reply.putByte((byte) SftpConstants.SSH_FXP_EXTENDED_REPLY);
        reply.putInt(id);
        reply.putLong(space.blockSize()); // f_bsize
        reply.putLong(space.blockSize()); // f_frsize
        reply.putLong(space.blocks()); // f_blocks
        reply.putLong(space.free()); // f_bfree
        reply.putLong(space.available()); // f_bavail
        reply.putLong(1_000_000); // f_files: an in-memory store has no inode table
        reply.putLong(1_000_000); // f_ffree
        reply.putLong(1_000_000); // f_favail
        reply.putLong(0); // f_fsid
        reply.putLong(0); // f_flag
        reply.putLong(255); // f_namemax
        send(reply);
    }
}
