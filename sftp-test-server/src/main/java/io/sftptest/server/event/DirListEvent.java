package io.sftptest.server.event;

import java.nio.file.Path;
import java.util.function.Function;

import java.util.List;

import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * A client opens a directory for listing, {@code SSH_FXP_OPENDIR} (seed: DirList). The following
 * {@code SSH_FXP_READDIR} requests fire no event; closing the handle fires {@link FileCloseEvent}.
 *
 * <p>A listener can serve the listing itself with {@link #setFileList(List)} (seed: SetFileList) before
 * execution: the server then answers the listing from that list and does not open the directory. In
 * virtual mode this is the only source of listings (none set: an empty directory).
 */
public final class DirListEvent extends FileSystemEvent {
    private List<VirtualFile> fileList;

    /**
     * Creates the event.
     *
     * @param connectionId the connection
     * @param user the authenticated user
     * @param path the directory
     * @param fileList the listing served from a listener, or null
     * @param beforeExec true before the operation, false after it
     * @param statusCode null before execution, the outcome after it
     * @param statusMessage the outcome message, or null
     * @param files resolves a client path for {@link #file()}, or null for none
     */
    public DirListEvent(long connectionId, String user, String path, List<VirtualFile> fileList, boolean beforeExec,
            SftpStatus statusCode, String statusMessage, Function<String, Path> files) {
        super(connectionId, user, SftpOperation.OPENDIR, path, beforeExec, statusCode, statusMessage, files);
        this.fileList = fileList == null ? null : List.copyOf(fileList);
    }

    /**
     * Returns the listing a listener set.
     *
     * @return the entries, or null when the directory is listed from the filesystem
     */
    public List<VirtualFile> fileList() {
        return fileList;
    }

    /**
     * Serves this listing instead of the directory's content (seed: SetFileList). Works before execution.
     *
     * @param entries the entries, in the order clients receive them
     * @throws IllegalStateException after execution (the directory is already open)
     */
    public void setFileList(List<VirtualFile> entries) {
        if (!beforeExec()) {
            throw new IllegalStateException("setFileList works before execution (beforeExec() == true): the "
                    + "directory " + path() + " is already open");
        }
        this.fileList = List.copyOf(entries);
    }
}
