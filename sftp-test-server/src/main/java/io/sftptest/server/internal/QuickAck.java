package io.sftptest.server.internal;

import java.io.IOException;
import java.net.SocketOption;
import java.nio.channels.AsynchronousSocketChannel;

import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.io.nio2.Nio2Session;

import jdk.net.ExtendedSocketOptions;

/**
 * Acknowledges what the client sent at once, where the server has no answer to carry the acknowledgement.
 *
 * <p>In the first key exchange the client sends packets the server does not answer: its KEXINIT (the server sent
 * its own already) and its NEWKEYS. A client that leaves Nagle's algorithm on (MINA's {@code SshClient} and sshj by
 * default) holds its next small packet (the key exchange's first message, the service request) until the
 * previous one is acknowledged, and the server's kernel delays a bare acknowledgement by up to 40 ms on Linux: a
 * round trip of 10 ms became 50 to 90. Linux's {@code TCP_QUICKACK} sends the delayed acknowledgement now. It is
 * not sticky (the kernel returns to delayed acknowledgements by itself), so it is set after each such packet. On
 * systems without the option nothing changes.
 */
final class QuickAck {
    private static final SocketOption<Boolean> OPTION = option();

    private QuickAck() {
    }

    /**
     * Sends the acknowledgement of what this connection has received so far, if the system can.
     *
     * @param io MINA's connection
     */
    static void now(IoSession io) {
        if (OPTION == null || !(io instanceof Nio2Session nio)) {
            return;
        }
        AsynchronousSocketChannel socket = nio.getSocket();
        try {
            if (socket.supportedOptions().contains(OPTION)) {
                socket.setOption(OPTION, Boolean.TRUE);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException closedOrRefused) {
            // a closed connection, or a system that refuses the option: the acknowledgement comes late, as before
        }
    }

    private static SocketOption<Boolean> option() {
        try {
            return ExtendedSocketOptions.TCP_QUICKACK;
        } catch (LinkageError noJdkNet) {
            // a runtime image without the jdk.net module
            return null;
        }
    }
}
