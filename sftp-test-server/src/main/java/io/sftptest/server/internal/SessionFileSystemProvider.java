package io.sftptest.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.common.file.root.RootedDirectoryStream;
import org.apache.sshd.common.file.root.RootedFileSystem;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;

/**
 * MINA's rooted filesystem for one session, with the {@link FileState} in front of the filesystem below: writes
 * are checked against the disk limits, opens are recorded, and with locking on, a file another party holds open
 * cannot be opened for writing, renamed or deleted. Refusals are {@link FileStateException}s, which MINA answers
 * with their status like any other failure, so SFTP (and anything else that uses the session's filesystem) gets
 * them without a hook in the request path.
 */
final class SessionFileSystemProvider extends RootedFileSystemProvider {
    private static final Set<OpenOption> DEFAULT_WRITE = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);

    private final FileState state;
    private final Long owner;
    private final Set<FileChannel> open = ConcurrentHashMap.newKeySet();

    SessionFileSystemProvider(FileState state, long connectionId) {
        this.state = state;
        this.owner = connectionId;
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        Path file = unroot(path);
        boolean writing = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        AtomicReference<FileChannel> self = new AtomicReference<>();
        FileChannel channel = state.open(file, owner, writing, options.contains(StandardOpenOption.APPEND),
                () -> super.newFileChannel(path, options, attrs), () -> open.remove(self.get()));
        self.set(channel);
        open.add(channel);
        return channel;
    }

    /**
     * Makes the session's filesystem close the files still open when MINA closes it (the SFTP session ended):
     * whatever happened to the handles, the files are no longer held open by this connection. It is not entered
     * in MINA's table of filesystems by root, which {@link #getFileSystem(Path)} therefore does not look in.
     */
    @Override
    protected FileSystem newFileSystem(Object src, Path path, Map<String, ?> env) throws IOException {
        return new RootedFileSystem(this, path, env) {
            @Override
            public void close() throws IOException {
                for (FileChannel channel : List.copyOf(open)) {
                    channel.close();
                }
            }
        };
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public InputStream newInputStream(Path path, OpenOption... options) throws IOException {
        for (OpenOption option : options) {
            if (option == StandardOpenOption.APPEND || option == StandardOpenOption.WRITE) {
                throw new UnsupportedOperationException("'" + option + "' not allowed");
            }
        }
        return Channels.newInputStream(newFileChannel(path, new HashSet<>(Arrays.asList(options))));
    }

    @Override
    public OutputStream newOutputStream(Path path, OpenOption... options) throws IOException {
        Set<OpenOption> set = options.length == 0 ? new HashSet<>(DEFAULT_WRITE) : new HashSet<>(List.of(options));
        if (set.contains(StandardOpenOption.READ)) {
            throw new IllegalArgumentException("READ not allowed");
        }
        set.add(StandardOpenOption.WRITE);
        return Channels.newOutputStream(newFileChannel(path, set));
    }

    @Override
    public void delete(Path path) throws IOException {
        state.openFiles().checkChange(unroot(path), owner, false);
        super.delete(path);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        state.openFiles().checkChange(unroot(path), owner, false);
        return super.deleteIfExists(path);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        state.openFiles().checkChange(unroot(source), owner, false);
        state.openFiles().checkChange(unroot(target), owner, false);
        super.move(source, target, options);
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        Path to = unroot(target);
        state.openFiles().checkChange(to, owner, true);
        DiskLimits disk = state.disk();
        if (!disk.limited()) {
            super.copy(source, target, options);
            return;
        }
        synchronized (disk.lock()) {
            Path from = unroot(source);
            long replaced = Arrays.asList(options).contains(StandardCopyOption.REPLACE_EXISTING)
                    && Files.isRegularFile(to) ? Files.size(to) : 0;
            long size = Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS) ? Files.size(from) : 0;
            disk.checkGrowth(to, size - replaced);
            super.copy(source, target, options);
        }
    }

    @Override
    protected RootedFileSystem getFileSystem(Path path) {
        return (RootedFileSystem) path.getFileSystem();
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        return state.disk().storeFor(unroot(path), super.getFileStore(path));
    }

    /**
     * Hands out plain directory streams while a limit or locking is on: a {@link SecureDirectoryStream} opens and
     * deletes files by names relative to itself, below this provider, where nothing could be checked. MINA uses
     * one only for a no-follow copy, which then answers OP_UNSUPPORTED.
     */
    @Override
    protected DirectoryStream<Path> root(RootedFileSystem rfs, DirectoryStream<Path> ds) {
        return state.guarding() ? new RootedDirectoryStream(rfs, ds) : super.root(rfs, ds);
    }
}
