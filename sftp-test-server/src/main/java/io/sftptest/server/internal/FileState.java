package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The state of the server's files that a test controls: the disk limits, who holds which file open (and whether
 * that locks it), the clock that stamps file times, and the files the server itself keeps growing. It lives behind
 * the filesystem each session gets ({@link SessionFileSystemProvider}), not in the request path.
 */
public final class FileState {
    private final DiskLimits disk;
    private final OpenFiles openFiles = new OpenFiles();
    private final FileClock clock;
    private final FileGrowth growth = new FileGrowth();

    /**
     * Creates the state.
     *
     * @param disk the disk limits
     * @param clock the clock of the in-memory filesystem, or null for a real root directory (the OS stamps times)
     */
    public FileState(DiskLimits disk, FileClock clock) {
        this.disk = disk;
        this.clock = clock;
    }

    /**
     * Returns the disk limits.
     *
     * @return the limits
     */
    public DiskLimits disk() {
        return disk;
    }

    /**
     * Returns the open files and the locking switch.
     *
     * @return the table
     */
    public OpenFiles openFiles() {
        return openFiles;
    }

    /**
     * Returns the file clock.
     *
     * @return the clock, or null when the operating system stamps file times (a real root directory)
     */
    public FileClock clock() {
        return clock;
    }

    /**
     * Returns the files the server grows.
     *
     * @return the growth scheduler
     */
    public FileGrowth growth() {
        return growth;
    }

    /**
     * Puts back what the builder set (a new server, a reset): its disk limits, its locking switch, the clock's own
     * time; stops every growing file, and releases the files of connections that are gone (MINA closes their
     * handles a little later, and the next test must not meet a lock from the previous one).
     *
     * @param settings the built settings
     * @param connections the open connections
     */
    public void restore(ServerSettings settings, ConnectionRegistry connections) {
        growth.stopAll();
        disk.restore(settings.diskCapacity(), settings.quotas());
        openFiles.releaseAll(owner -> owner instanceof Long id && connections.session(id) == null);
        openFiles.setLocking(settings.lockOpenFiles());
        if (clock != null) {
            clock.reset();
        }
    }

    /** Opens a file channel: throws what the underlying filesystem throws. */
    @FunctionalInterface
    interface Opener {
        FileChannel open() throws IOException;
    }

    /**
     * Opens a file for a client: refuses to open for writing a file another party holds open (with locking on),
     * then records the open and checks the channel's writes against the disk limits.
     *
     * @param file the file in the server's filesystem
     * @param owner the client's connection id
     * @param writing whether the open allows writing
     * @param append whether writes go to the end whatever the position
     * @param opener opens the underlying channel
     * @param onClose also run when the channel closes
     * @return the channel the client's handle uses
     * @throws IOException LOCK_CONFLICT, or what the opener throws
     */
    FileChannel open(Path file, Object owner, boolean writing, boolean append, Opener opener, Runnable onClose)
            throws IOException {
        FileChannel channel;
        Runnable record;
        if (openFiles.locking()) {
            synchronized (openFiles) { // two writers must not both pass the check before either is recorded
                if (writing) {
                    openFiles.checkChange(file, owner, true);
                }
                channel = opener.open();
                record = openFiles.hold(file, owner);
            }
        } else {
            channel = opener.open();
            record = openFiles.hold(file, owner);
        }
        Runnable release = record;
        return new LimitedFileChannel(channel, file, disk, append, () -> {
            release.run();
            onClose.run();
        });
    }

    /**
     * Returns whether requests must pass through this state at all: a limit or locking is on.
     *
     * @return true when something may be refused
     */
    boolean guarding() {
        return disk.limited() || openFiles.locking();
    }
}
