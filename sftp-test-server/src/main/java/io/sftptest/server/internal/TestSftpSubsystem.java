package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
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
    private long requestsOnConnection;
    private SftpPacketLimit packetLimit;

    TestSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, ServerContext context) {
        super(channel, configurator);
        this.context = context;
        ServerSession session = getServerSession();
        this.account = context.users().get(session.getUsername());
        this.connectionId = ConnectionRegistry.idOf(session);
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
        if (account != null && account.homeDirectory() != null) {
            defaultDir = fileSystem.getPath(account.homeDirectory()).toAbsolutePath().normalize();
            if (account.restrictToHome()) {
                confinement = defaultDir;
            }
        }
    }

    @Override
    protected Path resolveFile(String remotePath) throws IOException, InvalidPathException {
        Path resolved = super.resolveFile(remotePath);
        PathConfinement.checkLinksStayInside(resolved, remotePath);
        if (confinement != null) {
            PathConfinement.checkInside(resolved, confinement, remotePath);
        }
        return resolved;
    }

    /**
     * Reads {@code SSH_FXP_LINK} (v6) in the draft's field order, new link path first, then the
     * existing path; MINA 2.20 reads them the other way round, so v6 clients such as lftp got
     * "file already exists" for every {@code ln -s}.
     */
    @Override
    protected void doLink(Buffer buffer, int id) throws IOException {
        String newLinkPath = buffer.getString();
        String existingPath = buffer.getString();
        boolean symLink = buffer.getBoolean();
        try {
            doLink(id, existingPath, newLinkPath, symLink);
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(buffer), id, e, SftpConstants.SSH_FXP_LINK, existingPath, newLinkPath, symLink);
            return;
        }
        sendStatus(prepareReply(buffer), id, SftpConstants.SSH_FX_OK, "");
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
        if (type == SftpConstants.SSH_FXP_INIT || context.observers().isEmpty()) {
            super.doProcess(buffer, length, type, id);
            return;
        }
        RequestInfo request = RequestParser.parse(buffer, type, id, getVersion(), handlePaths);
        request.connectionId = connectionId;
        request.user = getServerSession().getUsername();
        request.startNanos = System.nanoTime();
        request.time = java.time.Instant.now();
        request.sequence = context.nextSequence();
        request.indexInConnection = ++requestsOnConnection;
        current = request;
        try {
            super.doProcess(buffer, length, type, id);
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
        int start = buffer.rpos();
        byte[] data = buffer.array();
        int type = data[start + Integer.BYTES] & 0xFF;
        if (type == SftpConstants.SSH_FXP_STATUS) {
            buffer = rewriteStatus(buffer, start);
        }
        RequestInfo request = current;
        if (request != null) {
            observeReply(request, buffer, type);
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
        String message = context.statusMessages().get(original);
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
            sendStatus(prepareReply(buffer), id, failureOpcode,
                    "SFTP version " + proposed + " is not offered by this server: it offers " + available);
            return null;
        }
        return new java.util.AbstractMap.SimpleImmutableEntry<>(Math.min(proposed, max), available.toString());
    }

    @Override
    protected List<OpenSSHExtension> resolveOpenSSHExtensions(ServerSession session) {
        List<OpenSSHExtension> extensions = new ArrayList<>(super.resolveOpenSSHExtensions(session));
        extensions.add(new OpenSSHExtension(STATVFS, "2"));
        extensions.add(new OpenSSHExtension(FSTATVFS, "2"));
        return extensions;
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
        FileStore store;
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
            store = Files.getFileStore(path);
        } catch (IOException | RuntimeException e) {
            sendStatus(prepareReply(buffer), id, e, SftpConstants.SSH_FXP_EXTENDED, extension, name);
            return;
        }
        long blockSize = 4096;
        long total = store.getTotalSpace() / blockSize;
        long free = store.getUnallocatedSpace() / blockSize;
        long available = store.getUsableSpace() / blockSize;
        Buffer reply = prepareReply(buffer);
        reply.putByte((byte) SftpConstants.SSH_FXP_EXTENDED_REPLY);
        reply.putInt(id);
        reply.putLong(blockSize); // f_bsize
        reply.putLong(blockSize); // f_frsize
        reply.putLong(total); // f_blocks
        reply.putLong(free); // f_bfree
        reply.putLong(available); // f_bavail
        reply.putLong(1_000_000); // f_files: an in-memory store has no inode table
        reply.putLong(1_000_000); // f_ffree
        reply.putLong(1_000_000); // f_favail
        reply.putLong(0); // f_fsid
        reply.putLong(0); // f_flag
        reply.putLong(255); // f_namemax
        send(reply);
    }
}
