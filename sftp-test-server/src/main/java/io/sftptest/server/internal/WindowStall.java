package io.sftptest.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;

/**
 * A connection whose channels the server stops granting window to, once it has taken a number of bytes from the
 * client, until a fault rule is released: the client can send what its window still allows and then blocks, with
 * no SFTP error, as when a server stops reading. The held window adjustments are sent when the rule is released.
 */
public final class WindowStall {
    private static final AttributeKey<WindowStall> KEY = new AttributeKey<>();

    private final long afterBytes;
    private final CompletableFuture<Void> released;
    private final Runnable onStall;
    private final Map<StallableChannel, Long> held = new LinkedHashMap<>();
    private long granted;
    private boolean stalled;

    private WindowStall(long afterBytes, CompletableFuture<Void> released, Runnable onStall) {
        this.afterBytes = afterBytes;
        this.released = released;
        this.onStall = onStall;
    }

    /**
     * Stalls the window of a session's channels.
     *
     * @param session the session
     * @param afterBytes how many bytes the server takes in before it stops granting window
     * @param released completes when the rule is released: the held window goes out, and no more is held
     * @param onStall called once, when the server first holds window back
     */
    public static void install(Session session, long afterBytes, CompletableFuture<Void> released,
            Runnable onStall) {
        WindowStall stall = new WindowStall(afterBytes, released, onStall);
        session.setAttribute(KEY, stall);
        released.thenRun(stall::release);
    }

    /**
     * Returns MINA's default channel factories with the session channel replaced by one that can stall.
     *
     * @return the factories
     */
    public static List<ChannelFactory> channelFactories() {
        return ServerBuilder.DEFAULT_CHANNEL_FACTORIES.stream()
                .map(factory -> factory instanceof ChannelSessionFactory ? StallableChannel.FACTORY : factory).toList();
    }

    private synchronized boolean hold(StallableChannel channel, long length) {
        if (released.isDone()) {
            return false;
        }
        granted += length;
        if (granted <= afterBytes) {
            return false;
        }
        held.merge(channel, length, Long::sum);
        if (!stalled) {
            stalled = true;
            onStall.run();
        }
        return true;
    }

    private void release() {
        Map<StallableChannel, Long> grants;
        synchronized (this) {
            grants = new LinkedHashMap<>(held);
            held.clear();
        }
        grants.forEach(StallableChannel::grant);
    }

    /**
     * MINA's session channel, whose window adjustments a stall can hold back; other session channels of this server
     * extend it ({@link ExecChannels}).
     */
    static class StallableChannel extends ChannelSession {
        // a ChannelSessionFactory, so that what replaces MINA's session channel factory replaces this one
        static final ChannelFactory FACTORY = new ChannelSessionFactory() {
            @Override
            public org.apache.sshd.common.channel.Channel createChannel(Session session) {
                return new StallableChannel();
            }
        };

        @Override
        protected void sendWindowAdjust(long length) throws java.io.IOException {
            WindowStall stall = getSession().getAttribute(KEY);
            if (stall == null || !stall.hold(this, length)) {
                super.sendWindowAdjust(length);
            }
        }

        private void grant(long length) {
            if (!isOpen() || isClosing()) {
                return;
            }
            try {
                super.sendWindowAdjust(length);
            } catch (java.io.IOException e) {
                close(true); // the client cannot get its window back: the channel is of no use any more
            }
        }
    }
}
