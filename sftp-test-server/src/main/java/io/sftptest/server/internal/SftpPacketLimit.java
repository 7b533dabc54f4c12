package io.sftptest.server.internal;

import org.apache.sshd.common.Property;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the SFTP packet boundaries in a channel's incoming bytes and spots a request whose declared
 * length is too short to hold a type and request id, or longer than the limit.
 *
 * <p>Why: MINA's SFTP subsystem buffers a request until its declared length has arrived and gives the
 * channel window back only for complete requests. A request declaring more than the window (2 MiB by
 * default) can therefore never complete: the channel stalls until the idle timeout, with the partial
 * request held in memory. OpenSSH's sftp-server ends the session on such a request; so does this server.
 * Not thread-safe: one instance per channel, fed in the order the data arrives.
 */
final class SftpPacketLimit {

    /** Carries the limit from the server's properties to each SFTP channel. */
    public static final Property<Integer> MAX_PACKET_SIZE =
            Property.integer("sftptest-max-sftp-packet-size", ServerSettings.DEFAULT_MAX_PACKET_SIZE);

    private static final Logger LOG = LoggerFactory.getLogger(SftpPacketLimit.class);

    // type (1) + request id or version (4)
    private static final int MIN_LENGTH = 5;

    private final long max;
    private int headerBytes;
    private long header;
    private long remaining;
    private long violation = -1;

    /**
     * Creates a limit.
     *
     * @param max the largest declared length accepted
     */
    public SftpPacketLimit(int max) {
        this.max = max;
    }

    /**
     * Creates the limit configured for a channel or session.
     *
     * @param resolver the channel or session
     * @return the limit
     */
    public static SftpPacketLimit of(PropertyResolver resolver) {
        return new SftpPacketLimit(MAX_PACKET_SIZE.getRequired(resolver));
    }

    /**
     * Reads the next bytes of the stream.
     *
     * @param data the buffer
     * @param start the first byte
     * @param length how many bytes
     * @return true while every request seen so far is within the limit
     */
    public boolean accept(byte[] data, int start, int length) {
        if (violation >= 0) {
            return false;
        }
        int i = start;
        int end = start + length;
        while (i < end) {
            if (remaining > 0) {
                int n = (int) Math.min(remaining, end - i);
                remaining -= n;
                i += n;
                continue;
            }
            header = (header << 8) | (data[i++] & 0xFF);
            if (++headerBytes == Integer.BYTES) {
                long declared = header & 0xFFFF_FFFFL;
                headerBytes = 0;
                header = 0;
                if (declared < MIN_LENGTH || declared > max) {
                    violation = declared;
                    return false;
                }
                remaining = declared;
            }
        }
        return true;
    }

    /**
     * Reads the next bytes a channel received; at the first request beyond the limit, logs it and
     * closes the channel (the client sees the SFTP channel closed, its connection stays open).
     *
     * @param channel the SFTP channel
     * @param data the buffer
     * @param start the first byte
     * @param length how many bytes
     * @return true when the bytes may be handed to the subsystem, false once the channel is closing
     */
    public boolean admit(Channel channel, byte[] data, int start, int length) {
        boolean first = violation < 0;
        if (accept(data, start, length)) {
            return true;
        }
        if (first) {
            LOG.warn("closing SFTP channel {}: {}", channel, describeViolation());
            channel.close(false);
        }
        return false;
    }

    /**
     * Explains the first violation.
     *
     * @return e.g. {@code an SFTP request declared 2147483647 bytes; the limit is 1048576}
     */
    public String describeViolation() {
        return violation < MIN_LENGTH
                ? "an SFTP request declared " + violation + " bytes, too short for a type and request id"
                : "an SFTP request declared " + violation + " bytes; the limit is " + max
                        + " (SftpTestServer.Builder.maxPacketSize)";
    }
}
