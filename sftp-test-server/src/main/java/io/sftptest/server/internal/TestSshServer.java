package io.sftptest.server.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.threads.SshdThreadFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerSessionImpl;
import org.apache.sshd.server.session.SessionFactory;

/**
 * MINA's {@link SshServer} with what the test server adds: stop and resume listening without
 * dropping sessions, strict key exchange as an option, and a dropped connection logged at DEBUG
 * ({@link HarmlessWarnings}).
 */
final class TestSshServer extends SshServer {
    /**
     * The timer of every server in this JVM (idle and authentication timeouts, keep-alives, a delayed banner).
     * MINA gives each server a timer thread of its own, started by its first connection and stopped at close:
     * a thread start on the way to every fresh server's first identification line. MINA's timer tasks never
     * block (one thread serves all of a server's connections already), so one thread serves all servers; a
     * closed server's tasks are cancelled and, with the remove-on-cancel policy, leave the queue at once.
     */
    private static final ScheduledThreadPoolExecutor SHARED_TIMER = sharedTimer();

    private volatile boolean strictKeyExchange = true;
    private volatile SessionStart sessionStart;

    /** Gives this server the timer shared by all servers; closing the server leaves the timer running. */
    TestSshServer() {
        setScheduledExecutorService(SHARED_TIMER, false);
    }

    private static ScheduledThreadPoolExecutor sharedTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                new SshdThreadFactory("sftp-test-server-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Sends the server's identification: MINA's own start of a session. */
    @FunctionalInterface
    public interface Starter {
        /**
         * Sends the identification.
         *
         * @throws Exception as MINA throws it
         */
        void start() throws Exception;
    }

    /** Decides how a new session starts (the connection fault rules). */
    @FunctionalInterface
    public interface SessionStart {
        /**
         * Starts a session: call {@code identification} now, later, or never.
         *
         * @param session the new session
         * @param identification sends the server's identification
         * @throws Exception to refuse the connection (MINA closes it)
         */
        void start(ServerSession session, Starter identification) throws Exception;
    }

    /**
     * Sets how new sessions start.
     *
     * @param start the hook, or null for MINA's start
     */
    public void setSessionStart(SessionStart start) {
        this.sessionStart = start;
    }

    /**
     * Sets whether the server offers strict key exchange ({@code kex-strict-s-v00@openssh.com}).
     *
     * @param strict true to offer it (the default)
     */
    public void setStrictKeyExchange(boolean strict) {
        this.strictKeyExchange = strict;
    }

    @Override
    protected SessionFactory createSessionFactory() {
        return new SessionFactory(this) {
            @Override
            protected ServerSessionImpl doCreateSession(IoSession ioSession) throws Exception {
                return new Session(TestSshServer.this, ioSession);
            }
        };
    }

    /**
     * MINA's server session with the test server's hooks: strict key exchange as an option, a quiet close on a
     * client's TCP reset, the connection rules at its start, and the key re-exchanges that transport fault rules ask
     * for.
     */
    public static final class Session extends ServerSessionImpl {
        private final TestSshServer server;
        private volatile CompletableFuture<Void> rekeyStall;
        private volatile Runnable onRekeyStall;

        Session(TestSshServer server, IoSession ioSession) throws Exception {
            super(server, ioSession);
            this.server = server;
        }

        @Override
        protected Map<KexProposalOption, String> doStrictKexProposal(Map<KexProposalOption, String> proposal) {
            return server.strictKeyExchange ? super.doStrictKexProposal(proposal) : proposal;
        }

        @Override
        protected void doHandleMessage(Buffer buffer) throws Exception {
            boolean firstKeyExchange = !initialKexDone;
            super.doHandleMessage(buffer);
            if (firstKeyExchange) {
                // the client's KEXINIT and NEWKEYS get no answer that could carry the acknowledgement
                QuickAck.now(getIoSession());
            }
        }

        @Override
        public void exceptionCaught(Throwable cause) {
            if (isOpen() && HarmlessWarnings.connectionDropped(this, cause)) {
                // MINA warns here (see HarmlessWarnings). The rest is what MINA does for it: tell the listeners,
                // close at once.
                signalExceptionCaught(cause);
                close(true);
                return;
            }
            super.exceptionCaught(cause);
        }

        @Override
        public void start() throws Exception {
            SessionStart hook = server.sessionStart;
            if (hook == null) {
                super.start();
            } else {
                hook.start(this, super::start);
            }
        }

        /**
         * Makes this connection re-exchange keys on the server's initiative, more often than the server's setting.
         *
         * @param bytes after this many bytes in either direction since the last exchange, or 0
         * @param interval after this time since the last exchange (checked when a packet arrives), or null
         */
        public void rekeyEvery(long bytes, Duration interval) {
            if (bytes > 0) {
                CoreModuleProperties.REKEY_BYTES_LIMIT.set(this, bytes);
            }
            if (interval != null) {
                CoreModuleProperties.REKEY_TIME_LIMIT.set(this, interval);
            }
            refreshConfiguration();
        }

        /**
         * Starts a key exchange after this many bytes, then stops reading from the client until {@code released}
         * completes: the exchange, and with it everything on the connection, stalls.
         *
         * @param bytes the bytes in either direction before the exchange
         * @param released ends the stall
         * @param onStall called when the stall begins
         */
        public void stallRekeyAfter(long bytes, CompletableFuture<Void> released, Runnable onStall) {
            this.onRekeyStall = onStall;
            this.rekeyStall = released;
            rekeyEvery(bytes, null);
        }

        @Override
        protected byte[] sendKexInit() throws Exception {
            byte[] proposal = super.sendKexInit();
            CompletableFuture<Void> stall = rekeyStall;
            if (stall != null && initialKexDone) {
                rekeyStall = null;
                // one stalled exchange; later ones come at the server's own limit again
                CoreModuleProperties.REKEY_BYTES_LIMIT.remove(this);
                refreshConfiguration();
                IoSession io = getIoSession();
                io.suspendRead();
                onRekeyStall.run();
                stall.thenRun(io::resumeRead);
            }
            return proposal;
        }
    }

    /**
     * Closes the listening socket; open sessions go on.
     *
     * @param address the bound address to release
     */
    public void unbind(SocketAddress address) {
        IoAcceptor ioAcceptor = acceptor;
        if (ioAcceptor != null) {
            ioAcceptor.unbind(address);
        }
    }

    /**
     * Listens again on an address released with {@link #unbind(SocketAddress)}.
     *
     * @param address the address
     * @throws IOException when the address cannot be bound
     */
    public void rebind(SocketAddress address) throws IOException {
        acceptor.bind(address);
    }
}
