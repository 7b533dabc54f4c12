package io.sftptest.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.sftptest.server.event.FileCloseEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileWriteEvent;

/**
 * Ignores the APPEND flag, as servers that write at the offset a client sends do (mina-sshd#690): a WRITE through a
 * handle opened with {@code SSH_FXF_APPEND} lands at its offset instead of the end of the file. The listener writes
 * the data itself and answers OK, so the server's own append does not run.
 */
final class AppendIgnored implements SftpServerListener {
    private static final int APPEND_FLAG = 0x4;

    /** Connection id and handle of each open file that was opened with APPEND. */
    private final Set<String> appending = ConcurrentHashMap.newKeySet();

    @Override
    public void onFileOpen(FileOpenEvent e) {
        if (!e.beforeExec() && e.statusCode() == SftpStatus.OK && e.handle() != null && e.desiredAccess() == 0
                && (e.flags() & APPEND_FLAG) != 0) {
            appending.add(e.connectionId() + " " + e.handle());
        }
    }

    @Override
    public void onFileWrite(FileWriteEvent e) {
        if (!e.beforeExec() || e.file() == null || e.data() == null
                || !appending.contains(e.connectionId() + " " + e.handle())) {
            return;
        }
        try (FileChannel channel = FileChannel.open(e.file(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(e.data()), e.offset());
            e.setStatusCode(SftpStatus.OK);
        } catch (IOException failed) {
            e.setStatusCode(SftpStatus.FAILURE, failed.getMessage());
        }
    }

    @Override
    public void onFileClose(FileCloseEvent e) {
        if (!e.beforeExec()) {
            appending.remove(e.connectionId() + " " + e.handle());
        }
    }
}
