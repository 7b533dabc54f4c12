package io.sftptest.server.internal;

import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.SftpModuleProperties;

/** Puts the per-connection limits of a server into MINA's properties. */
final class ServerLimits {
    private ServerLimits() {
    }

    /**
     * Applies the limits; 0 leaves a limit off.
     *
     * @param server the server
     * @param maxChannels the open channels allowed per connection, or 0
     * @param maxOpenHandles the open file and directory handles allowed per SFTP channel, or 0
     * @param maxPacketSize the largest SFTP request accepted
     * @param maxReadLength the read size a personality sets, or 0 for MINA's
     */
    public static void apply(SshServer server, int maxChannels, int maxOpenHandles, int maxPacketSize, int maxReadLength) {
        if (maxChannels > 0) {
            ChannelLimit.install(server, maxChannels);
        }
        if (maxOpenHandles > 0) {
            SftpModuleProperties.MAX_OPEN_HANDLES_PER_SESSION.set(server, maxOpenHandles);
        }
        SftpPacketLimit.MAX_PACKET_SIZE.set(server, maxPacketSize);
        // Above MINA's own cap (63 KiB) MINA must be let to answer that much: a personality file of a server that
        // answers 255 KiB per READ then reads like it. Lower sizes are the pipeline's limits step.
        if (maxReadLength > SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.getRequiredDefault()) {
            SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.set(server, maxReadLength);
        }
    }
}
