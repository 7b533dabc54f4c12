package io.sftptest.server.internal;

import java.io.IOException;

import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What MINA SSHD logs as a WARN although nothing went wrong for a test: a client's slip that the server tolerates,
 * or a client leaving while the server still had something to send. To a test fixture's user these are no
 * warnings, so they are logged here instead, at DEBUG, under this class's name. Each case is recognised narrowly;
 * MINA's other warnings (a key exchange without a common algorithm, a protocol error) stay warnings.
 * <ul>
 *   <li>The client drops its TCP connection instead of sending {@code SSH_MSG_DISCONNECT} (paramiko and rclone do
 *       when they close): MINA warns {@code exceptionCaught(...) IOException: Connection reset}, or
 *       {@code Broken pipe} when the server was writing. Hooked in {@link TestSshServer}'s session.</li>
 *   <li>The client sends {@code SSH_MSG_CHANNEL_EOF} a second time on a channel (rclone 1.60 does on the first exec
 *       channel of most connections): MINA warns {@code handleEof(...) already signalled}. Hooked in
 *       {@link SessionChannel}.</li>
 *   <li>A command or the SFTP subsystem ends while its session is closing (the client left, or the test dropped the
 *       connection), so its exit status cannot be sent: MINA warns {@code onExit(...) closing shell: Write attempt
 *       on closing session}. Hooked in {@link SessionChannel}.</li>
 * </ul>
 */
final class HarmlessWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(HarmlessWarnings.class);

    private HarmlessWarnings() {
    }

    /**
     * Logs an error of an open session at DEBUG when it is the client dropping the connection.
     *
     * @param session the session
     * @param cause what MINA caught
     * @return true when the client dropped the connection, and this was logged; false for anything else, which MINA
     *         handles and warns of
     */
    static boolean connectionDropped(Session session, Throwable cause) {
        if (!isConnectionDropped(cause)) {
            return false;
        }
        LOG.debug("exceptionCaught({}) the client dropped the connection: {}", session, cause.getMessage());
        return true;
    }

    /**
     * Logs a channel's second EOF from the client at DEBUG.
     *
     * @param channel the channel, before it takes the EOF
     * @return true when the client had sent EOF on it already, and this was logged; false for the first EOF
     */
    static boolean repeatedEof(Channel channel) {
        if (!channel.isEofSignalled()) {
            return false;
        }
        LOG.debug("handleEof({}) the client sent SSH_MSG_CHANNEL_EOF again", channel);
        return true;
    }

    /**
     * Logs at DEBUG that a channel's exit could not be sent because its session is closing.
     *
     * @param channel the channel whose command or subsystem ended
     * @param failure why its EOF or exit status could not be sent
     * @return true when the session is closing, and this was logged; false otherwise, for MINA to warn of
     */
    static boolean exitAfterSessionClosed(Channel channel, IOException failure) {
        if (channel.getSession().isOpen()) {
            return false;
        }
        LOG.debug("onExit({}) the session closed before the exit could be sent: {}", channel, failure.toString());
        return true;
    }

    /**
     * Whether an I/O error is the client's TCP connection gone: a reset seen on a read ("Connection reset",
     * "Connection reset by peer") or a write to a socket the client closed ("Broken pipe").
     */
    static boolean isConnectionDropped(Throwable cause) {
        return cause instanceof IOException && !(cause instanceof SshException)
                && ("Connection reset".equals(cause.getMessage())
                        || "Connection reset by peer".equals(cause.getMessage())
                        || "Broken pipe".equals(cause.getMessage()));
    }
}
