package io.sftptest.server.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.Map;

import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSessionImpl;
import org.apache.sshd.server.session.SessionFactory;

/**
 * MINA's {@link SshServer} with what the test server adds: stop and resume listening without
 * dropping sessions, and strict key exchange as an option.
 */
public final class TestSshServer extends SshServer {
    private volatile boolean strictKeyExchange = true;

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
                return new ServerSessionImpl(getServer(), ioSession) {
                    @Override
                    protected Map<KexProposalOption, String> doStrictKexProposal(
                            Map<KexProposalOption, String> proposal) {
                        return strictKeyExchange ? super.doStrictKexProposal(proposal) : proposal;
                    }
                };
            }
        };
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
