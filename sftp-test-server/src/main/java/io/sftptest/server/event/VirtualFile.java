package io.sftptest.server.event;

import io.sftptest.server.SftpFileAttributes;

import java.util.Objects;

/**
 * One entry of a directory listing served by a listener (seed: SetFileList), see
 * {@link DirListEvent#setFileList(java.util.List)}.
 *
 * <pre>{@code
 * e.setFileList(List.of(VirtualFile.file("a.csv", 12), VirtualFile.directory("archive")));
 * }</pre>
 *
 * @param name the entry name, without a directory part
 * @param attributes its attributes
 */
public record VirtualFile(String name, SftpFileAttributes attributes) {
    /**
     * Checks the fields.
     *
     * @param name the entry name, without a directory part
     * @param attributes its attributes (null: none)
     */
    public VirtualFile {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("virtual file name \"" + name
                    + "\" must be a plain name without \"/\": list the entries of one directory");
        }
        attributes = attributes == null ? SftpFileAttributes.NONE : attributes;
    }

    /**
     * Returns a regular file entry.
     *
     * @param name the name
     * @param size the size in bytes
     * @return the entry
     */
    public static VirtualFile file(String name, long size) {
        return new VirtualFile(name, SftpFileAttributes.file(size));
    }

    /**
     * Returns a directory entry.
     *
     * @param name the name
     * @return the entry
     */
    public static VirtualFile directory(String name) {
        return new VirtualFile(name, SftpFileAttributes.directory());
    }
}
