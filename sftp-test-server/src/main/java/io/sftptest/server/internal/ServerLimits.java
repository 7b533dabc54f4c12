package io.sftptest.server.internal;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.SftpModuleProperties;

/** Puts the per-connection limits of a server into MINA's properties. */
public final class ServerLimits {
    private ServerLimits() {
    }

    /**
     * Applies the limits; 0 leaves a limit off.
     *
     * @param server the server
     * @param maxChannels the open channels allowed per connection, or 0
     * @param maxOpenHandles the open file and directory handles allowed per SFTP channel, or 0
     * @param maxPacketSize the largest SFTP request accepted
     */
    public static void apply(SshServer server, int maxChannels, int maxOpenHandles, int maxPacketSize) {
        if (maxChannels > 0) {
            ChannelLimit.install(server, maxChannels);
        }
        if (maxOpenHandles > 0) {
            SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(server, maxOpenHandles);
        }
        SftpPacketLimit.MAX_PACKET_SIZE.set(server, maxPacketSize);
    }

    /**
     * Lets MINA answer a READ with up to the read size a personality sets, where that is above MINA's own cap (63 KiB):
     * a personality file of a server that answers 255 KiB per READ then reads like it. Lower sizes are enforced
     * before MINA sees the request.
     *
     * @param server the server
     * @param maxReadLength the read size, or 0 for MINA's
     */
    public static void readLength(SshServer server, int maxReadLength) {
        if (maxReadLength > SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.getRequiredDefault()) {
            SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.set(server, maxReadLength);
        }
    }
}
