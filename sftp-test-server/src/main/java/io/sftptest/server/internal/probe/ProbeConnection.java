package io.sftptest.server.internal.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.probe.Reply.Attrs;
import io.sftptest.server.internal.probe.Reply.Name;

/**
 * The probe's SFTP v3 connection: one session and one channel at a time, opened again when the server closed either
 * (a check that sends an oversized write may end the channel), with the few file operations the checks are made of.
 */
final class ProbeConnection implements AutoCloseable {
    static final int READ = SftpConstants.SSH_FXF_READ;
    static final int WRITE = SftpConstants.SSH_FXF_WRITE;
    static final int APPEND = SftpConstants.SSH_FXF_APPEND;
    static final int CREAT = SftpConstants.SSH_FXF_CREAT;
    static final int TRUNC = SftpConstants.SSH_FXF_TRUNC;
    static final int EXCL = SftpConstants.SSH_FXF_EXCL;
    static final int NO_SUCH_FILE = SftpConstants.SSH_FX_NO_SUCH_FILE;

    /** The chunk size of uploads: what every server accepts. */
    private static final int CHUNK = 32 * 1024;

    private final SshConnector connector;
    private ClientSession session;
    private SftpChannel channel;
    private SftpChannel.Version version;
    private volatile boolean cancelled;

    ProbeConnection(SshConnector connector) {
        this.connector = connector;
    }

    /**
     * Opens the session (when there is none, or the server closed it) and an SFTP v3 channel.
     *
     * @return the server's answer to {@code SSH_FXP_INIT} for version 3
     * @throws IOException when the connection, login or channel fails
     */
    synchronized SftpChannel.Version open() throws IOException {
        checkCancelled();
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (session == null || !session.isOpen()) {
            session = connector.connect();
        }
        SftpChannel opened = SftpChannel.open(session, connector.timeout());
        version = opened.init(3);
        channel = opened;
        return version;
    }

    /**
     * The current session, opening one first when there is none.
     *
     * @return an authenticated session
     * @throws IOException when none can be opened
     */
    synchronized ClientSession session() throws IOException {
        checkCancelled();
        if (session == null || !session.isOpen()) {
            session = connector.connect();
        }
        return session;
    }

    SftpChannel.Version version() {
        return version;
    }

    /** Ends the session, so that whatever waits on it returns at once: the probe is being stopped. */
    void cancel() {
        cancelled = true;
        ClientSession current = session;
        if (current != null) {
            current.close(true);
        }
    }

    /** Abandons the channel (a request on it timed out); the next request opens another. */
    synchronized void dropChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Ends the session (the server is closing it, or refused it something); the next request opens another. */
    synchronized void dropSession() {
        dropChannel();
        if (session != null) {
            session.close(true);
            session = null;
        }
    }

    boolean isCancelled() {
        return cancelled;
    }

    /**
     * Lets the connection be used again after {@link #cancel()}, to clean up.
     */
    synchronized void resume() {
        cancelled = false;
        channel = null;
        session = null;
    }

    private void checkCancelled() throws IOException {
        if (cancelled) {
            throw new ChannelClosedException("the probe was stopped", null);
        }
    }

    private SftpChannel channel() throws IOException {
        checkCancelled();
        if (channel == null || !channel.isOpen()) {
            SftpChannel.Version answer = open();
            if (answer.refusal() != null) {
                throw new IOException("the server refused SFTP version 3: " + Statuses.describe(answer.refusal()));
            }
        }
        return channel;
    }

    Reply call(int type, Consumer<Buffer> body) throws IOException {
        return channel().call(type, body);
    }

    Reply extended(String name, Consumer<Buffer> body) throws IOException {
        return channel().extended(name, body);
    }

    // ------------------------------------------------------------------ operations

    Answer mkdir(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_MKDIR, b -> {
            b.putString(path);
            b.putInt(0);
        }).answer();
    }

    Answer rmdir(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_RMDIR, b -> b.putString(path)).answer();
    }

    Answer remove(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_REMOVE, b -> b.putString(path)).answer();
    }

    Reply lstat(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_LSTAT, b -> b.putString(path));
    }

    Reply stat(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_STAT, b -> b.putString(path));
    }

    Reply realpath(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_REALPATH, b -> b.putString(path));
    }

    Reply open(String path, int flags) throws IOException {
        return call(SftpConstants.SSH_FXP_OPEN, b -> {
            b.putString(path);
            b.putInt(flags);
            b.putInt(0);
        });
    }

    Answer close(byte[] handle) throws IOException {
        return call(SftpConstants.SSH_FXP_CLOSE, b -> b.putBytes(handle)).answer();
    }

    Reply read(byte[] handle, long offset, int length) throws IOException {
        return call(SftpConstants.SSH_FXP_READ, b -> {
            b.putBytes(handle);
            b.putLong(offset);
            b.putInt(length);
        });
    }

    Answer write(byte[] handle, long offset, byte[] data) throws IOException {
        return call(SftpConstants.SSH_FXP_WRITE, b -> {
            b.putBytes(handle);
            b.putLong(offset);
            b.putBytes(data);
        }).answer();
    }

    /** SETSTAT of the access and modification times. */
    Answer setTimes(String path, long epochSeconds) throws IOException {
        return call(SftpConstants.SSH_FXP_SETSTAT, b -> {
            b.putString(path);
            putTimes(b, epochSeconds);
        }).answer();
    }

    /** FSETSTAT of the access and modification times. */
    Answer setTimes(byte[] handle, long epochSeconds) throws IOException {
        return call(SftpConstants.SSH_FXP_FSETSTAT, b -> {
            b.putBytes(handle);
            putTimes(b, epochSeconds);
        }).answer();
    }

    static void putTimes(Buffer b, long epochSeconds) {
        b.putInt(SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME);
        b.putUInt(epochSeconds);
        b.putUInt(epochSeconds);
    }

    Answer rename(String from, String to) throws IOException {
        return call(SftpConstants.SSH_FXP_RENAME, b -> {
            b.putString(from);
            b.putString(to);
        }).answer();
    }

    /** SSH_FXP_SYMLINK with its two paths in the order given (servers disagree on the order). */
    Answer symlink(String first, String second) throws IOException {
        return call(SftpConstants.SSH_FXP_SYMLINK, b -> {
            b.putString(first);
            b.putString(second);
        }).answer();
    }

    Reply readlink(String path) throws IOException {
        return call(SftpConstants.SSH_FXP_READLINK, b -> b.putString(path));
    }

    /**
     * Uploads a file, creating or truncating it.
     *
     * @param path the path
     * @param content the bytes
     * @throws IOException when the server refuses any step, with its answer
     */
    void put(String path, byte[] content) throws IOException {
        byte[] handle = open(path, WRITE | CREAT | TRUNC).handle();
        try {
            for (int at = 0; at < content.length; at += CHUNK) {
                byte[] chunk = Arrays.copyOfRange(content, at, Math.min(content.length, at + CHUNK));
                Answer answer = write(handle, at, chunk);
                if (!answer.isOk()) {
                    throw new Reply.UnexpectedAnswerException(answer, "writing " + path + ": "
                            + Statuses.describe(answer));
                }
            }
        } finally {
            close(handle);
        }
    }

    void put(String path, String content) throws IOException {
        put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Downloads a small file.
     *
     * @param path the path
     * @return its bytes
     * @throws IOException when the server refuses any step
     */
    byte[] get(String path) throws IOException {
        byte[] handle = open(path, READ).handle();
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            while (true) {
                Reply reply = read(handle, content.size(), CHUNK);
                if (reply.type() == SftpConstants.SSH_FXP_STATUS && reply.answer().status() == SftpConstants.SSH_FX_EOF) {
                    return content.toByteArray();
                }
                content.writeBytes(reply.data());
            }
        } finally {
            close(handle);
        }
    }

    /**
     * The attributes of a path, without following a link.
     *
     * @param path the path
     * @return the attributes, or null when the server answers with a status
     * @throws IOException when the channel fails
     */
    Attrs attrsOrNull(String path) throws IOException {
        Reply reply = lstat(path);
        return reply.type() == SftpConstants.SSH_FXP_ATTRS ? reply.attrs() : null;
    }

    /** One directory listing: the entries of each {@code SSH_FXP_NAME} answer, in order. */
    List<List<Name>> listInBatches(String path) throws IOException {
        byte[] handle = call(SftpConstants.SSH_FXP_OPENDIR, b -> b.putString(path)).handle();
        List<List<Name>> batches = new ArrayList<>();
        try {
            while (true) {
                Reply reply = call(SftpConstants.SSH_FXP_READDIR, b -> b.putBytes(handle));
                if (reply.type() == SftpConstants.SSH_FXP_STATUS) {
                    Answer answer = reply.answer();
                    if (answer.status() == SftpConstants.SSH_FX_EOF) {
                        return batches;
                    }
                    throw new Reply.UnexpectedAnswerException(answer, "listing " + path + ": "
                            + Statuses.describe(answer));
                }
                List<Name> names = reply.names();
                if (names.isEmpty()) {
                    return batches;
                }
                batches.add(names);
                if (batches.size() > 100_000) {
                    throw new IOException("listing " + path + " does not end");
                }
            }
        } finally {
            close(handle);
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (session != null) {
            session.close(true);
            session = null;
        }
    }
}
