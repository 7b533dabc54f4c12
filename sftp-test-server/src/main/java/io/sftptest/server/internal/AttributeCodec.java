package io.sftptest.server.internal;

import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.common.util.io.IoUtils;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpHelper;

import io.sftptest.server.SftpFileAttributes;

/**
 * The one attribute codec: reads SFTP attribute blocks of every protocol version (with MINA's own decoder) into
 * {@link SftpFileAttributes}, and turns them into the attribute maps MINA's writers expect.
 */
final class AttributeCodec {
    private AttributeCodec() {
    }

    /**
     * Reads an attribute block at the buffer's read position without moving it.
     *
     * @return the attributes, {@link SftpFileAttributes#NONE} when the block is empty or missing
     */
    static SftpFileAttributes read(Buffer buffer, int version) {
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
