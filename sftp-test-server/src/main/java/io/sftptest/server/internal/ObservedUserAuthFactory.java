package io.sftptest.server.internal;

import java.io.IOException;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.session.ServerSession;

/** Wraps an authentication method so that observers see each verdict it reaches. */
public final class ObservedUserAuthFactory implements UserAuthFactory {
    private final UserAuthFactory delegate;
    private final ServerContext context;

    /**
     * Wraps a method.
     *
     * @param delegate MINA's factory for the method
     * @param context the server's shared state, whose observers are told
     */
    public ObservedUserAuthFactory(UserAuthFactory delegate, ServerContext context) {
        this.delegate = delegate;
        this.context = context;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public UserAuth createUserAuth(ServerSession session) throws IOException {
        UserAuth auth = delegate.createUserAuth(session);
        return new UserAuth() {
            @Override
            public Boolean auth(ServerSession serverSession, String username, String service, Buffer buffer)
                    throws Exception {
                return report(serverSession, username, auth.auth(serverSession, username, service, buffer));
            }

            @Override
            public Boolean next(Buffer buffer) throws Exception {
                return report(auth.getSession(), auth.getUsername(), auth.next(buffer));
            }

            @Override
            public void destroy() {
                auth.destroy();
            }

            @Override
            public ServerSession getSession() {
                return auth.getSession();
            }

            @Override
            public ServerSession getServerSession() {
                return auth.getServerSession();
            }

            @Override
            public String getUsername() {
                return auth.getUsername();
            }

            @Override
            public String getName() {
                return auth.getName();
            }
        };
    }

    private Boolean report(ServerSession session, String user, Boolean verdict) {
        if (verdict != null) {
            long id = ConnectionRegistry.idOf(session);
            for (ServerObserver observer : context.observers()) {
                observer.authenticated(id, user, delegate.getName(), verdict);
            }
        }
        return verdict;
    }
}
