package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;
import org.apache.sshd.sftp.common.extensions.openssh.AbstractOpenSSHExtensionParser.OpenSSHExtension;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.InvalidHandleException;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import io.sftptest.server.internal.RequestPipeline.Exchange;

/**
 * MINA's SFTP subsystem as the {@link RequestPipeline} uses it: MINA performs the requests and writes their
 * replies, which the pipeline sends. Adds what a test server needs on MINA's side: the user's initial directory
 * and confinement to it, {@code statvfs@openssh.com}, SFTP extensions turned off, the versions offered, MINA's
 * link argument order, and listings that survive concurrent writers; and the real servers' quirks a personality
 * turns on ({@link SftpQuirks}): names per {@code READDIR} answer, drive paths, a login script's output before the
 * version packet, renames that replace, Windows long names.
 */
final class TestSftpSubsystem extends SftpSubsystem {
    private static final String STATVFS = "statvfs@openssh.com";
    private static final String FSTATVFS = "fstatvfs@openssh.com";

    private final ServerContext context;
    private final UserAccount account;
    private final long connectionId;
    private final RequestPipeline pipeline;
    private final SftpQuirks quirks;
    private final DrivePaths drivePaths;
    private Path confinement;
    private SftpPacketLimit packetLimit;
    private final PacketReplies packetReplies = new PacketReplies();
    /** MINA's cap on the data of one read, read once. */
    private int maxReadLength;
    /** The request MINA is performing on this thread, if any: MINA's reply is its answer. */
    private Exchange performing;

    TestSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator, ServerContext context) {
        super(channel, configurator);
        this.context = context;
        ServerSession session = getServerSession();
        this.account = context.users().get(session.getUsername());
        this.connectionId = ConnectionRegistry.idOf(session);
        this.pipeline = new RequestPipeline(this, context, connectionId, session.getUsername());
        this.quirks = context.quirks();
        this.drivePaths = quirks.drive() == null ? null : new DrivePaths(quirks.drive());
    }

    /**
     * Lists an entry that vanished between reading the directory and reading its attributes (a
     * concurrent rename or remove) without attributes, as a local {@code readdir} may; MINA 2.20 fails
     * the whole SSH_FXP_READDIR with NO_SUCH_FILE instead, so listings break under concurrent writers.
     */
    @Override
    protected void writeDirEntry(int id, DirectoryHandle dir, Map<String, Path> entries, Buffer buffer, int index,
            Path f, String shortName, LinkOption... options) throws IOException {
        int wpos = buffer.wpos();
        try {
            super.writeDirEntry(id, dir, entries, buffer, index, f, shortName, options);
        } catch (NoSuchFileException vanished) {
            buffer.wpos(wpos);
            writeDirEntry(getServerSession(), id, buffer, index, f, shortName, new SftpClient.Attributes());
        }
    }

    /** Closes the channel gracefully even when the subsystem dies on an error; see {@link GracefulExit}. */
    @Override
    public void setExitCallback(ExitCallback callback) {
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
        return resolveInside(remotePath, performing == null ? null : performing.request());
    }

    private Path resolveInside(String remotePath, SftpRequest request) throws IOException {
        Path resolved = super.resolveFile(drivePaths == null ? remotePath : drivePaths.toServer(remotePath));
        // Without a home confinement, the user's root is the boundary: MINA's rooted filesystem keeps
        // names inside it, but the OS (or Jimfs) follows a link in a real root directory, or in a
        // per-user root, to wherever it points.
        Path boundary = confinement != null ? confinement : resolved.getFileSystem().getPath("/");
        boolean followLinks = request == null || !request.actsOnLinkItself();
        PathConfinement.checkInside(resolved, boundary, remotePath, followLinks);
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
        SftpRequest link = decoded();
        String first = link.path();
        String second = link.targetPath();
        boolean symLink = link.flags() != 0;
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

    /**
     * Resolves a path of a request as the server does when it performs the request, for a listener's
     * {@code file()} and the status handler: null where the client would get an error, and in virtual mode (no
     * filesystem).
     *
     * @param path the path as the client sent it
     * @param request the request that names it (a request on a link itself does not follow the link), or null
     */
    Path resolveQuietly(String path, SftpRequest request) {
        if (context.events().virtual()) {
            return null;
        }
        try {
            return resolveInside(path, request);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Resolves a path of the request MINA is performing, as {@link #resolveQuietly(String, SftpRequest)} does. */
    Path resolveQuietly(String path) {
        return resolveQuietly(path, performing == null ? null : performing.request());
    }

    private boolean existsNoFollow(String path) {
        try {
            return Files.exists(resolveFile(path), LinkOption.NOFOLLOW_LINKS);
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

    /**
     * Hands each request to the {@link RequestPipeline}. SSH_FXP_INIT negotiates the version before any request
     * and is MINA's alone.
     */
    @Override
    protected void doProcess(Buffer buffer, int length, int type, int id) throws IOException {
        if (type == SftpConstants.SSH_FXP_INIT) {
            super.doProcess(buffer, length, type, id);
        } else {
            pipeline.serve(buffer, length, type, id);
        }
    }

    /**
     * Takes MINA's reply to the request it performs as that request's answer: the pipeline sends it in its reply
     * step. Outside a request (the version negotiation) the reply goes out at once, its status mapped.
     */
    @Override
    protected void send(Buffer buffer) throws IOException {
        if (performing != null) {
            performing.minaReplied(buffer);
        } else {
            SftpCodec.rewriteStatus(buffer, getVersion(), context.statusMessages());
            if (quirks.loginNoise() != null) {
                // a login script's output reaches the client first, on the same stream (noisy-login)
                out.writeBuffer(new ByteArrayBuffer(quirks.loginNoise().getBytes(StandardCharsets.UTF_8)));
            }
            super.send(buffer);
        }
    }

    // ---------------------------------------------------------------- the quirks of real servers (SftpQuirks)

    /**
     * Answers a {@code READDIR} with at most {@link SftpQuirks#readdirEntries()} names: MINA writes names until its
     * size limit is passed, so a limit just above what is written stops it after one more name each round.
     */
    @Override
    protected int doReadDir(int id, String handle, DirectoryHandle dir, Buffer buffer, int maxSize,
            boolean followLinks) throws IOException {
        int entries = quirks.readdirEntries();
        if (entries == SftpQuirks.BY_SIZE) {
            return super.doReadDir(id, handle, dir, buffer, maxSize, followLinks);
        }
        int count = 0;
        while (count < entries && (dir.isSendDot() || dir.isSendDotDot() || dir.hasNext())) {
            int written = super.doReadDir(id, handle, dir, buffer, buffer.wpos() + 1, followLinks);
            if (written == 0) {
                break;
            }
            count += written;
        }
        return count;
    }

    /** Answers {@code REALPATH} with a drive path ({@code /C:/in}) when the server has one; MINA's answer otherwise. */
    @Override
    protected void sendPath(Buffer buffer, int id, Path f, Map<String, ?> attrs) throws IOException {
        if (drivePaths == null) {
            super.sendPath(buffer, id, f, attrs);
            return;
        }
        String path = drivePaths.toClient(f.toString());
        buffer.putByte((byte) SftpConstants.SSH_FXP_NAME);
        buffer.putInt(id);
        buffer.putUInt(1L);
        buffer.putString(path, StandardCharsets.UTF_8);
        if (getVersion() == SftpConstants.SFTP_V3) {
            buffer.putString(getLongName(f, getShortName(f), attrs), StandardCharsets.UTF_8);
        }
        writeAttrs(buffer, attrs);
        SftpHelper.indicateEndOfNamesList(buffer, getVersion(), getServerSession());
        send(buffer);
    }

    /** Shows the group and other permissions as {@code *}, as Win32-OpenSSH does, when the server is set to. */
    @Override
    protected String getLongName(Path f, String shortName, Map<String, ?> attributes) throws IOException {
        String longName = super.getLongName(f, shortName, attributes);
        if (!quirks.windowsLongNames() || longName.length() < 10) {
            return longName;
        }
        return longName.substring(0, 4) + "******" + longName.substring(10);
    }

    /**
     * Lets a plain {@code RENAME} replace an existing target when the server is set to (rename-overwrites), as if
     * the client had asked for {@code SSH_FXF_RENAME_OVERWRITE}.
     */
    @Override
    protected void doRename(int id, String oldPath, String newPath, int flags) throws IOException {
        super.doRename(id, oldPath, newPath,
                quirks.renameOverwrites() ? flags | SftpConstants.SSH_FXF_RENAME_OVERWRITE : flags);
    }

    // ---------------------------------------------------------------- for the pipeline

    /**
     * Returns the request MINA performs, as the pipeline decoded it: what this subsystem's own handlers read
     * instead of the buffer. A malformed request fails here as reading its buffer would.
     */
    private SftpRequest decoded() {
        SftpRequest request = performing.request();
        if (request.malformed() != null) {
            throw request.malformed();
        }
        return request;
    }

    /** Lets MINA perform the request; the reply it writes becomes the exchange's answer. */
    void performWithMina(Exchange exchange) throws IOException {
        performing = exchange;
        try {
            super.doProcess(exchange.buffer(), exchange.packetLength(), exchange.request().type(),
                    exchange.request().id());
        } finally {
            performing = null;
        }
    }

    /**
     * Starts MINA's reply to a {@code READ} in the SSH packet that carries it ({@link PacketReplies}: the data is
     * copied once, from the file), sized for the read; every other reply in the request's buffer, as MINA does.
     */
    @Override
    protected Buffer prepareReply(Buffer buffer) {
        if (PacketReplies.isPacketReply(buffer)) {
            return PacketReplies.restart(buffer); // MINA's error path after a read started its reply
        }
        if (performing == null || performing.request().type() != SftpConstants.SSH_FXP_READ) {
            return super.prepareReply(buffer);
        }
        if (maxReadLength == 0) {
            maxReadLength = SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.getRequired(getServerSession());
        }
        // type, id, data length, and v6's end-of-file flag around the data
        int header = 1 + Integer.BYTES + Integer.BYTES + 1;
        return packetReplies.start(getServerSession(), header + Math.min(performing.transferLength(), maxReadLength));
    }

    /** Sends an encoded reply to the client. */
    void transmit(Buffer reply) throws IOException {
        if (PacketReplies.isPacketReply(reply)) {
            packetReplies.send(reply, out, getServerChannelSession(), getServerSession());
        } else {
            super.send(reply);
        }
    }

    boolean connectionOpen() {
        return getServerSession().isOpen();
    }

    /** Returns the server's path behind a MINA handle, or null. */
    String handlePath(String handle) {
        Handle h = handles.get(handle);
        return h == null ? null : h.getFile().toString();
    }

    boolean isDirectoryHandle(String handle) {
        return handles.get(handle) instanceof DirectoryHandle;
    }

    boolean isOpenHandle(String handle) {
        return handles.containsKey(handle);
    }

    /** Closes a handle MINA opened for a request whose answer was replaced with an error. */
    void closeHandleQuietly(String handle) {
        if (!handles.containsKey(handle)) {
            return;
        }
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
            getServerSession().disconnect(SshConstants.SSH2_DISCONNECT_BY_APPLICATION, refusal);
            return null;
        }
        return new SimpleImmutableEntry<>(Math.min(proposed, max), available.toString());
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
    protected Map<String, OptionalFeature> getSupportedClientExtensions(ServerSession session) {
        Map<String, OptionalFeature> extensions = super.getSupportedClientExtensions(session);
        if (context.disabledExtensions().isEmpty()) {
            return extensions;
        }
        Map<String, OptionalFeature> kept = new TreeMap<>(extensions);
        kept.keySet().removeAll(context.disabledExtensions());
        return kept;
    }

    @Override
    protected void executeExtendedCommand(Buffer buffer, int id, String extension) throws IOException {
        if (context.disabledExtensions().contains(extension) || quirks.unsupportedExtensions().contains(extension)) {
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
        SftpRequest request = decoded();
        String name = FSTATVFS.equals(extension) ? request.handle() : request.path();
        StoreSpace space;
        try {
            Path path;
            if (FSTATVFS.equals(extension)) {
                Handle handle = handles.get(name);
                if (handle == null) {
                    throw new InvalidHandleException(name, null, Handle.class);
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
