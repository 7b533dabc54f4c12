package io.sftptest.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.AbstractIoServiceFactory;
import org.apache.sshd.common.io.AbstractIoServiceFactoryFactory;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Acceptor;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2Service;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2Session;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.SshThreadPoolExecutor;
import org.apache.sshd.common.util.threads.SshdThreadFactory;
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;

/**
 * The I/O threads and the channel group that every server in this JVM shares.
 *
 * <p>Why a group of our own: MINA makes a JDK {@link AsynchronousChannelGroup} per server with one event thread.
 * On Linux that thread reads a batch of epoll events, queues all but one for other event threads, and handles the
 * last one itself; when the last one belongs to a connection closed in the meantime it has nothing to handle and
 * waits in epoll again, while the queued events wait for an event thread that does not exist. If one of them is the
 * listening socket's, nothing is accepted until some other socket of that group has an event: after a burst of
 * connections that close (a client's retries, a port scan, a health check), a quiet server then never answers the
 * next client, whose TCP connection sits in the kernel's backlog. Seen as a login that hung after 1 000 raw
 * connections; the stranded accept event was found in the group's queue with its thread in epoll. A group with more
 * than one event thread always has one free to take a queued event, so this one has three.
 */
final class SharedIo {
    /**
     * The completion threads of every server. MINA gives each server a fixed pool of its own, whose threads are made
     * at start and stopped at close: about half of a warm start to first connection (5 ms) and most of a close. A
     * cached pool is unbounded, so one server's blocked handlers (a hang fault, a scripted delay) cannot starve
     * another's; idle threads end after ten seconds; daemon threads.
     */
    static final CloseableExecutorService SHARED_IO = sharedIoThreads();

    /** Event threads of the shared group started as threads of their own (the JDK adds one internal thread). */
    private static final int EVENT_THREADS = 2;

    private static final AsynchronousChannelGroup GROUP = sharedGroup();

    private SharedIo() {
    }

    /**
     * MINA's I/O services on the shared group and threads: what {@code SshServer.setIoServiceFactoryFactory} takes.
     *
     * @return a factory of each server's acceptor (and connector) on the shared group
     */
    static IoServiceFactoryFactory serviceFactories() {
        return new SharedGroupServiceFactories();
    }

    /**
     * MINA's cached pool, except that a task is never lost when no thread can be made for it: it then runs on the
     * calling thread, as a rejected one does. The channel group hands completions to this pool from its event
     * threads; a thread that cannot be started (OutOfMemoryError "unable to create native thread", e.g. at a process
     * or thread limit) would otherwise be thrown on that event thread, which dies, and the completion is lost. Losing
     * an accept completion stops the server for good: MINA accepts again only from that completion.
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

    private static AsynchronousChannelGroup sharedGroup() {
        GroupThreads threads = new GroupThreads();
        try {
            AsynchronousChannelGroup group = AsynchronousChannelGroup.withCachedThreadPool(threads, EVENT_THREADS);
            threads.started = true;
            return group;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the I/O channel group", e);
        }
    }

    /**
     * The group's executor: while the group is being made, the event threads it starts get threads of their own
     * (they run for the life of the JVM and must never fall back to the caller); after that, its completions go to
     * {@link #SHARED_IO}. Never shut down: closing a server closes its sockets, not the group.
     */
    private static final class GroupThreads extends AbstractExecutorService {
        private final AtomicInteger eventThreads = new AtomicInteger();
        private volatile boolean started;

        @Override
        public void execute(Runnable task) {
            if (started) {
                SHARED_IO.execute(task);
                return;
            }
            Thread thread = new Thread(task, "sftp-test-server-events-" + eventThreads.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void shutdown() {
            // shared by every server of the JVM
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }
    }

    /** Makes each server's services; the threads are always the shared ones. */
    private static final class SharedGroupServiceFactories extends AbstractIoServiceFactoryFactory {
        SharedGroupServiceFactories() {
            super(null);
        }

        @Override
        public IoServiceFactory create(FactoryManager manager) {
            return new SharedGroupServices(manager);
        }
    }

    /**
     * One server's I/O services: MINA's acceptor and connector on the shared group and threads. Not a
     * {@link Nio2ServiceFactory}: its constructor opens a channel group per server (an epoll instance and an event
     * thread, started for every server and shut down at its close), about a fifth of a warm start. A server's close
     * closes its acceptor, which closes its listening socket and its connections; the group stays for the others.
     */
    private static final class SharedGroupServices extends AbstractIoServiceFactory {
        SharedGroupServices(FactoryManager manager) {
            super(manager, ThreadUtils.noClose(SHARED_IO));
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return autowireCreatedService(new Acceptor(getFactoryManager(), handler));
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return autowireCreatedService(new Connector(getFactoryManager(), handler));
        }
    }

    /** A NIO2 service that tells whose settings its sessions take. */
    private interface WithSettings {
        PropertyResolver settings();
    }

    /**
     * Makes every server's NIO2 sessions, each with its own server's settings. MINA's acceptor and connector ask a
     * {@link Nio2ServiceFactory} for their sessions and for nothing else; one made once and closed at once (its own
     * unused channel group with it) serves them all.
     */
    private static final class SessionMaker extends Nio2ServiceFactory {
        static final SessionMaker INSTANCE = new SessionMaker();

        private SessionMaker() {
            super(new SshServer(), ThreadUtils.noClose(SHARED_IO), ThreadUtils.noClose(SHARED_IO));
            close(true);
        }

        @Override
        public Nio2Session createSession(Nio2Service service, IoHandler handler, AsynchronousSocketChannel socket,
                SocketAddress address) throws Throwable {
            return new Nio2Session(service, ((WithSettings) service).settings(), handler, socket, address);
        }
    }

    private static final class Acceptor extends Nio2Acceptor implements WithSettings {
        Acceptor(PropertyResolver settings, IoHandler handler) {
            super(SessionMaker.INSTANCE, settings, handler, GROUP, ThreadUtils.noClose(SHARED_IO));
        }

        @Override
        public PropertyResolver settings() {
            return propertyResolver;
        }
    }

    private static final class Connector extends Nio2Connector implements WithSettings {
        Connector(PropertyResolver settings, IoHandler handler) {
            super(SessionMaker.INSTANCE, settings, handler, GROUP, ThreadUtils.noClose(SHARED_IO));
        }

        @Override
        public PropertyResolver settings() {
            return propertyResolver;
        }
    }
}
