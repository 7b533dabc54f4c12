package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The disk space a test gives the server: a capacity for the whole filesystem and quotas for the files below a
 * user's home directory (the user's root when they have none). Usage is what the files hold now, summed over the
 * tree at each check, so files the test put, deleted or truncated count at once, however they got there. A write
 * that would cross a limit fails whole with {@link FileStateException}; the bytes written before it stay.
 */
public final class DiskLimits {
    /** No limit. */
    public static final long UNLIMITED = -1;

    private final ServerContext context;
    private final Object lock = new Object();
    private long capacity = UNLIMITED;
    private final Map<String, Long> quotas = new LinkedHashMap<>();
    private volatile boolean limited;

    /**
     * Creates limits with none set.
     *
     * @param context the server's users and root
     */
    public DiskLimits(ServerContext context) {
        this.context = context;
    }

    /**
     * Sets the capacity of the whole filesystem.
     *
     * @param bytes at least 0, or {@link #UNLIMITED}
     */
    public void setCapacity(long bytes) {
        synchronized (lock) {
            capacity = bytes;
            publish();
        }
    }

    /**
     * Returns the capacity.
     *
     * @return bytes, or {@link #UNLIMITED}
     */
    public long capacity() {
        synchronized (lock) {
            return capacity;
        }
    }

    /**
     * Sets or removes a user's quota.
     *
     * @param user a user of the server
     * @param bytes at least 0, or {@link #UNLIMITED} to remove it
     */
    public void setQuota(String user, long bytes) {
        synchronized (lock) {
            if (bytes == UNLIMITED) {
                quotas.remove(user);
            } else {
                quotas.put(user, bytes);
            }
            publish();
        }
    }

    /**
     * Returns a user's quota.
     *
     * @param user the user
     * @return bytes, or {@link #UNLIMITED}
     */
    public long quota(String user) {
        synchronized (lock) {
            return quotas.getOrDefault(user, UNLIMITED);
        }
    }

    /**
     * Replaces every limit (for a reset to the built state).
     *
     * @param capacity the capacity or {@link #UNLIMITED}
     * @param quotas the quotas by user
     */
    public void restore(long capacity, Map<String, Long> quotas) {
        synchronized (lock) {
            this.capacity = capacity;
            this.quotas.clear();
            this.quotas.putAll(quotas);
            publish();
        }
    }

    private void publish() {
        limited = capacity != UNLIMITED || !quotas.isEmpty();
    }

    /**
     * Returns whether any limit is set; without one, writes are not checked at all.
     *
     * @return true when a capacity or a quota is set
     */
    public boolean limited() {
        return limited;
    }

    /**
     * Returns the lock that makes a check and the write it allows one step, so that two connections cannot both
     * take the last free bytes.
     *
     * @return the lock
     */
    public Object lock() {
        return lock;
    }

    /**
     * Checks that a file may grow, quotas first (a real filesystem charges the quota before it allocates).
     * Call it holding {@link #lock()}, and write before releasing it.
     *
     * @param file the file, in the server's filesystem
     * @param growth how many bytes the file grows by; 0 or less always passes
     * @throws FileStateException QUOTA_EXCEEDED or NO_SPACE_ON_FILESYSTEM
     */
    public void checkGrowth(Path file, long growth) throws FileStateException {
        if (growth <= 0) {
            return;
        }
        Path absolute = file.toAbsolutePath().normalize();
        for (Map.Entry<String, Long> quota : quotas.entrySet()) {
            Path directory = quotaDirectory(quota.getKey());
            if (directory != null && absolute.startsWith(directory) && usage(directory) + growth > quota.getValue()) {
                throw FileStateException.quotaExceeded();
            }
        }
        if (capacity != UNLIMITED && usage(context.serverRoot()) + growth > capacity) {
            throw FileStateException.noSpace();
        }
    }

    /**
     * Returns the bytes held by the regular files below a directory.
     *
     * @param directory the top
     * @return the sum of their sizes; 0 when it does not exist
     */
    public static long usage(Path directory) {
        long[] total = new long[1];
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        total[0] += attributes.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // removed while walking: it holds nothing
                }
            });
        } catch (IOException e) {
            return total[0];
        }
        return total[0];
    }

    /**
     * Returns the directory a user's quota covers: their home directory, or their root when they have none.
     *
     * @param user the user
     * @return the directory in the server's filesystem, or null for an unknown user
     */
    public Path quotaDirectory(String user) {
        UserAccount account = context.users().get(user);
        if (account == null) {
            return null;
        }
        Path root = context.userRoot(account);
        Path home = account.homeDirectory() == null ? root : PathConfinement.resolveInside(root,
                account.homeDirectory());
        return home.toAbsolutePath().normalize();
    }

    /**
     * Returns the store {@code statvfs@openssh.com} reports for a file: the limits that apply to it, with the
     * free space they leave, or the real store when none does.
     *
     * @param file the file, in the server's filesystem
     * @param real the store of the filesystem below
     * @return the store
     * @throws IOException when the real store cannot be read
     */
    public FileStore storeFor(Path file, FileStore real) throws IOException {
        if (!limited) {
            return real;
        }
        synchronized (lock) {
            Path absolute = file.toAbsolutePath().normalize();
            long total = capacity != UNLIMITED ? capacity : real.getTotalSpace();
            long free = capacity != UNLIMITED ? capacity - usage(context.serverRoot()) : real.getUsableSpace();
            for (Map.Entry<String, Long> quota : quotas.entrySet()) {
                Path directory = quotaDirectory(quota.getKey());
                if (directory != null && absolute.startsWith(directory)) {
                    total = Math.min(total, quota.getValue());
                    free = Math.min(free, quota.getValue() - usage(directory));
                }
            }
            return new LimitedStore(real, total, Math.max(0, free));
        }
    }

    /** A store with the totals of a limit; the rest is the real store's. */
    private static final class LimitedStore extends FileStore {
        private final FileStore real;
        private final long total;
        private final long free;

        LimitedStore(FileStore real, long total, long free) {
            this.real = Objects.requireNonNull(real);
            this.total = total;
            this.free = free;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public String type() {
            return real.type();
        }

        @Override
        public boolean isReadOnly() {
            return real.isReadOnly();
        }

        @Override
        public long getTotalSpace() {
            return total;
        }

        @Override
        public long getUsableSpace() {
            return free;
        }

        @Override
        public long getUnallocatedSpace() {
            return free;
        }

        @Override
        public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
            return real.supportsFileAttributeView(type);
        }

        @Override
        public boolean supportsFileAttributeView(String name) {
            return real.supportsFileAttributeView(name);
        }

        @Override
        public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
            return real.getFileStoreAttributeView(type);
        }

        @Override
        public Object getAttribute(String attribute) throws IOException {
            return switch (attribute) {
                case "totalSpace" -> total;
                case "usableSpace", "unallocatedSpace" -> free;
                default -> real.getAttribute(attribute);
            };
        }
    }
}
