package io.sftptest.server.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.io.IoUtils;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * The one place that knows SFTP's byte layout beyond MINA: it decodes each request once into a
 * {@link SftpRequest}, reads and rewrites the fields of replies (status, handle, data length), encodes the
 * replies the server makes itself; and it is the one attribute codec, for every protocol version. Every raw
 * buffer offset of the request path is here.
 *
 * <p>A packet as the subsystem sees it: {@code uint32 length, byte type, uint32 id, payload}; a request
 * buffer's read position is at its payload, a reply buffer's at its length.
 */
final class SftpCodec {
    /** Bytes before a reply's payload: length, type, id. */
    private static final int HEADER = Integer.BYTES + 1 + Integer.BYTES;
    private static final int TYPE_AT = Integer.BYTES;
    /** Handles are opaque bytes; MINA writes and reads them as ISO-8859-1, so every byte maps to one char. */
    private static final Charset HANDLE_CHARSET = StandardCharsets.ISO_8859_1;

    private SftpCodec() {
    }

    // ------------------------------------------------------------------ requests

    /** How much of a request to decode: what the steps that take part will read, nothing more. */
    enum Detail {
        /**
         * The operation, an extension's name and a read's length: enough to perform it, cap it and confine its
         * paths, when nothing records, watches or fails requests.
         */
        OPERATION,
        /** Every field, for the recording, fault rules and virtual mode. */
        FIELDS,
        /** Every field and a write's data, for listeners. */
        FIELDS_AND_DATA
    }

    /**
     * Decodes a request without consuming its buffer (MINA's subsystem reads it again when it performs it). A
     * malformed request yields what could be read, with {@link SftpRequest#malformed()} saying why.
     *
     * @param buffer the request, positioned at its payload
     * @param type the packet type
     * @param id the request id
     * @param version the negotiated SFTP version
     * @param handlePaths the client's path of each open handle
     * @param detail how much to decode
     * @return the request
     */
    static SftpRequest decode(Buffer buffer, int type, int id, int version, Map<String, String> handlePaths,
            Detail detail) {
        SftpOperation operation = SftpOperation.fromPacketType(type);
        if (detail == Detail.OPERATION && operation != SftpOperation.EXTENDED && operation != SftpOperation.READ
                && operation != SftpOperation.LINK) {
            return new SftpRequest(type, id, operation, null, null, null, null, -1, -1, 0, 0, 0, null, null, null, null);
        }
        Fields f = new Fields();
        f.operation = operation;
        int rpos = buffer.rpos();
        try {
            if (detail == Detail.OPERATION) {
                readOperation(buffer, f, version, handlePaths);
            } else {
                readFields(buffer, f, version, handlePaths, detail == Detail.FIELDS_AND_DATA);
            }
        } catch (RuntimeException malformed) {
            f.malformed = malformed;
        } finally {
            buffer.rpos(rpos);
        }
        return new SftpRequest(type, id, f.operation, f.extension, f.path, f.targetPath, f.handle, f.offset,
                f.length, f.flags, f.openFlags, f.access, f.attributes, f.data, f.malformed, null);
    }

    /**
     * Reads what every request needs: an extension's name (for confinement) and its fields, a link's fields (the
     * server performs these itself, from this value), and a read's length (for the cap).
     */
    private static void readOperation(Buffer buffer, Fields f, int version, Map<String, String> handles) {
        if (f.operation == SftpOperation.EXTENDED) {
            readExtended(buffer, f, version, handles);
        } else if (f.operation == SftpOperation.LINK) {
            readLink(buffer, f);
        } else if (f.operation == SftpOperation.READ) {
            long handleLength = buffer.getUInt();
            if (handleLength > buffer.available()) {
                throw new IllegalArgumentException("handle of " + handleLength + " bytes in a READ of "
                        + buffer.available());
            }
            buffer.rpos(buffer.rpos() + (int) handleLength);
            f.offset = buffer.getLong();
            f.length = buffer.getUInt();
        }
    }

    /** The fields of a request while it is read. */
    private static final class Fields {
        SftpOperation operation;
        String extension;
        String path;
        String targetPath;
        String handle;
        long offset = -1;
        long length = -1;
        int flags;
        int openFlags;
        int access;
        SftpFileAttributes attributes;
        byte[] data;
        RuntimeException malformed;
    }

    private static void readFields(Buffer buffer, Fields f, int version, Map<String, String> handles,
            boolean withData) {
        switch (f.operation) {
            case OPEN -> {
                f.path = utf8(buffer);
                if (version >= SftpConstants.SFTP_V5) {
                    f.access = buffer.getInt();
                    if (f.access == 0) { // what MINA then opens the file with
                        f.access = SftpConstants.ACE4_READ_DATA | SftpConstants.ACE4_READ_ATTRIBUTES;
                    }
                    f.flags = buffer.getInt();
                    f.openFlags = v3OpenFlags(f.access, f.flags);
                } else {
                    f.flags = buffer.getInt();
                    f.openFlags = f.flags;
                }
                f.attributes = attributes(buffer, version);
            }
            case CLOSE, READDIR -> handle(buffer, f, handles);
            case FSTAT -> {
                handle(buffer, f, handles);
                f.flags = statFlags(buffer, version);
            }
            case LSTAT, STAT -> {
                f.path = utf8(buffer);
                f.flags = statFlags(buffer, version);
            }
            case FSETSTAT -> {
                handle(buffer, f, handles);
                f.attributes = attributes(buffer, version);
            }
            case SETSTAT, MKDIR -> {
                f.path = utf8(buffer);
                f.attributes = attributes(buffer, version);
            }
            case READ -> {
                handle(buffer, f, handles);
                f.offset = buffer.getLong();
                f.length = buffer.getUInt();
            }
            case WRITE -> {
                handle(buffer, f, handles);
                f.offset = buffer.getLong();
                f.length = BufferUtils.getUInt(buffer.array(), buffer.rpos(), Integer.BYTES);
                if (withData) {
                    f.data = buffer.getBytes();
                    f.length = f.data.length;
                }
            }
            case REALPATH -> {
                f.path = utf8(buffer);
                f.flags = version >= SftpConstants.SFTP_V6 && buffer.available() > 0 ? buffer.getUByte() : 0;
            }
            case RENAME -> {
                f.path = utf8(buffer);
                f.targetPath = utf8(buffer);
                f.flags = version >= SftpConstants.SFTP_V5 && buffer.available() >= Integer.BYTES ? buffer.getInt() : 0;
            }
            case OPENDIR, REMOVE, RMDIR, READLINK -> f.path = utf8(buffer);
            case SYMLINK -> {
                f.path = utf8(buffer);
                f.targetPath = utf8(buffer);
            }
            case LINK -> readLink(buffer, f);
            case EXTENDED -> readExtended(buffer, f, version, handles);
            default -> {
                // INIT, BLOCK, UNBLOCK, UNKNOWN: nothing the steps read
            }
        }
    }

    /** SSH_FXP_LINK (v6): two paths, in an order clients disagree on, and whether the link is symbolic. */
    private static void readLink(Buffer buffer, Fields f) {
        f.path = utf8(buffer);
        f.targetPath = utf8(buffer);
        f.flags = buffer.getBoolean() ? 1 : 0;
    }

    private static void readExtended(Buffer buffer, Fields f, int version, Map<String, String> handles) {
        f.extension = buffer.getString();
        switch (f.extension) {
            case SftpRequest.POSIX_RENAME, "hardlink@openssh.com", "copy-file" -> {
                f.path = utf8(buffer);
                f.targetPath = utf8(buffer);
            }
            case SftpRequest.LSETSTAT -> {
                f.path = utf8(buffer);
                f.attributes = attributes(buffer, version);
            }
            case "statvfs@openssh.com", "space-available", "check-file-name", "md5-hash" -> f.path = utf8(buffer);
            case "fstatvfs@openssh.com", "fsync@openssh.com", "check-file-handle", "md5-hash-handle" ->
                handle(buffer, f, handles);
            default -> {
                // other extensions: the name is enough
            }
        }
    }

    private static void handle(Buffer buffer, Fields f, Map<String, String> handles) {
        f.handle = buffer.getString(HANDLE_CHARSET);
        f.path = handles.get(f.handle);
    }

    private static int statFlags(Buffer buffer, int version) {
        return version >= SftpConstants.SFTP_V4 && buffer.available() >= Integer.BYTES ? buffer.getInt() : 0;
    }

    private static SftpFileAttributes attributes(Buffer buffer, int version) {
        SftpFileAttributes attributes = readAttributes(buffer, version);
        return attributes.isEmpty() ? null : attributes;
    }

    private static String utf8(Buffer buffer) {
        return buffer.getString(StandardCharsets.UTF_8);
    }

    /**
     * Translates the desired access and flags of a v5/v6 open into SFTP v3 {@code SSH_FXF_*} bits.
     *
     * @param access the {@code ACE4_*} mask
     * @param flags the v5/v6 {@code SSH_FXF_*} flags (disposition and append)
     * @return the v3 bits, as {@link RecordedRequest#flags()} shows them
     */
    static int v3OpenFlags(int access, int flags) {
        int v3 = 0;
        if ((access & SftpConstants.ACE4_READ_DATA) != 0) {
            v3 |= RecordedRequest.FXF_READ;
        }
        if ((access & (SftpConstants.ACE4_WRITE_DATA | SftpConstants.ACE4_APPEND_DATA)) != 0) {
            v3 |= RecordedRequest.FXF_WRITE;
        }
        if ((flags & (SftpConstants.SSH_FXF_APPEND_DATA | SftpConstants.SSH_FXF_APPEND_DATA_ATOMIC)) != 0) {
            v3 |= RecordedRequest.FXF_APPEND;
        }
        switch (flags & SftpConstants.SSH_FXF_ACCESS_DISPOSITION) {
            case SftpConstants.SSH_FXF_CREATE_NEW -> v3 |= RecordedRequest.FXF_CREAT | RecordedRequest.FXF_EXCL;
            case SftpConstants.SSH_FXF_CREATE_TRUNCATE -> v3 |= RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC;
            case SftpConstants.SSH_FXF_OPEN_OR_CREATE -> v3 |= RecordedRequest.FXF_CREAT;
            case SftpConstants.SSH_FXF_TRUNCATE_EXISTING -> v3 |= RecordedRequest.FXF_TRUNC;
            default -> {
                // SSH_FXF_OPEN_EXISTING: no v3 bit
            }
        }
        return v3;
    }

    /**
     * Rewrites the length field of a READ (bytes asked) or WRITE (data sent) request in place, so that MINA
     * performs the shorter transfer; a request too short to hold the field is left alone (MINA answers it).
     *
     * @param request the request, positioned at its payload
     * @param length the new length
     */
    static void setTransferLength(Buffer request, int length) {
        if (request.available() < Integer.BYTES) {
            return;
        }
        long handleLength = BufferUtils.getUInt(request.array(), request.rpos(), Integer.BYTES);
        long at = request.rpos() + Integer.BYTES + handleLength + Long.BYTES;
        if (at + Integer.BYTES <= request.wpos()) {
            BufferUtils.putUInt(length, request.array(), (int) at, Integer.BYTES);
        }
    }

    /**
     * Turns an OPEN's append into a plain write, in place, so that MINA writes each WRITE at its offset (a server
     * that ignores the append flag); the decoded request keeps the flags as sent. A request too short to hold its
     * flags is left alone (MINA answers it).
     *
     * @param request the OPEN request, positioned at its payload
     * @param version the negotiated SFTP version: from 5 on an access mask precedes the flags
     */
    static void ignoreAppend(Buffer request, int version) {
        byte[] data = request.array();
        if (request.available() < Integer.BYTES) {
            return;
        }
        long at = request.rpos() + Integer.BYTES + BufferUtils.getUInt(data, request.rpos(), Integer.BYTES);
        if (version < SftpConstants.SFTP_V5) {
            if (at + Integer.BYTES <= request.wpos()) {
                long flags = BufferUtils.getUInt(data, (int) at, Integer.BYTES);
                if ((flags & SftpConstants.SSH_FXF_APPEND) != 0) {
                    flags = flags & ~SftpConstants.SSH_FXF_APPEND | SftpConstants.SSH_FXF_WRITE;
                    BufferUtils.putUInt(flags, data, (int) at, Integer.BYTES);
                }
            }
        } else if (at + 2 * Integer.BYTES <= request.wpos()) {
            long access = BufferUtils.getUInt(data, (int) at, Integer.BYTES);
            if ((access & SftpConstants.ACE4_APPEND_DATA) != 0) {
                access = access & ~SftpConstants.ACE4_APPEND_DATA | SftpConstants.ACE4_WRITE_DATA;
                BufferUtils.putUInt(access, data, (int) at, Integer.BYTES);
            }
            long flags = BufferUtils.getUInt(data, (int) at + Integer.BYTES, Integer.BYTES);
            flags &= ~(SftpConstants.SSH_FXF_APPEND_DATA | SftpConstants.SSH_FXF_APPEND_DATA_ATOMIC);
            BufferUtils.putUInt(flags, data, (int) at + Integer.BYTES, Integer.BYTES);
        }
    }

    // ------------------------------------------------------------------ replies

    /**
     * What a reply says, as far as the recording and the fault rules need it.
     *
     * @param type the reply's packet type
     * @param status the status of an {@code SSH_FXP_STATUS}, {@link SftpStatus#OK} for any other reply
     * @param message the message of an {@code SSH_FXP_STATUS}, else null
     * @param handle the handle of an {@code SSH_FXP_HANDLE}, else null
     * @param dataLength the bytes of an {@code SSH_FXP_DATA}, else 0
     */
    record ReplySummary(int type, SftpStatus status, String message, String handle, long dataLength) {
    }

    /**
     * Reads a reply's type, status, message, handle and data length.
     *
     * @param reply a complete reply, positioned at its length
     * @return the summary
     */
    static ReplySummary summary(Buffer reply) {
        byte[] data = reply.array();
        int start = reply.rpos();
        int type = data[start + TYPE_AT] & 0xFF;
        int payload = start + HEADER;
        switch (type) {
            case SftpConstants.SSH_FXP_STATUS -> {
                int code = (int) BufferUtils.getUInt(data, payload, Integer.BYTES);
                Buffer view = view(reply, payload + Integer.BYTES);
                String message = view.available() >= Integer.BYTES ? view.getString() : null;
                return new ReplySummary(type, status(code), message, null, 0);
            }
            case SftpConstants.SSH_FXP_HANDLE -> {
                return new ReplySummary(type, SftpStatus.OK, null, view(reply, payload).getString(HANDLE_CHARSET),
                        0);
            }
            case SftpConstants.SSH_FXP_DATA -> {
                return new ReplySummary(type, SftpStatus.OK, null, null,
                        BufferUtils.getUInt(data, payload, Integer.BYTES));
            }
            default -> {
                return new ReplySummary(type, SftpStatus.OK, null, null, 0);
            }
        }
    }

    /**
     * What a reply carries, for listeners that see the outcome of an operation.
     *
     * @param status the status ({@link SftpStatus#OK} for a reply that is no status)
     * @param message the status message, or null
     * @param handle the handle of an {@code SSH_FXP_HANDLE}, else null
     * @param data the data of an {@code SSH_FXP_DATA}, else null
     * @param attributes the attributes of an {@code SSH_FXP_ATTRS}, else null
     * @param realPath the first name of an {@code SSH_FXP_NAME}, else null
     */
    record ReplyValues(SftpStatus status, String message, String handle, byte[] data, SftpFileAttributes attributes,
            String realPath) {
    }

    /**
     * Reads everything a listener sees of a reply.
     *
     * @param reply a complete reply, positioned at its length
     * @param version the negotiated SFTP version
     * @return the values
     */
    static ReplyValues values(Buffer reply, int version) {
        int type = reply.array()[reply.rpos() + TYPE_AT] & 0xFF;
        Buffer view = view(reply, reply.rpos() + HEADER);
        return switch (type) {
            case SftpConstants.SSH_FXP_STATUS -> {
                SftpStatus status = status(view.getInt());
                yield new ReplyValues(status, view.available() >= Integer.BYTES ? view.getString() : null, null,
                        null, null, null);
            }
            case SftpConstants.SSH_FXP_HANDLE -> new ReplyValues(SftpStatus.OK, null, view.getString(HANDLE_CHARSET), null,
                    null, null);
            case SftpConstants.SSH_FXP_DATA -> new ReplyValues(SftpStatus.OK, null, null, view.getBytes(), null, null);
            case SftpConstants.SSH_FXP_ATTRS -> new ReplyValues(SftpStatus.OK, null, null, null,
                    readAttributes(view, version), null);
            case SftpConstants.SSH_FXP_NAME -> {
                view.getInt(); // count
                yield new ReplyValues(SftpStatus.OK, null, null, null, null, view.getString(StandardCharsets.UTF_8));
            }
            default -> new ReplyValues(SftpStatus.OK, null, null, null, null, null); // nothing the events show
        };
    }

    /**
     * Maps the status of an {@code SSH_FXP_STATUS} reply in place to one the client's version knows, and
     * replaces its message by the builder's message for the status, when one is set.
     *
     * @param reply a complete reply, positioned at its length
     * @param version the negotiated SFTP version
     * @param messages the builder's message per status
     */
    static void rewriteStatus(Buffer reply, int version, Map<SftpStatus, String> messages) {
        byte[] data = reply.array();
        int codeAt = reply.rpos() + HEADER;
        if ((data[reply.rpos() + TYPE_AT] & 0xFF) != SftpConstants.SSH_FXP_STATUS) {
            return;
        }
        long code = BufferUtils.getUInt(data, codeAt, Integer.BYTES);
        if (code > SftpStatus.NO_MATCHING_BYTE_RANGE_LOCK.code()) {
            return;
        }
        SftpStatus original = SftpStatus.fromCode((int) code);
        SftpStatus sent = original.forVersion(version);
        String message = messages.isEmpty() ? null : messages.get(original);
        if (sent == original && message == null) {
            return;
        }
        BufferUtils.putUInt(sent.code(), data, codeAt, Integer.BYTES);
        if (message == null) {
            return;
        }
        Buffer view = view(reply, codeAt + Integer.BYTES);
        view.getString(); // the message MINA wrote
        String language = view.available() >= Integer.BYTES ? view.getString() : "";
        reply.wpos(codeAt + Integer.BYTES);
        reply.putString(message, StandardCharsets.UTF_8);
        reply.putString(language);
    }

    /** Returns the status of a code a client can receive; codes no version defines read as FAILURE. */
    private static SftpStatus status(int code) {
        return code >= 0 && code <= SftpStatus.NO_MATCHING_BYTE_RANGE_LOCK.code() ? SftpStatus.fromCode(code)
                : SftpStatus.FAILURE;
    }

    private static Buffer view(Buffer reply, int from) {
        return new ByteArrayBuffer(reply.array(), from, reply.wpos() - from);
    }

    // ------------------------------------------------------------------ replies the server makes itself

    /**
     * Starts a reply in a buffer (which may be the request's: it was decoded before).
     *
     * @param buffer the buffer to reuse
     * @param type the reply's packet type
     * @param id the request id
     * @return the buffer, positioned to append the payload
     */
    private static Buffer start(Buffer buffer, int type, int id) {
        buffer.clear();
        buffer.putUInt(0L); // the length, filled in when the reply is sent
        buffer.putByte((byte) type);
        buffer.putInt(id);
        return buffer;
    }

    static Buffer status(Buffer buffer, int id, SftpStatus status, String message) {
        Buffer reply = start(buffer, SftpConstants.SSH_FXP_STATUS, id);
        reply.putInt(status.code());
        reply.putString(message == null ? "" : message, StandardCharsets.UTF_8);
        reply.putString(""); // language tag
        return reply;
    }

    static Buffer handle(Buffer buffer, int id, String handle) {
        Buffer reply = start(buffer, SftpConstants.SSH_FXP_HANDLE, id);
        reply.putString(handle, HANDLE_CHARSET);
        return reply;
    }

    static Buffer data(Buffer buffer, int id, byte[] data, int length) {
        Buffer reply = start(buffer, SftpConstants.SSH_FXP_DATA, id);
        reply.putBytes(data, 0, length);
        return reply;
    }

    static Buffer attributes(Buffer buffer, int id, SftpFileAttributes attributes, int version) {
        Buffer reply = start(buffer, SftpConstants.SSH_FXP_ATTRS, id);
        SftpHelper.writeAttrs(reply, version, toMina(attributes));
        return reply;
    }

    /** Encodes an {@code SSH_FXP_NAME} with entries that exist only in a listener's answer. */
    static Buffer names(Buffer buffer, int id, List<String> names, List<SftpFileAttributes> attributes,
            boolean endOfList, int version, PropertyResolver session) {
        Buffer reply = start(buffer, SftpConstants.SSH_FXP_NAME, id);
        reply.putUInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> attrs = toMina(attributes.get(i));
            reply.putString(names.get(i), StandardCharsets.UTF_8);
            if (version == SftpConstants.SFTP_V3) {
                reply.putString(SftpHelper.getLongName(names.get(i), attrs), StandardCharsets.UTF_8);
            }
            SftpHelper.writeAttrs(reply, version, attrs);
        }
        SftpHelper.indicateEndOfNamesList(reply, version, session, endOfList);
        return reply;
    }

    // ------------------------------------------------------------------ attributes (every version, one codec)

    /**
     * Reads an attribute block at the buffer's read position without moving it.
     *
     * @return the attributes, {@link SftpFileAttributes#NONE} when the block is empty or missing
     */
    static SftpFileAttributes readAttributes(Buffer buffer, int version) {
        if (buffer.available() < Integer.BYTES) {
            return SftpFileAttributes.NONE;
        }
        Buffer view = new ByteArrayBuffer(buffer.array(), buffer.rpos(), buffer.available());
        Integer rawPermissions = version == SftpConstants.SFTP_V3 ? rawV3Permissions(buffer) : null;
        return fromMina(SftpHelper.readAttrs(view, version), rawPermissions);
    }

    /** v3 attributes carry no type byte: the type is in the permission word, which MINA's map drops. */
    private static Integer rawV3Permissions(Buffer buffer) {
        Buffer view = new ByteArrayBuffer(buffer.array(), buffer.rpos(), buffer.available());
        int flags = view.getInt();
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS) == 0) {
            return null;
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_SIZE) != 0) {
            view.getLong();
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_UIDGID) != 0) {
            view.getInt();
            view.getInt();
        }
        return view.getInt();
    }

    @SuppressWarnings("unchecked")
    private static SftpFileAttributes fromMina(Map<String, ?> map, Integer rawPermissions) {
        SftpFileAttributes.Type type = null;
        if (Boolean.TRUE.equals(map.get(IoUtils.REGFILE_VIEW_ATTR))) {
            type = SftpFileAttributes.Type.REGULAR;
        } else if (Boolean.TRUE.equals(map.get(IoUtils.DIRECTORY_VIEW_ATTR))) {
            type = SftpFileAttributes.Type.DIRECTORY;
        } else if (Boolean.TRUE.equals(map.get(IoUtils.SYMLINK_VIEW_ATTR))) {
            type = SftpFileAttributes.Type.SYMLINK;
        } else if (Boolean.TRUE.equals(map.get(IoUtils.OTHERFILE_VIEW_ATTR))) {
            type = SftpFileAttributes.Type.SPECIAL;
        } else if (rawPermissions != null && (rawPermissions & SftpConstants.S_IFMT) != 0) {
            type = switch (SftpHelper.permissionsToFileType(rawPermissions)) {
                case SftpConstants.SSH_FILEXFER_TYPE_REGULAR -> SftpFileAttributes.Type.REGULAR;
                case SftpConstants.SSH_FILEXFER_TYPE_DIRECTORY -> SftpFileAttributes.Type.DIRECTORY;
                case SftpConstants.SSH_FILEXFER_TYPE_SYMLINK -> SftpFileAttributes.Type.SYMLINK;
                case SftpConstants.SSH_FILEXFER_TYPE_UNKNOWN -> SftpFileAttributes.Type.UNKNOWN;
                default -> SftpFileAttributes.Type.SPECIAL;
            };
        }
        Number size = (Number) map.get(IoUtils.SIZE_VIEW_ATTR);
        Number uid = (Number) map.get(IoUtils.USERID_VIEW_ATTR);
        Number gid = (Number) map.get(IoUtils.GROUPID_VIEW_ATTR);
        Object owner = map.get(IoUtils.OWNER_VIEW_ATTR);
        Object group = map.get(IoUtils.GROUP_VIEW_ATTR);
        Set<PosixFilePermission> perms = (Set<PosixFilePermission>) map.get(IoUtils.PERMISSIONS_VIEW_ATTR);
        Integer permissions = perms == null ? null
                : SftpHelper.attributesToPermissions(false, false, false, perms) & 07777;
        return new SftpFileAttributes(type, size == null ? null : size.longValue(),
                uid == null ? null : uid.intValue(), gid == null ? null : gid.intValue(),
                owner == null ? null : principalName(owner), group == null ? null : principalName(group),
                permissions, instant(map.get(IoUtils.LASTACC_TIME_VIEW_ATTR)),
                instant(map.get(IoUtils.LASTMOD_TIME_VIEW_ATTR)), instant(map.get(IoUtils.CREATE_TIME_VIEW_ATTR)));
    }

    private static String principalName(Object principal) {
        return principal instanceof Principal p ? p.getName() : principal.toString();
    }

    private static Instant instant(Object time) {
        return time instanceof FileTime t ? t.toInstant() : null;
    }

    /** Returns the attribute map MINA's writers expect. */
    static Map<String, Object> toMina(SftpFileAttributes attributes) {
        Map<String, Object> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        SftpFileAttributes.Type type = attributes.type();
        if (type != null) {
            switch (type) {
                case REGULAR -> map.put(IoUtils.REGFILE_VIEW_ATTR, Boolean.TRUE);
                case DIRECTORY -> map.put(IoUtils.DIRECTORY_VIEW_ATTR, Boolean.TRUE);
                case SYMLINK -> map.put(IoUtils.SYMLINK_VIEW_ATTR, Boolean.TRUE);
                default -> map.put(IoUtils.OTHERFILE_VIEW_ATTR, Boolean.TRUE);
            }
        }
        if (attributes.size() != null) {
            map.put(IoUtils.SIZE_VIEW_ATTR, attributes.size());
        }
        if (attributes.uid() != null || attributes.gid() != null) {
            map.put(IoUtils.USERID_VIEW_ATTR, attributes.uid() == null ? 0 : attributes.uid());
            map.put(IoUtils.GROUPID_VIEW_ATTR, attributes.gid() == null ? 0 : attributes.gid());
        }
        if (attributes.owner() != null || attributes.group() != null) {
            map.put(IoUtils.OWNER_VIEW_ATTR, attributes.owner() == null ? "nobody" : attributes.owner());
            map.put(IoUtils.GROUP_VIEW_ATTR, attributes.group() == null ? "nobody" : attributes.group());
        }
        Integer permissions = attributes.permissions();
        if (permissions == null && type != null) {
            // v3 clients learn the type from the permission word only
            permissions = type == SftpFileAttributes.Type.DIRECTORY ? 0755 : 0644;
        }
        if (permissions != null) {
            map.put(IoUtils.PERMISSIONS_VIEW_ATTR, SftpHelper.permissionsToAttributes(permissions));
        }
        Instant modified = attributes.modifyTime();
        Instant accessed = attributes.accessTime() != null ? attributes.accessTime() : modified;
        if (modified == null) {
            modified = accessed;
        }
        if (modified != null) {
            map.put(IoUtils.LASTMOD_TIME_VIEW_ATTR, FileTime.from(modified));
            map.put(IoUtils.LASTACC_TIME_VIEW_ATTR, FileTime.from(accessed));
        }
        if (attributes.createTime() != null) {
            map.put(IoUtils.CREATE_TIME_VIEW_ATTR, FileTime.from(attributes.createTime()));
        }
        return map;
    }
}
