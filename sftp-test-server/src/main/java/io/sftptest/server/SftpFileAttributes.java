package io.sftptest.server;

import java.time.Instant;
import java.util.StringJoiner;

/**
 * File attributes as SFTP carries them (seed: FileType, FileSize, FileOwner, FileGroup, FilePermissions,
 * FileATime, FileMTime, FileCreateTime). Every field is null when the client or server did not send it.
 *
 * <pre>{@code
 * SftpFileAttributes file = SftpFileAttributes.file(42).withModifyTime(Instant.parse("2024-01-01T00:00:00Z"));
 * SftpFileAttributes dir = SftpFileAttributes.directory().withPermissions(0700);
 * }</pre>
 *
 * @param type the file type, or null
 * @param size the size in bytes, or null
 * @param uid the numeric owner (SFTP v3), or null
 * @param gid the numeric group (SFTP v3), or null
 * @param owner the owner name (SFTP v4+), or null
 * @param group the group name (SFTP v4+), or null
 * @param permissions the POSIX permission bits without the file type, e.g. {@code 0644}, or null
 * @param accessTime the last access time, or null
 * @param modifyTime the last modification time, or null
 * @param createTime the creation time (SFTP v4+), or null
 */
public record SftpFileAttributes(Type type, Long size, Integer uid, Integer gid, String owner, String group,
        Integer permissions, Instant accessTime, Instant modifyTime, Instant createTime) {

    /** The SFTP file types ({@code SSH_FILEXFER_TYPE_*}). */
    public enum Type {
        /** {@code SSH_FILEXFER_TYPE_REGULAR} (1). */
        REGULAR,
        /** {@code SSH_FILEXFER_TYPE_DIRECTORY} (2). */
        DIRECTORY,
        /** {@code SSH_FILEXFER_TYPE_SYMLINK} (3). */
        SYMLINK,
        /** {@code SSH_FILEXFER_TYPE_SPECIAL} (4) and devices, sockets, FIFOs. */
        SPECIAL,
        /** {@code SSH_FILEXFER_TYPE_UNKNOWN} (5). */
        UNKNOWN
    }

    /** No attributes at all. */
    public static final SftpFileAttributes NONE =
            new SftpFileAttributes(null, null, null, null, null, null, null, null, null, null);

    /**
     * Returns the attributes of a regular file with a size and permissions {@code 0644}.
     *
     * @param size the size in bytes
     * @return the attributes
     */
    public static SftpFileAttributes file(long size) {
        return new SftpFileAttributes(Type.REGULAR, size, null, null, null, null, 0644, null, null, null);
    }

    /**
     * Returns the attributes of a directory with permissions {@code 0755}.
     *
     * @return the attributes
     */
    public static SftpFileAttributes directory() {
        return new SftpFileAttributes(Type.DIRECTORY, null, null, null, null, null, 0755, null, null, null);
    }

    /**
     * Returns a copy with other permissions.
     *
     * @param bits POSIX permission bits, e.g. {@code 0600}
     * @return the copy
     */
    public SftpFileAttributes withPermissions(int bits) {
        return new SftpFileAttributes(type, size, uid, gid, owner, group, bits & 07777, accessTime, modifyTime,
                createTime);
    }

    /**
     * Returns a copy with another modification time (also used as access time when none is set).
     *
     * @param time the time
     * @return the copy
     */
    public SftpFileAttributes withModifyTime(Instant time) {
        return new SftpFileAttributes(type, size, uid, gid, owner, group, permissions, accessTime, time,
                createTime);
    }

    /**
     * Returns whether this names a directory.
     *
     * @return true for {@link Type#DIRECTORY}
     */
    public boolean isDirectory() {
        return type == Type.DIRECTORY;
    }

    /**
     * Returns the permission bits as {@code ls -l} shows them, e.g. {@code rw-r-----}.
     *
     * @return nine characters, or null when the permissions are absent
     */
    public String permissionString() {
        if (permissions == null) {
            return null;
        }
        String letters = "rwxrwxrwx";
        StringBuilder text = new StringBuilder(9);
        for (int bit = 0; bit < 9; bit++) {
            text.append((permissions & (0400 >> bit)) != 0 ? letters.charAt(bit) : '-');
        }
        return text.toString();
    }

    /**
     * Returns whether no attribute at all is present.
     *
     * @return true when every field is null
     */
    public boolean isEmpty() {
        return type == null && size == null && uid == null && gid == null && owner == null && group == null
                && permissions == null && accessTime == null && modifyTime == null && createTime == null;
    }

    /**
     * Lists the present attributes only, e.g. {@code {size=42, permissions=rw-r--r--}}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        add(text, "type", type);
        add(text, "size", size);
        add(text, "uid", uid);
        add(text, "gid", gid);
        add(text, "owner", owner);
        add(text, "group", group);
        add(text, "permissions", permissionString());
        add(text, "accessTime", accessTime);
        add(text, "modifyTime", modifyTime);
        add(text, "createTime", createTime);
        return text.toString();
    }

    private static void add(StringJoiner text, String name, Object value) {
        if (value != null) {
            text.add(name + "=" + value);
        }
    }
}
