package io.sftptest.server.internal;

import java.nio.file.FileSystem;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.FileTimeSource;
import com.google.common.jimfs.Jimfs;
import com.google.common.jimfs.PathNormalization;

/** Creates the per-server in-memory filesystem. */
public final class InMemoryFileSystem {
    // Jimfs caps a filesystem at 4 GiB by default; the JVM heap is the real limit in a test. Jimfs has no
    // sparse files: a client write at offset 64 GiB allocates every block below it, so a cap above the
    // heap turns one absurd SFTP write into an OutOfMemoryError. Below it, Jimfs answers "out of disk
    // space", which the client gets as a status.
    private static final long MAX_SIZE = Runtime.getRuntime().maxMemory() / 4 * 3;
    // Jimfs keeps freed blocks for reuse up to maxSize by default, so a deleted 1 GiB file would
    // stay in the heap until the server closes; keep only a small pool.
    private static final long MAX_CACHE_SIZE = 16L << 20;
    private static final int BLOCK_SIZE = 64 * 1024;
    private static final FileTimeSource SYSTEM_TIME = () -> FileTime.from(Instant.now());

    private InMemoryFileSystem() {
    }

    /**
     * Creates a new, unnamed Unix-style Jimfs instance with the attribute views that MINA's SFTP
     * attribute code needs ("posix" and "unix"; with "basic" alone {@code stat} fails).
     *
     * @return a fresh filesystem owned by the caller
     */
    public static FileSystem create() {
        return create(false, SYSTEM_TIME);
    }

    /**
     * Creates the filesystem of {@link #create()}, optionally with case-insensitive names: {@code /In/A.CSV}
     * finds {@code /in/a.csv}, and a listing shows each name as it was created (as on Windows).
     *
     * @param caseInsensitive true to fold ASCII case when looking names up
     * @param clock stamps the times of files and directories
     * @return a fresh filesystem owned by the caller
     */
    public static FileSystem create(boolean caseInsensitive, FileTimeSource clock) {
        // Jimfs' Unix configuration creates its working directory "/work"; clients would find it in
        // every fresh server's root (and mkdir /work would fail), so the root is the working directory.
        Configuration.Builder builder = Configuration.unix().toBuilder();
        if (caseInsensitive) {
            builder.setNameCanonicalNormalization(PathNormalization.CASE_FOLD_ASCII);
        }
        Configuration configuration = builder
                .setWorkingDirectory("/")
                .setAttributeViews("basic", "owner", "posix", "unix")
                .setMaxSize(MAX_SIZE)
                .setMaxCacheSize(MAX_CACHE_SIZE)
                .setBlockSize(BLOCK_SIZE)
                .setFileTimeSource(clock)
                .build();
        return Jimfs.newFileSystem(configuration);
    }
}
