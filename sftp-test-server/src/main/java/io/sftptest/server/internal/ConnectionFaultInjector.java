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
final class ConnectionFaultInjector implements TestSshServer.SessionStart {
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
        ConnectionFaultMatch match = FaultRuleSet.matchConnection(context.faultRules());
        if (match == null) {
            identification.start();
            return;
        }
        ConnectionFault fault = match.fault();
        long id = ConnectionRegistry.idOf(session);
        context.events().log(id, 1, "connection fault " + fault);
        IoSession io = session.getIoSession();
        if (fault instanceof ConnectionFault.Refuse) {
            // Thrown from session creation, MINA closes the socket before anything was sent.
            throw new IOException("connection refused by a fault rule: " + fault);
        } else if (fault instanceof ConnectionFault.CloseAfterAccept) {
            identification.start();
            io.close(false); // after the identification was written
        } else if (fault instanceof ConnectionFault.DelayBanner delay) {
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
            }, delay.delay().toNanos(), TimeUnit.NANOSECONDS);
        } else if (fault instanceof ConnectionFault.StallKeyExchange) {
            identification.start();
            io.suspendRead();
            match.released().thenRun(io::resumeRead);
        } else if (fault instanceof ConnectionFault.StallWindowAfter stall) {
            WindowStall.install(session, stall.bytes(), match.released(),
                    () -> context.events().log(id, 1, "channel window stalled after " + stall.bytes() + " bytes"));
            identification.start();
        } else if (fault instanceof ConnectionFault.RekeyAfterBytes rekey) {
            ((TestSshServer.Session) session).rekeyEvery(rekey.bytes(), null);
            identification.start();
        } else if (fault instanceof ConnectionFault.RekeyEvery rekey) {
            ((TestSshServer.Session) session).rekeyEvery(0, rekey.interval());
            identification.start();
        } else if (fault instanceof ConnectionFault.StallRekeyAfter stall) {
            ((TestSshServer.Session) session).stallRekeyAfter(stall.bytes(), match.released(),
                    () -> context.events().log(id, 1, "key re-exchange stalled"));
            identification.start();
        } else { // ConnectionFault.None
            identification.start();
        }
    }
}
