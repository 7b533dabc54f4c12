package io.sftptest.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.util.concurrent.ExecutorService;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.AbstractIoServiceFactory;
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
import org.apache.sshd.common.util.threads.ThreadUtils;
import org.apache.sshd.server.SshServer;

/**
 * MINA's NIO2 transport with one channel group for all servers in this JVM, over the I/O threads they
 * share ({@link TestSshServer#SHARED_IO}). MINA's {@link Nio2ServiceFactory} opens a channel group per
 * server in its constructor (an epoll instance and a poller thread, started for every server and stopped
 * at its close) and shuts it down at close, after which the poller could still hand a completion to the
 * closed server's executor and die of it. Here nothing is opened per server: a server's close closes its
 * listening socket and its connections (MINA's acceptor does that itself) and leaves the group, which is
 * never shut down, to the others. Its poller is a daemon thread, so it cannot keep a JVM alive.
 */
final class SharedChannelGroup implements IoServiceFactoryFactory {
    private static final AsynchronousChannelGroup GROUP = openGroup();

    /**
     * Makes the NIO2 sessions of every server's acceptor, with that server's settings. MINA's acceptor asks
     * a {@link Nio2ServiceFactory} for its sessions and for nothing else; one made once and closed at once
     * (its own channel group with it) is enough.
     */
    private static final Nio2ServiceFactory SESSIONS = sessionMaker();

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new PerServer(manager);
    }

    /**
     * Refused: the transport runs on the threads all servers share.
     *
     * @param factory ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        throw new UnsupportedOperationException("the shared channel group runs on the shared I/O threads");
    }

    private static AsynchronousChannelGroup openGroup() {
        try {
            return AsynchronousChannelGroup.withThreadPool(ThreadUtils.noClose(TestSshServer.SHARED_IO));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the I/O channel group", e);
        }
    }

    private static Nio2ServiceFactory sessionMaker() {
        Nio2ServiceFactory maker = new Nio2ServiceFactory(new SshServer(),
                ThreadUtils.noClose(TestSshServer.SHARED_IO), ThreadUtils.noClose(TestSshServer.SHARED_IO)) {
            @Override
            public Nio2Session createSession(Nio2Service service, IoHandler handler, AsynchronousSocketChannel socket,
                    SocketAddress address) throws Throwable {
                return new Nio2Session(service, ((WithSettings) service).settings(), handler, socket, address);
            }
        };
        maker.close(true);
        return maker;
    }

    /** A NIO2 service that tells which server's settings its sessions take. */
    private interface WithSettings {
        PropertyResolver settings();
    }

    /** One server's share: its acceptor (and connectors, should MINA ask for one) on the shared group. */
    private static final class PerServer extends AbstractIoServiceFactory {
        private final CloseableExecutorService resumeTasks = ThreadUtils.noClose(TestSshServer.SHARED_IO);

        PerServer(FactoryManager manager) {
            super(manager, ThreadUtils.noClose(TestSshServer.SHARED_IO));
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return autowireCreatedService(new Acceptor(getFactoryManager(), handler, resumeTasks));
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            return autowireCreatedService(new Connector(getFactoryManager(), handler, resumeTasks));
        }
    }

    private static final class Acceptor extends Nio2Acceptor implements WithSettings {
        Acceptor(PropertyResolver settings, IoHandler handler, ExecutorService resumeTasks) {
            super(SESSIONS, settings, handler, GROUP, resumeTasks);
        }

        @Override
        public PropertyResolver settings() {
            return propertyResolver;
        }
    }

    private static final class Connector extends Nio2Connector implements WithSettings {
        Connector(PropertyResolver settings, IoHandler handler, ExecutorService resumeTasks) {
            super(SESSIONS, settings, handler, GROUP, resumeTasks);
        }

        @Override
        public PropertyResolver settings() {
            return propertyResolver;
        }
    }
}
