package io.sftptest.server.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.server.session.ServerSession;

import io.sftptest.server.ConnectionFault;

/**
 * Applies connection rules when a new SSH session starts, i.e. when MINA is about to send the server's
 * identification line. Waiting is never done on MINA's I/O thread: a delayed banner is sent from MINA's
 * scheduler, a stalled key exchange just stops reading until the rule is released. Transport faults arm the
 * session ({@link WindowStall}, {@link TestSshServer.Session}) and act later in the connection.
 */
public final class ConnectionFaultInjector implements TestSshServer.SessionStart {
    private final ServerContext context;

    /**
     * Creates the injector.
     *
     * @param context the server's shared state, whose fault rules it reads
     */
    public ConnectionFaultInjector(ServerContext context) {
        this.context = context;
    }

    @Override
    public void start(ServerSession session, TestSshServer.Starter identification) throws Exception {
        FaultHooks hooks = context.faults();
        ConnectionFaultMatch match = hooks.connectionsActive() ? hooks.matchConnection() : null;
        if (match == null) {
            identification.start();
            return;
        }
        ConnectionFault fault = match.fault();
        long id = ConnectionRegistry.idOf(session);
        context.events().log(id, 1, "connection fault " + fault);
        IoSession io = session.getIoSession();
        switch (fault.kind()) {
            case NONE -> identification.start();
            // Thrown from session creation, MINA closes the socket before anything was sent.
            case REFUSE -> throw new IOException("connection refused by a fault rule: " + fault);
            case CLOSE_AFTER_ACCEPT -> {
                identification.start();
                io.close(false); // after the identification was written
            }
            case DELAY_BANNER -> {
                io.suspendRead(); // the client's identification waits until ours is out
                session.getFactoryManager().getScheduledExecutorService().schedule(() -> {
                    if (!session.isOpen()) {
                        return;
                    }
                    try {
                        identification.start();
                        io.resumeRead();
                    } catch (Exception e) {
                        session.close(true);
                    }
                }, fault.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
            case STALL_KEY_EXCHANGE -> {
                identification.start();
                io.suspendRead();
                match.released().thenRun(io::resumeRead);
            }
            case STALL_WINDOW -> {
                WindowStall.install(session, fault.bytes(), match.released(),
                        () -> context.events().log(id, 1, "channel window stalled after " + fault.bytes() + " bytes"));
                identification.start();
            }
            case REKEY_AFTER_BYTES, REKEY_EVERY -> {
                ((TestSshServer.Session) session).rekeyEvery(fault.bytes(), fault.interval());
                identification.start();
            }
            case STALL_REKEY -> {
                ((TestSshServer.Session) session).stallRekeyAfter(fault.bytes(), match.released(),
                        () -> context.events().log(id, 1, "key re-exchange stalled"));
                identification.start();
            }
            default -> throw new IllegalStateException("unknown connection fault " + fault);
        }
    }
}
