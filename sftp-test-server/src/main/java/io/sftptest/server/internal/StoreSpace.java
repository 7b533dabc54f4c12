package io.sftptest.server.internal;

import java.io.IOException;
import java.nio.file.FileStore;

/**
 * The space of a file store in the blocks of a {@code statvfs} answer: what {@code statvfs@openssh.com} reports and
 * the emulated {@code df} prints, so that both agree.
 *
 * @param name the store's name, e.g. {@code jimfs} or {@code /dev/sda1}
 * @param blockSize the size of a block in bytes ({@code f_bsize} and {@code f_frsize})
 * @param blocks the blocks in all ({@code f_blocks})
 * @param free the free blocks ({@code f_bfree})
 * @param available the blocks free to an unprivileged user ({@code f_bavail})
 */
record StoreSpace(String name, long blockSize, long blocks, long free, long available) {
    private static final long BLOCK_SIZE = 4096;

    /** Reads the space of a store now. */
    static StoreSpace of(FileStore store) throws IOException {
        return new StoreSpace(store.name(), BLOCK_SIZE, store.getTotalSpace() / BLOCK_SIZE,
                store.getUnallocatedSpace() / BLOCK_SIZE, store.getUsableSpace() / BLOCK_SIZE);
    }
}
