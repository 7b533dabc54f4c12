package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A file channel of a client: each write that makes the file larger is checked against the disk limits first (the
 * check and the write are one step), and closing it ends the open-file record that file locking looks at.
 */
final class LimitedFileChannel extends FileChannel {
    private static final int TRANSFER_CHUNK = 64 * 1024;

    private final FileChannel delegate;
    private final Path file;
    private final DiskLimits disk;
    private final boolean append;
    private final Runnable openRecord;

    LimitedFileChannel(FileChannel delegate, Path file, DiskLimits disk, boolean append, Runnable openRecord) {
        this.delegate = delegate;
        this.file = file;
        this.disk = disk;
        this.append = append;
        this.openRecord = openRecord;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!disk.limited()) {
            return delegate.write(src);
        }
        synchronized (disk.lock()) {
            long at = append ? delegate.size() : delegate.position();
            disk.checkGrowth(file, at + src.remaining() - delegate.size());
            return delegate.write(src);
        }
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (!disk.limited()) {
            return delegate.write(src, position);
        }
        synchronized (disk.lock()) {
            disk.checkGrowth(file, position + src.remaining() - delegate.size());
            return delegate.write(src, position);
        }
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!disk.limited()) {
            return delegate.write(srcs, offset, length);
        }
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += srcs[i].remaining();
        }
        synchronized (disk.lock()) {
            long at = append ? delegate.size() : delegate.position();
            disk.checkGrowth(file, at + total - delegate.size());
            return delegate.write(srcs, offset, length);
        }
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        if (!disk.limited()) {
            return delegate.transferFrom(src, position, count);
        }
        // through write(ByteBuffer, long), so that each chunk is checked
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(TRANSFER_CHUNK, Math.max(1, count)));
        long done = 0;
        while (done < count) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
            int read = src.read(buffer);
            if (read <= 0) {
                break;
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                done += write(buffer, position + done);
            }
        }
        return done;
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        try {
            delegate.force(metaData);
        } catch (ClosedChannelException e) {
            throw closedBelow(e);
        }
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        if (mode != MapMode.READ_ONLY && disk.limited()) {
            // bytes written through a mapping would pass no check
            throw new UnsupportedOperationException("a writable mapping is not checked against the disk limits");
        }
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        try {
            delegate.close();
        } finally {
            openRecord.run();
        }
    }

    /**
     * Ends the open record when the channel below was closed under this one: MINA interrupts the SFTP thread of a
     * dropped connection, the interrupt closes the channel below, and MINA's close of the handle then fails in
     * {@link #force(boolean)} before it closes this channel, so the file would stay recorded as open.
     */
    private IOException closedBelow(ClosedChannelException e) {
        if (!delegate.isOpen()) {
            openRecord.run();
        }
        return e;
    }
}
