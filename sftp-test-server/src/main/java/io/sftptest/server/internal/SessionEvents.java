package io.sftptest.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelListener;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;

import io.sftptest.server.event.ConnectedEvent;
import io.sftptest.server.event.ConnectionRequestEvent;
import io.sftptest.server.event.DisconnectedEvent;
import io.sftptest.server.event.ErrorEvent;
import io.sftptest.server.event.SshStatusEvent;

/**
 * Turns MINA's connection, session and channel callbacks into the ConnectionRequest, Connected,
 * Disconnected, SSHStatus, Log and Error events, and decides whether a new connection is accepted
 * (AllowedClients, BlockedClients, MaxConnections, listeners). Register {@link #gate()} as the first
 * session listener and this one after the {@link ConnectionRegistry}, so that connection ids exist when it
 * runs.
 *
 * <p>The gate refuses a connection by throwing from {@code sessionCreated}: MINA then closes the socket.
 * (Throwing from {@code IoServiceEventListener.connectionAccepted}, the earlier hook, leaves the socket
 * open in MINA 2.20's NIO2 acceptor: the client hangs until its timeout.)
 */
final class SessionEvents implements SessionListener, ChannelListener {
    private static final AttributeKey<Boolean> REFUSED = new AttributeKey<>();
    private static final AttributeKey<int[]> DISCONNECT_REASON = new AttributeKey<>();
    private static final AttributeKey<String> DISCONNECT_MESSAGE = new AttributeKey<>();

    private final ServerContext context;

    /**
     * Creates the bridge.
     *
     * @param context the server's shared state
     */
    public SessionEvents(ServerContext context) {
        this.context = context;
    }

    private EventHub hub() {
        return context.events();
    }

    /**
     * Returns the session listener that accepts or refuses new connections; register it first.
     *
     * @return the gate
     */
    public SessionListener gate() {
        return new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                try {
                    admit(session.getIoSession().getRemoteAddress());
                } catch (IOException refused) {
                    session.setAttribute(REFUSED, Boolean.TRUE);
                    throw new IllegalStateException(refused.getMessage(), refused);
                }
            }
        };
    }

    private void admit(SocketAddress remote) throws IOException {
        LiveSettings settings = hub().settings();
        String address = remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "";
        int port = remote instanceof InetSocketAddress inet ? inet.getPort() : 0;
        String reason = null;
        if (!LiveSettings.matches(address, settings.allowedClients())) {
            reason = "not in AllowedClients " + settings.allowedClients();
        } else if (LiveSettings.matches(address, settings.blockedClients())) {
            reason = "in BlockedClients " + settings.blockedClients();
        } else if (settings.maxConnections() > 0
                && context.connections().sessions().size() >= settings.maxConnections()) {
            reason = "MaxConnections (" + settings.maxConnections() + ") reached";
        }
        boolean accept = reason == null;
        if (hub().hasListeners()) {
            ConnectionRequestEvent event = new ConnectionRequestEvent(address, port, accept);
            RuntimeException thrown = hub().fire(0, listener -> listener.onConnectionRequest(event));
            if (thrown != null) {
                accept = false;
                reason = "a ConnectionRequest listener threw " + thrown;
            } else if (event.accept() != accept) {
                accept = event.accept();
                reason = accept ? null : "refused by a ConnectionRequest listener";
            }
        }
        if (!accept) {
            hub().log(0, 1, "connection from " + address + ":" + port + " refused: " + reason);
            throw new IOException("connection from " + remote + " refused: " + reason);
        }
        if (hub().logs(1)) {
            hub().log(0, 1, "connection from " + address + ":" + port + " accepted");
        }
    }

    @Override
    public void sessionCreated(Session session) {
        if (session.getAttribute(REFUSED) != null) {
            return;
        }
        long id = ConnectionRegistry.idOf(session);
        SocketAddress remote = session.getIoSession().getRemoteAddress();
        if (hub().hasListeners()) {
            ConnectedEvent event = new ConnectedEvent(id, remote instanceof InetSocketAddress inet ? inet : null,
                    0, "OK");
            hub().fire(id, listener -> listener.onConnected(event));
        }
        status(session, "connected from " + remote);
    }

    @Override
    public void sessionPeerIdentificationReceived(Session session, String version, List<String> extraLines) {
        status(session, "client identification " + version);
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal, Map<KexProposalOption, String> negotiatedOptions,
            Throwable reason) {
        if (reason == null) {
            status(session, "negotiated kex " + negotiatedOptions.get(KexProposalOption.ALGORITHMS) + ", host key "
                    + negotiatedOptions.get(KexProposalOption.SERVERKEYS) + ", cipher "
                    + negotiatedOptions.get(KexProposalOption.S2CENC));
        }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
        switch (event) {
            case KeyEstablished -> status(session, "key exchange done");
            case Authenticated -> status(session, "authenticated as " + session.getUsername());
            default -> {
                // KexCompleted duplicates KeyEstablished for a listener's purpose
            }
        }
    }

    @Override
    public void sessionException(Session session, Throwable t) {
        long id = ConnectionRegistry.idOf(session);
        session.setAttribute(DISCONNECT_REASON, new int[] {-1});
        session.setAttribute(DISCONNECT_MESSAGE, t.toString());
        hub().log(id, 1, "session error: " + t);
        if (hub().hasListeners()) {
            hub().error(id, ErrorEvent.SESSION_FAILED, "session failed: " + t, t);
        }
    }

    @Override
    public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
        if (reason != SshConstants.SSH2_DISCONNECT_BY_APPLICATION && session.getAttribute(DISCONNECT_REASON) == null) {
            session.setAttribute(DISCONNECT_REASON, new int[] {reason});
            session.setAttribute(DISCONNECT_MESSAGE, msg);
        }
        status(session, (initiator ? "server" : "client") + " disconnected: " + msg + " (reason " + reason + ")");
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.getAttribute(REFUSED) != null) {
            return;
        }
        long id = ConnectionRegistry.idOf(session);
        int[] reason = session.getAttribute(DISCONNECT_REASON);
        String message = session.getAttribute(DISCONNECT_MESSAGE);
        if (hub().hasListeners()) {
            DisconnectedEvent event = new DisconnectedEvent(id, session.getUsername(),
                    reason == null ? 0 : reason[0], reason == null ? "OK" : message);
            hub().fire(id, listener -> listener.onDisconnected(event));
        }
        if (hub().logs(1)) {
            hub().log(id, 1, "connection closed" + (reason == null ? "" : ": " + message));
        }
    }

    @Override
    public void channelOpenSuccess(Channel channel) {
        status(channel.getSession(), "channel " + channel.getChannelId() + " opened");
    }

    @Override
    public void channelClosed(Channel channel, Throwable reason) {
        status(channel.getSession(), "channel " + channel.getChannelId() + " closed");
    }

    private void status(Session session, String message) {
        if (!hub().hasListeners()) {
            return;
        }
        long id = ConnectionRegistry.idOf(session);
        SshStatusEvent event = new SshStatusEvent(id, message);
        hub().fire(id, listener -> listener.onSshStatus(event));
        hub().log(id, 1, message);
    }
}
