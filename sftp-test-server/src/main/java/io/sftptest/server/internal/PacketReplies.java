package io.sftptest.server.internal;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.PacketBuffer;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;

/**
 * SFTP replies written straight into the {@code SSH_MSG_CHANNEL_DATA} packets that carry them, for the replies that
 * are mostly file data ({@code SSH_FXP_DATA}).
 *
 * <p>MINA's channel stream sends a reply that fits one SSH packet in place when the buffer is a session packet with
 * room for the packet header in front; any other reply it copies into a new packet, and a reply longer than the
 * client's packet size (OpenSSH: 32 KiB; its reads: 63 KiB) it first copies whole. A reply made here starts where a
 * packet's data starts, and {@link #send} cuts it into packets of the client's size, so that each byte of a read is
 * copied once (from the file) instead of three times. The first packet of a reply is kept once written and reused
 * for a later reply ({@value #SPARE} at most per SFTP channel, e.g. 4 × 63 KiB with OpenSSH's reads): allocating and
 * zeroing a new one per READ cost more CPU than the copy it saves. One instance per SFTP channel.
 */
final class PacketReplies {
    /** Written packets kept for the next replies. */
    private static final int SPARE = 4;
    /** Room after the data for the packet's padding and MAC (the buffer grows when a cipher needs more). */
    private static final int TRAILER = 64;

    /** Where a channel's data starts in a packet: packet length, padding length, message number, channel, length. */
    private static final int DATA_AT = SshConstants.SSH_PACKET_HEADER_LEN + 1 + 2 * Integer.BYTES;
    /** The channel and data-length fields after the message number. */
    private static final int CHANNEL_FIELDS = 2 * Integer.BYTES;

    private final ArrayBlockingQueue<Buffer> spare = new ArrayBlockingQueue<>(SPARE);

    /**
     * Starts a reply in a new packet, as MINA's {@code prepareReply} starts one: a length placeholder written, the
     * buffer positioned after it.
     *
     * @param session the session that sends it
     * @param capacity the reply's bytes after its length field, as far as known (the buffer grows when needed)
     */
    Buffer start(Session session, int capacity) {
        Buffer reply = spare.poll();
        if (reply == null || reply.array().length < DATA_AT + Integer.BYTES + capacity + TRAILER) {
            reply = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, CHANNEL_FIELDS + Integer.BYTES + capacity);
        }
        return restart(reply);
    }

    /** Whether the buffer is a reply {@link #start} made (any other goes out through MINA's own send). */
    static boolean isPacketReply(Buffer reply) {
        return reply instanceof PacketBuffer && reply.rpos() == DATA_AT;
    }

    /** Starts a new reply in a packet reply whose first reply was replaced (MINA's error path reuses its buffer). */
    static Buffer restart(Buffer reply) {
        reply.rpos(DATA_AT);
        reply.wpos(DATA_AT);
        reply.putUInt(0L);
        return reply;
    }

    /**
     * Fills in the reply's length and writes it in packets of at most the client's packet size: the first in place,
     * the rest copied each into a packet of its own (a packet's padding and MAC are written after its data, where the
     * next packet's data lies).
     *
     * @param reply a reply {@link #start} made, complete
     * @param out the channel's stream (MINA's: it keeps the order and waits for the client's window)
     * @param channel the channel, for the client's packet size
     * @param session the session, for the packets after the first
     */
    void send(Buffer reply, IoOutputStream out, Channel channel, Session session) throws IOException {
        BufferUtils.updateLengthPlaceholder(reply, DATA_AT);
        int packetSize = (int) Math.min(Integer.MAX_VALUE, channel.getRemoteWindow().getPacketSize());
        int end = reply.wpos();
        int firstEnd = end - DATA_AT <= packetSize ? end : DATA_AT + packetSize;
        Buffer[] rest = new Buffer[(end - firstEnd + packetSize - 1) / packetSize];
        for (int i = 0, from = firstEnd; from < end; i++, from += packetSize) {
            int length = Math.min(packetSize, end - from);
            Buffer next = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_DATA, CHANNEL_FIELDS + length);
            next.rpos(DATA_AT);
            next.wpos(DATA_AT);
            next.putRawBytes(reply.array(), from, length);
            rest[i] = next;
        }
        reply.wpos(firstEnd);
        // MINA is done with the packet once it is written (encrypted in place, then on the socket)
        out.writeBuffer(reply).addListener(written -> {
            if (written.isWritten()) {
                spare.offer(reply);
            }
        });
        for (Buffer next : rest) {
            out.writeBuffer(next);
        }
    }
}
