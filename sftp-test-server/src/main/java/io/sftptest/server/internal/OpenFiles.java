package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Which files are open, and by whom: SFTP connections (through their handles), the test, and the writers of
 * growing files. With locking on, a Windows-like server refuses to open for writing, rename or delete a file that
 * another party holds open. Opens are tracked whether locking is on or not, so that turning it on takes effect
 * for files already open.
 */
public final class OpenFiles {
    private final Map<Object, List<Holder>> holders = new HashMap<>();
    private volatile boolean locking;

    /** One party holding a file open. */
    private record Holder(Object owner, Object key) {
    }

    /**
     * Turns locking on or off.
     *
     * @param on true for Windows-like sharing violations
     */
    public void setLocking(boolean on) {
        locking = on;
    }

    /**
     * Returns whether locking is on.
     *
     * @return true when conflicting requests are refused
     */
    public boolean locking() {
        return locking;
    }

    /**
     * Refuses a change (open for writing, rename, delete) of a file another party holds open, when locking is on.
     * A file that does not exist passes.
     *
     * @param file the file
     * @param owner who asks: a connection id, or another owner
     * @param followLinks true for an open (which follows a final link), false for a rename or delete (which act on
     *        the link itself)
     * @throws FileStateException LOCK_CONFLICT
     */
    public void checkChange(Path file, Object owner, boolean followLinks) throws FileStateException {
        if (!locking) {
            return;
        }
        Object key = keyOf(file, followLinks);
        if (key == null) {
            return;
        }
        synchronized (holders) {
            for (Holder holder : holders.getOrDefault(key, List.of())) {
                if (!holder.owner().equals(owner)) {
                    throw FileStateException.lockConflict();
                }
            }
        }
    }

    /**
     * Records that a party holds a file open.
     *
     * @param file the file, which exists
     * @param owner who holds it
     * @return ends the record (idempotent); does nothing when the file has gone meanwhile
     */
    public Runnable hold(Path file, Object owner) {
        Object key = keyOf(file, true);
        if (key == null) {
            return () -> { };
        }
        Holder holder = new Holder(owner, key);
        synchronized (holders) {
            holders.computeIfAbsent(key, k -> new ArrayList<>(1)).add(holder);
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(holder);
            }
        };
    }

    private void release(Holder holder) {
        synchronized (holders) {
            List<Holder> list = holders.get(holder.key());
            if (list != null) {
                // identity: the same party may hold the same file open twice
                list.removeIf(h -> h == holder);
                if (list.isEmpty()) {
                    holders.remove(holder.key());
                }
            }
        }
    }

    /**
     * Forgets every holder whose owner matches (a reset).
     *
     * @param owners which owners to forget
     */
    public void releaseAll(Predicate<Object> owners) {
        synchronized (holders) {
            holders.values().forEach(list -> list.removeIf(holder -> owners.test(holder.owner())));
            holders.values().removeIf(List::isEmpty);
        }
    }

    /**
     * Returns how many parties hold a file open.
     *
     * @param file the file
     * @return the count, 0 when it does not exist
     */
    public int holderCount(Path file) {
        Object key = keyOf(file, true);
        synchronized (holders) {
            return key == null ? 0 : holders.getOrDefault(key, List.of()).size();
        }
    }

    /** The file's identity, which a rename keeps: its file key (inode), or its normalised path without one. */
    private static Object keyOf(Path file, boolean followLinks) {
        try {
            BasicFileAttributes attributes = followLinks ? Files.readAttributes(file, BasicFileAttributes.class)
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return null;
            }
            Object key = attributes.fileKey();
            return key != null ? key : file.toRealPath().toString();
        } catch (IOException e) {
            return null;
        }
    }
}
