package io.sftptest.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;

/**
 * The warnings a server logs when it starts in a setting that is unsafe for a test tool: listening
 * beyond the loopback interface.
 */
final class StartupWarnings {
    private StartupWarnings() {
    }

    /**
     * Returns the warnings for a server bound to an address.
     *
     * @param bound the address the server listens on
     * @return the warning texts, empty when there is nothing to warn about
     */
    public static List<String> check(SocketAddress bound) {
        List<String> warnings = new ArrayList<>();
        if (bound instanceof InetSocketAddress inet && !isLoopback(inet.getAddress())) {
            warnings.add("the SFTP test server listens on " + inet.getAddress().getHostAddress() + ":"
                    + inet.getPort() + ", which other machines can reach; it is a test tool with test passwords: "
                    + "bind it to 127.0.0.1 (the default) unless a container or another host must connect");
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
        for (String warning : check(bound)) {
            log.warn(warning);
        }
    }

    private static boolean isLoopback(InetAddress address) {
        return address != null && address.isLoopbackAddress();
    }
}
