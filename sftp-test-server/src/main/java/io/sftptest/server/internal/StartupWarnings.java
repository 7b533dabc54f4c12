package io.sftptest.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warnings a server logs when it starts in a setting that is unsafe for a test tool: listening
 * beyond the loopback interface, or MINA logging decrypted packets (passwords included).
 */
public final class StartupWarnings {
    /** MINA dumps every decrypted packet, password requests included, at TRACE on this logger. */
    static final String MINA_PACKET_LOGGER = "org.apache.sshd.common.session.helpers.AbstractSession";

    private StartupWarnings() {
    }

    /**
     * Returns the warnings for a server bound to an address.
     *
     * @param bound the address the server listens on
     * @param minaPacketTrace whether MINA's packet dump logging is enabled
     * @return the warning texts, empty when there is nothing to warn about
     */
    public static List<String> check(SocketAddress bound, boolean minaPacketTrace) {
        List<String> warnings = new ArrayList<>();
        if (bound instanceof InetSocketAddress inet && !isLoopback(inet.getAddress())) {
            warnings.add("the SFTP test server listens on " + inet.getAddress().getHostAddress() + ":"
                    + inet.getPort() + ", which other machines can reach; it is a test tool with test passwords: "
                    + "bind it to 127.0.0.1 (the default) unless a container or another host must connect");
        }
        if (minaPacketTrace) {
            warnings.add("TRACE logging is enabled for " + MINA_PACKET_LOGGER + ", which writes decrypted SSH "
                    + "packets, passwords included, to the log: set that logger to DEBUG or higher");
        }
        return warnings;
    }

    /**
     * Logs the warnings for a server bound to an address.
     *
     * @param bound the address the server listens on
     * @param log where to log them
     */
    public static void log(SocketAddress bound, Logger log) {
        boolean trace = LoggerFactory.getLogger(MINA_PACKET_LOGGER).isTraceEnabled();
        for (String warning : check(bound, trace)) {
            log.warn(warning);
        }
    }

    private static boolean isLoopback(InetAddress address) {
        return address != null && address.isLoopbackAddress();
    }
}
