package io.sftptest.server.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.helpers.AbstractConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits the session channels open at once on one connection, refusing one more with
 * {@code SSH_MSG_CHANNEL_OPEN_FAILURE} (reason {@code SSH_OPEN_RESOURCE_SHORTAGE}) while the connection
 * and its other channels go on. MINA sends its own message text with the failure ("Generic error while
 * opening channel"), so the reason is logged here as well.
 *
 * <p>Why not MINA's {@code max-sshd-channels}: in MINA 2.20 a channel beyond that limit throws
 * {@code IllegalStateException} in {@code registerChannel}, which closes the whole connection, and the
 * check admits one channel more than the limit.
 */
final class ChannelLimit implements ChannelFactory {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelLimit.class);

    private final ChannelFactory delegate;
    private final int max;

    private ChannelLimit(ChannelFactory delegate, int max) {
        this.delegate = delegate;
        this.max = max;
    }

    /**
     * Puts the limit in front of the server's session channel factory.
     *
     * @param server the server, its channel factories set up
     * @param max the channels allowed per connection
     */
    public static void install(SshServer server, int max) {
        List<ChannelFactory> factories = new ArrayList<>();
        for (ChannelFactory factory : server.getChannelFactories()) {
            factories.add("session".equals(factory.getName()) ? new ChannelLimit(factory, max) : factory);
        }
        server.setChannelFactories(factories);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public Channel createChannel(Session session) throws IOException {
        AbstractConnectionService service = session.getService(AbstractConnectionService.class);
        int open = service == null ? 0 : service.getChannels().size();
        if (open >= max) {
            LOG.warn("refusing a channel on {}: {} channels are open, the limit is {}", session, open, max);
            return new RefusedChannel("the connection already has " + open + " channels open, the limit is " + max
                    + " (SftpTestServer.Builder.maxChannelsPerConnection)");
        }
        return delegate.createChannel(session);
    }

    /** A channel whose opening fails, so MINA answers SSH_MSG_CHANNEL_OPEN_FAILURE and drops it. */
    private static final class RefusedChannel extends ChannelSession {
        private final String reason;

        RefusedChannel(String reason) {
            this.reason = reason;
        }

        @Override
        protected OpenFuture doInit(Buffer buffer) {
            DefaultOpenFuture future = new DefaultOpenFuture(this, this);
            future.setException(new SshChannelOpenException(getChannelId(),
                    SshConstants.SSH_OPEN_RESOURCE_SHORTAGE, reason));
            // MINA sends the failure but keeps the channel registered; an immediate close unregisters it
            // without sending SSH_MSG_CHANNEL_CLOSE, which the client has no channel for.
            close(true);
            return future;
        }
    }
}
