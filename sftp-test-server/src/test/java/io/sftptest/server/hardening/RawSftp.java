package io.sftptest.server.hardening;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.SftpTestServer;
import io.sftptest.server.internal.SharedIoForTests;

/**
 * An SFTP channel driven by hand: hand-built packets go into an authenticated SSH channel as they
 * are, and the replies come back as raw buffers. For sending what no SFTP client library would send.
 */
final class RawSftp implements AutoCloseable {
    private static final Buffer EOF = new ByteArrayBuffer(0);
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final ClientSession session;
    private final ChannelSubsystem channel;
    private final OutputStream out;
    private final BlockingQueue<Buffer> replies = new LinkedBlockingQueue<>();
    private final boolean ownsSession;
    private volatile boolean closedByServer;

    private RawSftp(ClientSession session, boolean ownsSession) throws IOException {
        this.session = session;
        this.ownsSession = ownsSession;
        this.channel = session.createSubsystemChannel("sftp");
        channel.open().verify(REPLY_TIMEOUT);
        this.out = channel.getInvertedIn();
        InputStream in = channel.getInvertedOut();
        Thread reader = new Thread(() -> readReplies(in), "raw-sftp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Creates an SSH client for these tests; the caller stops it. */
    static SshClient startClient() {
        SshClient client = SshClient.setUpDefaultClient();
        // MINA's own NIO2 set-up gives the client's channel group one event thread, which can strand a
        // queued event (SharedIo says how); these tests are about the server, so their client is spared that
        client.setIoServiceFactoryFactory(SharedIoForTests.serviceFactories());
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client;
    }

    /** Connects and authenticates a session; the caller closes it. */
    static ClientSession login(SshClient client, SftpTestServer server, String user, String password)
            throws IOException {
        ClientSession session = client.connect(user, server.host(), server.port()).verify(REPLY_TIMEOUT)
                .getSession();
        session.addPasswordIdentity(password);
        try {
            session.auth().verify(LOGIN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            // a hang guard: when it trips, the threads' stacks say where the login stood
            e.addSuppressed(new IllegalStateException("threads when the login timed out:\n" + threadDump()));
            session.close(true);
            throw e;
        }
        return session;
    }

    static String threadDump() {
        return threadDump(info -> true, Integer.MAX_VALUE);
    }

    /** The stacks of the threads that {@code which} accepts, each cut to {@code maxFrames} frames. */
    static String threadDump(java.util.function.Predicate<java.lang.management.ThreadInfo> which, int maxFrames) {
        StringBuilder dump = new StringBuilder();
        for (java.lang.management.ThreadInfo info : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(true, true)) {
            if (!which.test(info)) {
                continue;
            }
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                dump.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                dump.append(" held by ").append(info.getLockOwnerName());
            }
            dump.append('\n');
            StackTraceElement[] stack = info.getStackTrace();
            for (int i = 0; i < Math.min(stack.length, maxFrames); i++) {
                dump.append("    at ").append(stack[i]).append('\n');
            }
        }
        return dump.toString();
    }

    /** Opens a raw SFTP channel on a new session; closing it closes the session. */
    static RawSftp open(SshClient client, SftpTestServer server, String user, String password) throws IOException {
        return new RawSftp(login(client, server, user, password), true);
    }

    /** Opens another raw SFTP channel on an existing session; closing it leaves the session open. */
    static RawSftp openOn(ClientSession session) throws IOException {
        return new RawSftp(session, false);
    }

    ClientSession session() {
        return session;
    }

    /** Sends SSH_FXP_INIT and returns the version the server answered. */
    int init(int version) throws IOException {
        Buffer packet = new ByteArrayBuffer();
        packet.putInt(0);
        packet.putByte((byte) SftpConstants.SSH_FXP_INIT);
        packet.putInt(version);
        sendFramed(packet);
        Buffer reply = reply();
        if (reply == null || reply.getUByte() != SftpConstants.SSH_FXP_VERSION) {
            throw new IOException("no SSH_FXP_VERSION reply");
        }
        return reply.getInt();
    }

    /** Sends a well-framed request: length, type, id, then what the body writer puts. */
    void send(int type, int id, Consumer<Buffer> body) throws IOException {
        Buffer packet = new ByteArrayBuffer();
        packet.putInt(0);
        packet.putByte((byte) type);
        packet.putInt(id);
        body.accept(packet);
        sendFramed(packet);
    }

    private void sendFramed(Buffer packet) throws IOException {
        int length = packet.available() - Integer.BYTES;
        byte[] bytes = packet.getCompactData();
        bytes[0] = (byte) (length >>> 24);
        bytes[1] = (byte) (length >>> 16);
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        sendRaw(bytes);
    }

    /** Sends bytes as they are. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Returns the next reply (type byte first), or null once the server closed the channel. */
    Buffer reply() throws IOException {
        return reply(REPLY_TIMEOUT);
    }

    Buffer reply(Duration timeout) throws IOException {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Buffer reply = null;
            while (reply == null) {
                reply = replies.poll(20, TimeUnit.MILLISECONDS);
                if (reply == null && (channel.isClosing() || channel.isClosed())) {
                    closedByServer = true;
                    reply = EOF;
                }
                if (reply == null && System.nanoTime() > deadline) {
                    throw new IOException("no reply within " + timeout.toMillis() + " ms: the server hangs");
                }
            }
            if (reply == EOF) {
                replies.add(EOF);
                return null;
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Reads the next reply and returns its status code; fails on anything but SSH_FXP_STATUS. */
    int status(int expectedId) throws IOException {
        Buffer reply = reply();
        if (reply == null) {
            throw new IOException("the server closed the channel instead of answering");
        }
        int type = reply.getUByte();
        int id = reply.getInt();
        if (type != SftpConstants.SSH_FXP_STATUS || id != expectedId) {
            throw new IOException("expected SSH_FXP_STATUS for id " + expectedId + ", got type " + type + " id " + id);
        }
        return reply.getInt();
    }

    /** Reads the next reply, expecting a handle. */
    String handle(int expectedId) throws IOException {
        Buffer reply = reply();
        if (reply == null) {
            throw new IOException("the server closed the channel instead of answering");
        }
        int type = reply.getUByte();
        int id = reply.getInt();
        if (type != SftpConstants.SSH_FXP_HANDLE || id != expectedId) {
            throw new IOException("expected SSH_FXP_HANDLE for id " + expectedId + ", got type " + type
                    + (type == SftpConstants.SSH_FXP_STATUS ? " status " + reply.getInt() : ""));
        }
        return reply.getString(StandardCharsets.ISO_8859_1);
    }

    /** Opens a file for reading and returns its handle. */
    String openForRead(int id, String path) throws IOException {
        send(SftpConstants.SSH_FXP_OPEN, id, b -> {
            b.putString(path);
            b.putInt(SftpConstants.SSH_FXF_READ);
            b.putInt(0);
        });
        return handle(id);
    }

    /** Whether the server closed this channel (end of its output seen). */
    boolean closedByServer() {
        return closedByServer;
    }

    /** Waits until the server closed the channel; returns false on timeout. */
    boolean awaitClosedByServer(Duration timeout) {
        return Waiting.poll(() -> closedByServer || channel.isClosed(), timeout);
    }

    private void readReplies(InputStream stream) {
        DataInputStream in = new DataInputStream(stream);
        try {
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length];
                in.readFully(body);
                replies.add(new ByteArrayBuffer(body));
            }
        } catch (EOFException e) {
            // the server closed the channel
        } catch (IOException e) {
            // the channel broke
        } finally {
            closedByServer = true;
            replies.add(EOF);
        }
    }

    @Override
    public void close() throws IOException {
        // graceful: an immediate close would not tell the server, which would count the channel as open
        channel.close(false).await(REPLY_TIMEOUT);
        if (ownsSession) {
            session.close(true);
        }
    }
}
