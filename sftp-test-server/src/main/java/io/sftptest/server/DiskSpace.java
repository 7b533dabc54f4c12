package io.sftptest.server;

import java.util.Objects;
import java.util.OptionalLong;

import io.sftptest.server.internal.DiskLimits;
import io.sftptest.server.internal.ServerContext;
import io.sftptest.server.internal.SettingText;

/**
 * The disk space of a server ({@link SftpTestServer#disk()}): a capacity for the whole filesystem and quotas per
 * user, for testing what client code does when the server's disk fills up.
 *
 * <pre>{@code
 * server.disk().capacity(1_000_000);          // the whole filesystem holds 1 MB
 * server.disk().quota("alice", 64 * 1024);     // the files below alice's home hold 64 KiB
 * }</pre>
 *
 * <p>A client {@code SSH_FXP_WRITE} that would make the files hold more fails whole, as a real server answers:
 * {@code SSH_FX_NO_SPACE_ON_FILESYSTEM} (message "No space left on device") or {@code SSH_FX_QUOTA_EXCEEDED}
 * ("Disk quota exceeded") for SFTP v5 and later, {@code SSH_FX_FAILURE} with the same message for v3 and v4 clients,
 * which know neither code. What was written before it stays: the file holds exactly the writes the server
 * acknowledged. Writes within a file's current size (overwriting) always pass; truncating, overwriting with a
 * smaller file and removing files free space at once. {@code statvfs@openssh.com} (OpenSSH's {@code df}) reports
 * the same numbers, in 4 KiB blocks: for a path below a user's home, the smaller of the user's quota and the
 * filesystem's free space.
 *
 * <p>Usage is what the files hold at the time of each write (regular files, by size), however they got there:
 * the test's own {@link SftpTestServer#putFile(String, byte[]) putFile} is never refused, and counts. A quota
 * covers the files below the user's {@link SftpTestServer.Builder#homeDirectory(String, String) home directory}
 * (their root when they have none), whoever writes there. Renames and links are not checked. Limits can change at
 * any time; {@link SftpTestServer#reset()} puts back those the builder set.
 */
public final class DiskSpace {
    private final DiskLimits limits;
    private final ServerContext context;
    private final Runnable requireFileSystem;

    DiskSpace(DiskLimits limits, ServerContext context, Runnable requireFileSystem) {
        this.limits = limits;
        this.context = context;
        this.requireFileSystem = requireFileSystem;
    }

    /**
     * Sets the capacity of the whole filesystem. It may be below what the files hold already: then every write
     * that grows a file fails.
     *
     * @param bytes at least 0
     * @return this
     * @throws IllegalArgumentException for a negative capacity
     */
    public DiskSpace capacity(long bytes) {
        requireFileSystem.run();
        limits.setCapacity(checkCapacity(bytes));
        return this;
    }

    /**
     * Returns the capacity.
     *
     * @return the bytes, or empty when the filesystem is unlimited
     */
    public OptionalLong capacity() {
        long capacity = limits.capacity();
        return capacity == DiskLimits.UNLIMITED ? OptionalLong.empty() : OptionalLong.of(capacity);
    }

    /**
     * Removes the capacity (quotas stay).
     *
     * @return this
     */
    public DiskSpace unlimited() {
        limits.setCapacity(DiskLimits.UNLIMITED);
        return this;
    }

    /**
     * Sets a user's quota: the bytes the files below their home directory may hold.
     *
     * @param user a user of this server
     * @param bytes at least 0
     * @return this
     * @throws IllegalArgumentException for a negative quota or a user the server does not know
     */
    public DiskSpace quota(String user, long bytes) {
        requireFileSystem.run();
        requireUser(user);
        limits.setQuota(user, checkQuota(user, bytes));
        return this;
    }

    /**
     * Returns a user's quota.
     *
     * @param user the user
     * @return the bytes, or empty when the user has none
     */
    public OptionalLong quota(String user) {
        long quota = limits.quota(Objects.requireNonNull(user, "user"));
        return quota == DiskLimits.UNLIMITED ? OptionalLong.empty() : OptionalLong.of(quota);
    }

    /**
     * Removes a user's quota.
     *
     * @param user the user
     * @return this
     */
    public DiskSpace removeQuota(String user) {
        limits.setQuota(Objects.requireNonNull(user, "user"), DiskLimits.UNLIMITED);
        return this;
    }

    /**
     * Returns what the files of the whole filesystem hold now.
     *
     * @return bytes
     */
    public long used() {
        requireFileSystem.run();
        return DiskLimits.usage(context.serverRoot());
    }

    /**
     * Returns what the files below a user's home directory (their root when they have none) hold now: what their
     * quota counts.
     *
     * @param user a user of this server
     * @return bytes
     */
    public long used(String user) {
        requireFileSystem.run();
        requireUser(user);
        return DiskLimits.usage(limits.quotaDirectory(user));
    }

    @Override
    public String toString() {
        return "DiskSpace[capacity " + (capacity().isPresent() ? capacity().getAsLong() : "unlimited") + "]";
    }

    /**
     * Reads a byte count as the command line, {@code @SftpServerTest} and personality parameters write it: a whole
     * number with an optional binary unit, {@code 1048576}, {@code 64KiB} (or {@code 64k}), {@code 10MiB} ({@code 10m}), {@code 2GiB}
     * ({@code 2g}).
     *
     * @param text the text
     * @return the bytes
     * @throws IllegalArgumentException naming the text and the form expected
     */
    public static long parseSize(String text) {
        return SettingText.size(Objects.requireNonNull(text, "text"));
    }

    static long checkCapacity(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("disk capacity must not be negative, was " + bytes
                    + ": use 0 for a disk that is full from the start, or leave the capacity out for no limit");
        }
        return bytes;
    }

    static long checkQuota(String user, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the quota of user \"" + user + "\" must not be negative, was " + bytes
                    + ": use 0 for a user who may store nothing, or removeQuota(\"" + user + "\") for no limit");
        }
        return bytes;
    }

    private void requireUser(String user) {
        Objects.requireNonNull(user, "user");
        if (!context.users().containsKey(user)) {
            throw new IllegalArgumentException("no user \"" + user + "\" on this server: quotas belong to its users "
                    + context.users().keySet() + "; add the user with .user(\"" + user + "\", ...) first");
        }
    }
}
