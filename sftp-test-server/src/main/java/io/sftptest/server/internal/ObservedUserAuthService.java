package io.sftptest.server.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.common.Service;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.session.ServerUserAuthService;
import org.apache.sshd.server.session.ServerUserAuthServiceFactory;

import io.sftptest.server.event.UserAuthRequestEvent;

/**
 * MINA's user authentication service, plus the UserAuthRequest event for the "none" probe: MINA 2.20
 * refuses "none" before any authentication factory sees it. Listeners see the probe and may change the
 * methods the failure lists; accepting "none" is not possible (MINA has no way to succeed it here).
 */
final class ObservedUserAuthService extends ServerUserAuthService {
    private final ServerContext context;

    private ObservedUserAuthService(Session session, ServerContext context) throws IOException {
        super(session);
        this.context = context;
    }

    /**
     * Returns the factory of this service, to replace MINA's default user authentication service.
     *
     * @param context the server's shared state
     * @return the factory
     */
    public static ServerUserAuthServiceFactory factory(ServerContext context) {
        return new Factory(context);
    }

    private static final class Factory extends ServerUserAuthServiceFactory {
        private final ServerContext context;

        Factory(ServerContext context) {
            this.context = context;
        }

        @Override
        public Service create(Session session) throws IOException {
            return new ObservedUserAuthService(session, context);
        }
    }

    @Override
    protected boolean handleUserAuthRequestMessage(ServerSession session, Buffer buffer,
            AtomicReference<Boolean> authHolder) throws Exception {
        if (!session.isAuthenticated() && context.events().hasListeners()) {
            Buffer view = new ByteArrayBuffer(buffer.array(), buffer.rpos(), buffer.available());
            String user = view.getString();
            String service = view.getString();
            String method = view.getString();
            if ("none".equals(method)) {
                long id = ConnectionRegistry.idOf(session);
                String defaults = ObservedUserAuthFactory.defaultMethods(session);
                UserAuthRequestEvent event = new UserAuthRequestEvent(id, user, service, method, "", null, false,
                        defaults);
                RuntimeException thrown = context.events().fire(id, l -> l.onUserAuthRequest(event));
                if (thrown == null && event.availableMethods() != null && !defaults.equals(event.availableMethods())) {
                    ObservedUserAuthFactory.sendFailure(session, event.availableMethods(), false);
                    return false;
                }
            }
        }
        return super.handleUserAuthRequestMessage(session, buffer, authHolder);
    }
}
