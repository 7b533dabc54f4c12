package io.sftptest.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * A connection whose channels the server stops granting window to, once it has taken a number of bytes from the
 * client, until a fault rule is released: the client can send what its window still allows and then blocks, with
 * no SFTP error, as when a server stops reading. The held window adjustments are sent when the rule is released.
 */
final class WindowStall {
    private static final AttributeKey<WindowStall> KEY = new AttributeKey<>();

    private final long afterBytes;
    private final CompletableFuture<Void> released;
    private final Runnable onStall;
    private final Map<SessionChannel, Long> held = new LinkedHashMap<>();
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
     * Whether the window adjustment a channel is about to send is held back (the connection has a stall that is not
     * released and the channel took in its bytes); a held adjustment goes out at the release.
     */
    static boolean holds(SessionChannel channel, long length) {
        WindowStall stall = channel.getSession().getAttribute(KEY);
        return stall != null && stall.hold(channel, length);
    }

    private synchronized boolean hold(SessionChannel channel, long length) {
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
        Map<SessionChannel, Long> grants;
        synchronized (this) {
            grants = new LinkedHashMap<>(held);
            held.clear();
        }
        grants.forEach(SessionChannel::grant);
    }
}
