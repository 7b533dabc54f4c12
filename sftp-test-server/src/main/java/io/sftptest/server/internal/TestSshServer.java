package io.sftptest.server.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.io.AbstractIoServiceFactoryFactory;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.SshThreadPoolExecutor;
import org.apache.sshd.common.util.threads.SshdThreadFactory;
import org.apache.sshd.common.util.threads.ThreadUtils;
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
     * The I/O threads of every server in this JVM. MINA gives each server a fixed pool of its own,
     * whose threads are made at start and stopped at close: about half of a warm start to first
     * connection (5 ms) and most of a close. A cached pool is unbounded, so one server's blocked
     * handlers (a hang fault) cannot starve another's; idle threads end after ten seconds (a suite that
     * ran many clients at once gives its threads back soon); daemon threads.
     */
    static final CloseableExecutorService SHARED_IO = sharedIoThreads();

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

    /**
     * MINA's cached pool, except that a task is never lost when no thread can be made for it: it then
     * runs on the calling thread, as a rejected one does. The JDK's channel group of each server hands
     * every completion to this pool from its single internal poller thread; a thread that cannot be
     * started (OutOfMemoryError "unable to create native thread", e.g. at a process or thread limit)
     * would otherwise be thrown on that poller, which dies, and the completion is lost. Losing an accept
     * completion stops the server for good: MINA accepts again only from that completion, so the
     * kernel still completes new TCP connections into the backlog, but no identification is ever sent
     * and every login times out.
     */
    private static CloseableExecutorService sharedIoThreads() {
        return new SshThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                new SshdThreadFactory("sftp-test-server-io"), new ThreadPoolExecutor.CallerRunsPolicy()) {
            @Override
            public void execute(Runnable task) {
                try {
                    super.execute(task);
                } catch (OutOfMemoryError noThread) {
                    // the worker was not started, so the task has not run: run it here rather than lose it
                    task.run();
                }
            }
        };
    }

    /**
     * Takes MINA's I/O service factory, giving it the threads shared by all servers in this JVM
     * unless it already has an executor of its own. Each server still has its own channel group.
     *
     * @param factory the factory, e.g. {@code new Nio2ServiceFactoryFactory()}
     */
    @Override
    public void setIoServiceFactoryFactory(IoServiceFactoryFactory factory) {
        if (factory instanceof AbstractIoServiceFactoryFactory withExecutor
                && withExecutor.getExecutorServiceFactory() == null) {
            // a wrapper that ignores shutdown: closing one server must not stop the others' threads
            withExecutor.setExecutorServiceFactory(() -> ThreadUtils.noClose(SHARED_IO));
        }
        super.setIoServiceFactoryFactory(factory);
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
