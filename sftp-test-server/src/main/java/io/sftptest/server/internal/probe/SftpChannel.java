package io.sftptest.server.internal.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;

/**
 * An SFTP channel spoken packet by packet, one request at a time, every wait bounded. The probe needs what an SFTP
 * client library hides: the exact version asked for in {@code SSH_FXP_INIT}, bytes a login script printed before the
 * version packet, the size of each answer, and the server's status messages verbatim.
 */
final class SftpChannel implements AutoCloseable {
    /** The longest stretch of bytes before the version packet that is taken for a login script's output. */
    static final int MAX_NOISE = 64 * 1024;

    /** Packets longer than this are taken for garbage rather than SFTP (a 1 MiB READ answer is well below). */
    private static final int MAX_PACKET = 8 * 1024 * 1024;

    private static final Object CLOSED = new Object();

    private final ChannelSubsystem channel;
    private final OutputStream out;
    private final Duration timeout;
    private final BlockingQueue<Object> packets = new LinkedBlockingQueue<>();
    private volatile byte[] noise = new byte[0];
    private int nextId = 1;
    private boolean closed;

    private SftpChannel(ChannelSubsystem channel, Duration timeout) {
        this.channel = channel;
        this.out = channel.getInvertedIn();
        this.timeout = timeout;
        InputStream in = channel.getInvertedOut();
        Thread reader = new Thread(() -> readPackets(in), "sftp-probe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Opens an SFTP subsystem channel; nothing is sent yet.
     *
     * @param session an authenticated session
     * @param timeout the bound of every wait
     * @return the channel
     * @throws IOException when the server refuses the channel or the subsystem
     */
    static SftpChannel open(ClientSession session, Duration timeout) throws IOException {
        ChannelSubsystem channel = session.createSubsystemChannel("sftp");
        try {
            channel.open().verify(timeout);
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            throw e;
        }
        return new SftpChannel(channel, timeout);
    }

    /** The answer to {@code SSH_FXP_INIT}: a version with its extensions, or a refusal. */
    record Version(int version, List<String[]> extensions, Answer refusal, String noise) {
    }

    /**
     * Sends {@code SSH_FXP_INIT} for a version and reads the answer, skipping (and keeping) any bytes before it.
     *
     * @param version the version asked for
     * @return the version answered with its extensions in order, or the status of a refusal
     * @throws IOException when the channel closes first or nothing comes within the timeout
     */
    Version init(int version) throws IOException {
        Buffer packet = new ByteArrayBuffer();
        packet.putInt(0);
        packet.putByte((byte) SftpConstants.SSH_FXP_INIT);
        packet.putInt(version);
        send(packet);
        Buffer reply = next("the answer to SSH_FXP_INIT");
        int type = reply.getUByte();
        String text = noise.length == 0 ? null : new String(noise, StandardCharsets.UTF_8);
        if (type == SftpConstants.SSH_FXP_STATUS) {
            reply.getInt();
            return new Version(0, List.of(), readStatus(reply), text);
        }
        if (type != SftpConstants.SSH_FXP_VERSION) {
            throw new IOException("the server answered SSH_FXP_INIT with packet type " + type
                    + " instead of SSH_FXP_VERSION");
        }
        int answered = reply.getInt();
        List<String[]> extensions = new ArrayList<>();
        while (reply.available() > 0) {
            String name = reply.getString();
            byte[] data = reply.getBytes();
            // ISO-8859-1 keeps every byte: binary data (supported2) is written to the file as Base64
            extensions.add(new String[] {name, new String(data, StandardCharsets.ISO_8859_1)});
        }
        return new Version(answered, extensions, null, text);
    }

    /**
     * Sends a request and waits for its answer.
     *
     * @param type the {@code SSH_FXP_*} request type
     * @param body writes the fields after the request id
     * @return the answer
     * @throws IOException when the channel closes first ({@link ChannelClosedException}) or nothing comes within the
     *         timeout ({@link ProbeTimeoutException})
     */
    Reply call(int type, Consumer<Buffer> body) throws IOException {
        int id = nextId++;
        Buffer packet = new ByteArrayBuffer();
        packet.putInt(0);
        packet.putByte((byte) type);
        packet.putInt(id);
        body.accept(packet);
        send(packet);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Buffer reply = next(deadline, "the answer to " + SftpConstants.getCommandMessageName(type));
            int replyType = reply.getUByte();
            int replyId = reply.getInt();
            if (replyId == id) {
                return new Reply(replyType, reply);
            }
            // a late answer to a request given up on earlier: not this one's
        }
    }

    /**
     * Sends an {@code SSH_FXP_EXTENDED} request.
     *
     * @param name the extension
     * @param body writes the fields after the name
     * @return the answer
     * @throws IOException as {@link #call(int, Consumer)}
     */
    Reply extended(String name, Consumer<Buffer> body) throws IOException {
        return call(SftpConstants.SSH_FXP_EXTENDED, b -> {
            b.putString(name);
            body.accept(b);
        });
    }

    /**
     * Whether the channel still carries requests.
     *
     * @return false once either side closed it
     */
    boolean isOpen() {
        return !closed && channel.isOpen() && !channel.isClosing();
    }

    private void send(Buffer packet) throws IOException {
        int length = packet.available() - Integer.BYTES;
        byte[] bytes = packet.getCompactData();
        bytes[0] = (byte) (length >>> 24);
        bytes[1] = (byte) (length >>> 16);
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw new ChannelClosedException("the server closed the SFTP channel (" + e.getMessage() + ")", e);
        }
    }

    private Buffer next(String what) throws IOException {
        return next(System.nanoTime() + timeout.toNanos(), what);
    }

    private Buffer next(long deadline, String what) throws IOException {
        Object packet;
        try {
            packet = packets.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelClosedException("interrupted while waiting for " + what, e);
        }
        if (packet == null) {
            throw new ProbeTimeoutException("no answer within " + timeout.toSeconds() + " s while waiting for " + what);
        }
        if (packet == CLOSED || packet instanceof IOException) {
            packets.add(packet);
            closed = true;
            throw new ChannelClosedException("the server closed the SFTP channel while the probe waited for " + what
                    + (packet instanceof IOException e ? " (" + e.getMessage() + ")" : ""),
                    packet instanceof IOException e ? e : null);
        }
        return new ByteArrayBuffer((byte[]) packet);
    }

    private void readPackets(InputStream in) {
        try {
            readFirstPacket(in);
            while (true) {
                byte[] header = in.readNBytes(Integer.BYTES);
                if (header.length < Integer.BYTES) {
                    break;
                }
                int length = toInt(header, 0);
                if (length < 1 || length > MAX_PACKET) {
                    packets.add(new IOException("the server sent a packet of " + (length & 0xFFFF_FFFFL)
                            + " bytes, which is no SFTP packet"));
                    return;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    break;
                }
                packets.add(body);
            }
            packets.add(CLOSED);
        } catch (IOException e) {
            packets.add(e);
        }
    }

    /**
     * Reads up to the version packet, keeping what comes before it: a login script's output on servers that run the
     * user's shell before the SFTP server (clients then fail with "Received message too long").
     */
    private void readFirstPacket(InputStream in) throws IOException {
        byte[] seen = new byte[0];
        int start = -1;
        while (start < 0) {
            byte[] chunk = new byte[Math.max(1, Math.min(in.available(), 4096))];
            int n = in.read(chunk);
            if (n < 0) {
                throw new EOFException("the server closed the SFTP channel before its version packet"
                        + (seen.length == 0 ? "" : ", after " + seen.length + " other bytes"));
            }
            seen = Arrays.copyOf(seen, seen.length + n);
            System.arraycopy(chunk, 0, seen, seen.length - n, n);
            start = versionPacketStart(seen);
            if (start < 0 && seen.length > MAX_NOISE + 9) {
                throw new IOException("no SFTP version packet in the first " + MAX_NOISE + " bytes from the server");
            }
        }
        noise = Arrays.copyOf(seen, start);
        int length = toInt(seen, start);
        byte[] body = new byte[length];
        int have = Math.min(length, seen.length - start - Integer.BYTES);
        System.arraycopy(seen, start + Integer.BYTES, body, 0, have);
        if (have < length) {
            byte[] rest = in.readNBytes(length - have);
            if (rest.length < length - have) {
                throw new EOFException("the server closed the SFTP channel in its version packet");
            }
            System.arraycopy(rest, 0, body, have, rest.length);
        }
        packets.add(body);
    }

    /**
     * Where a plausible {@code SSH_FXP_VERSION} (or {@code SSH_FXP_STATUS} refusal) packet starts: a length up to
     * {@link #MAX_PACKET}, then the type, then a version 1 to 6 (or a small request id for a status).
     */
    private static int versionPacketStart(byte[] seen) {
        for (int i = 0; i + 9 <= seen.length; i++) {
            int length = toInt(seen, i);
            int type = seen[i + 4] & 0xFF;
            int value = toInt(seen, i + 5);
            boolean version = type == SftpConstants.SSH_FXP_VERSION && value >= 1 && value <= 6;
            boolean refusal = type == SftpConstants.SSH_FXP_STATUS && value >= 0 && value <= 6;
            if (length >= 5 && length <= MAX_PACKET && (version || refusal)) {
                return i;
            }
        }
        return -1;
    }

    private static int toInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    static Answer readStatus(Buffer reply) {
        int code = reply.getInt();
        String message = reply.available() >= Integer.BYTES ? reply.getString(StandardCharsets.UTF_8) : "";
        return new Answer(code, message);
    }

    @Override
    public void close() {
        closed = true;
        channel.close(true);
    }
}
