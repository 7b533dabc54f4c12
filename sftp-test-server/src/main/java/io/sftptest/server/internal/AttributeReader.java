package io.sftptest.server.internal;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpAttributes;

/**
 * Reads the attribute block of a request (with MINA's own decoder, for every protocol version) into
 * the recording's {@link SftpAttributes}, and normalises open flags to their SFTP v3 meaning.
 */
final class AttributeReader {
    private AttributeReader() {
    }

    /**
     * Reads an {@code ATTRS} block at the buffer's read position.
     *
     * @param buffer the request, positioned at the attributes
     * @param version the negotiated SFTP version
     * @return the attributes, or null when the block is empty
     */
    static SftpAttributes read(Buffer buffer, int version) {
        Map<String, Object> map = SftpHelper.readAttrs(buffer, version);
        SftpAttributes attributes = new SftpAttributes(number(map.get("size")), integer(map.get("uid")),
                integer(map.get("gid")), text(map.get("owner")), text(map.get("group")), permissions(map),
                time(map.get("lastAccessTime")), time(map.get("lastModifiedTime")));
        return attributes.isEmpty() ? null : attributes;
    }

    /**
     * Translates the desired access and the open disposition of a v5/v6 {@code SSH_FXP_OPEN} into the
     * v3 {@code SSH_FXF_*} bits that {@link RecordedRequest#flags()} documents.
     *
     * @param access the {@code ACE4_*} desired access mask
     * @param flags the v5/v6 {@code SSH_FXF_*} flags (disposition in the low three bits)
     * @return the v3 flags
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

    @SuppressWarnings("unchecked")
    private static Set<PosixFilePermission> permissions(Map<String, Object> map) {
        Object value = map.get("permissions");
        return value instanceof Set<?> set ? (Set<PosixFilePermission>) set : null;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static Integer integer(Object value) {
        return value instanceof Number n ? n.intValue() : null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static java.time.Instant time(Object value) {
        return value instanceof FileTime t ? t.toInstant() : null;
    }
}
