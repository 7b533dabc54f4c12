package io.sftptest.server;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The file attributes a client sent with a request ({@code SETSTAT}, {@code FSETSTAT}, {@code MKDIR},
 * {@code OPEN}). Each component is null when the client did not send it. Immutable.
 *
 * <pre>{@code
 * RecordedRequest chmod = server.recording().requests(RequestFilter.operation(SftpOperation.SETSTAT)).get(0);
 * assertEquals("rw-r-----", chmod.attributes().permissionString());
 * }</pre>
 *
 * @param size the file size (truncate or extend), or null
 * @param uid the numeric owner (SFTP v3), or null
 * @param gid the numeric group (SFTP v3), or null
 * @param owner the owner name (SFTP v4 and up), or null
 * @param group the group name (SFTP v4 and up), or null
 * @param permissions the POSIX permissions, or null
 * @param accessTime the last access time, or null
 * @param modifyTime the last modification time, or null
 */
public record SftpAttributes(Long size, Integer uid, Integer gid, String owner, String group,
        Set<PosixFilePermission> permissions, Instant accessTime, Instant modifyTime) {

    /**
     * Creates the attributes; the permission set is copied.
     *
     * @param size the file size, or null
     * @param uid the numeric owner, or null
     * @param gid the numeric group, or null
     * @param owner the owner name, or null
     * @param group the group name, or null
     * @param permissions the POSIX permissions, or null
     * @param accessTime the last access time, or null
     * @param modifyTime the last modification time, or null
     */
    public SftpAttributes {
        permissions = permissions == null ? null : Set.copyOf(permissions);
    }

    /**
     * Returns the permissions in {@code ls} form, e.g. {@code rw-r--r--}.
     *
     * @return the nine permission characters, or null when the client sent no permissions
     */
    public String permissionString() {
        return permissions == null ? null : PosixFilePermissions.toString(permissions);
    }

    /**
     * Returns whether the client sent no attribute at all.
     *
     * @return true when every component is null
     */
    public boolean isEmpty() {
        return size == null && uid == null && gid == null && owner == null && group == null && permissions == null
                && accessTime == null && modifyTime == null;
    }

    /**
     * Returns the attributes sent, e.g. {@code {size=0, permissions=rw-r--r--}}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "{", "}");
        if (size != null) {
            text.add("size=" + size);
        }
        if (uid != null) {
            text.add("uid=" + uid);
        }
        if (gid != null) {
            text.add("gid=" + gid);
        }
        if (owner != null) {
            text.add("owner=" + owner);
        }
        if (group != null) {
            text.add("group=" + group);
        }
        if (permissions != null) {
            text.add("permissions=" + permissionString());
        }
        if (accessTime != null) {
            text.add("accessTime=" + accessTime);
        }
        if (modifyTime != null) {
            text.add("modifyTime=" + modifyTime);
        }
        return text.toString();
    }
}
