package io.sftptest.server.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;

import io.sftptest.server.HostKey;

/**
 * Keeps why the server ended a connection, for the connection's {@code DISCONNECT} record: the explanation of a
 * failed key exchange ({@link KeyExchangeFailure}, also logged as one WARN line), or the text of the
 * {@code SSH_MSG_DISCONNECT} the server sent. A connection the client closed has no reason. The first reason
 * found stays: a failed key exchange is followed by MINA's own, terser disconnect message.
 */
final class DisconnectReasons implements SessionListener {
    private static final AttributeKey<String> REASON = new AttributeKey<>();

    private final List<HostKey> hostKeys;
    private final List<String> signatures;
    private final EventHub events;
    private final Logger log;

    /**
     * Creates the listener.
     *
     * @param hostKeys the server's host keys, for the fix a failed key exchange suggests
     * @param signatures the signature algorithms the server is configured with
     * @param events the server's listeners, which get the explanation as a Log event
     * @param log where the explanation of a failed key exchange is logged (WARN)
     */
    public DisconnectReasons(List<HostKey> hostKeys, List<String> signatures, EventHub events, Logger log) {
        this.hostKeys = List.copyOf(hostKeys);
        this.signatures = List.copyOf(signatures);
        this.events = events;
        this.log = log;
    }

    /**
     * Returns why the server ended a session.
     *
     * @param session the session
     * @return the reason, or null when the client closed the connection (or none was given)
     */
    public static String of(Session session) {
        return session.getAttribute(REASON);
    }

    /**
     * Sets why the server ends a session, unless a reason was set before.
     *
     * @param session the session
     * @param reason the reason, e.g. {@code user "alice" was removed}
     */
    public static void set(Session session, String reason) {
        if (reason != null && !reason.isEmpty()) {
            session.computeAttributeIfAbsent(REASON, key -> reason);
        }
    }

    @Override
    public void sessionNegotiationEnd(Session session, Map<KexProposalOption, String> clientProposal,
            Map<KexProposalOption, String> serverProposal, Map<KexProposalOption, String> negotiatedOptions,
            Throwable reason) {
        if (reason == null) {
            return;
        }
        String client = session instanceof ServerSession server ? server.getClientVersion() : null;
        String explanation = KeyExchangeFailure.explain(client, clientProposal, serverProposal, hostKeys, signatures,
                reason);
        set(session, explanation);
        long id = ConnectionRegistry.idOf(session);
        log.warn("connection {} from {}: {}", id, address(session.getIoSession().getRemoteAddress()), explanation);
        events.log(id, 1, explanation);
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : String.valueOf(remote);
    }

    @Override
    public void sessionDisconnect(Session session, int reason, String msg, String language, boolean initiator) {
        if (initiator) {
            set(session, msg);
        }
    }
}
