package io.sftptest.server.internal;

import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.auth.UserAuth;
import org.apache.sshd.server.auth.UserAuthFactory;
import org.apache.sshd.server.auth.UserAuthNoneFactory;
import org.apache.sshd.server.session.ServerSession;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.event.UserAuthRequestEvent;

/**
 * Wraps an authentication method so that listeners see each attempt that reached a verdict (and may
 * change it, see {@link UserAuthRequestEvent}) and observers see every answer the server sends to an
 * attempt: success, partial success or failure, also when a script or listener decided it and this class
 * sends the answer itself. (The "none" probe never reaches a factory; {@link ObservedUserAuthService}
 * reports it.)
 */
final class ObservedUserAuthFactory implements UserAuthFactory {
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
            private String service;

            @Override
            public Boolean auth(ServerSession serverSession, String username, String service, Buffer buffer)
                    throws Exception {
                this.service = service;
                long start = System.nanoTime();
                Attempt attempt = Attempt.read(delegate.getName(), buffer);
                Boolean verdict = auth.auth(serverSession, username, service, buffer);
                return decide(serverSession, username, service, attempt, verdict, start);
            }

            @Override
            public Boolean next(Buffer buffer) throws Exception {
                long start = System.nanoTime();
                Attempt attempt = Attempt.readResponses(delegate.getName(), buffer);
                Boolean verdict = auth.next(buffer);
                return decide(auth.getSession(), auth.getUsername(), service, attempt, verdict, start);
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

    /** What the client sent with its attempt, read from a copy of the request. */
    private record Attempt(String method, String param, String keyAlgorithm) {
        static Attempt read(String method, Buffer buffer) {
            Buffer view = new ByteArrayBuffer(buffer.array(), buffer.rpos(), buffer.available());
            try {
                switch (method) {
                    case "password" -> {
                        view.getBoolean(); // password change request
                        return new Attempt(method, view.getString(), null);
                    }
                    case "publickey" -> {
                        view.getBoolean(); // has signature
                        String algorithm = view.getString();
                        PublicKey key = new ByteArrayBuffer(view.getBytes()).getRawPublicKey();
                        return new Attempt(method, PublicKeyEntry.toString(key), algorithm);
                    }
                    default -> {
                        return new Attempt(method, "", null);
                    }
                }
            } catch (Exception malformed) {
                return new Attempt(method, "", null);
            }
        }

        static Attempt readResponses(String method, Buffer buffer) {
            Buffer view = new ByteArrayBuffer(buffer.array(), buffer.rpos(), buffer.available());
            try {
                if (view.getUByte() != SshConstants.SSH_MSG_USERAUTH_INFO_RESPONSE) {
                    return new Attempt(method, "", null);
                }
                int count = view.getInt();
                List<String> responses = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    responses.add(view.getString());
                }
                return new Attempt(method, String.join("\n", responses), null);
            } catch (RuntimeException malformed) {
                return new Attempt(method, "", null);
            }
        }
    }

    private Boolean decide(ServerSession session, String user, String service, Attempt attempt, Boolean verdict,
            long start) throws IOException {
        if (verdict == null) {
            return null; // the method goes on (publickey probe accepted, keyboard-interactive prompt sent)
        }
        long id = ConnectionRegistry.idOf(session);
        EventHub hub = context.events();
        AuthOutcome outcome = verdict ? AuthOutcome.SUCCESS : AuthOutcome.FAILURE;
        String failureMethods = null; // set when this class answers the failure itself (MINA would list its own)
        String homeDir = null;
        if (hub.hasListeners()) {
            String defaultMethods = defaultMethods(session);
            UserAuthRequestEvent event = new UserAuthRequestEvent(id, user, service, attempt.method(),
                    attempt.param(), attempt.keyAlgorithm(), verdict, defaultMethods);
            RuntimeException thrown = hub.fire(id, listener -> listener.onUserAuthRequest(event));
            if (thrown != null) {
                outcome = AuthOutcome.FAILURE;
            } else if (event.accept() && event.partialSuccess()) {
                outcome = AuthOutcome.PARTIAL_SUCCESS;
                failureMethods = event.availableMethods() == null ? "" : event.availableMethods();
            } else if (event.accept()) {
                outcome = AuthOutcome.SUCCESS;
                homeDir = event.homeDir();
            } else {
                outcome = AuthOutcome.FAILURE;
                if (event.availableMethods() != null && !defaultMethods.equals(event.availableMethods())) {
                    failureMethods = event.availableMethods();
                }
            }
        }
        if (hub.logs(1)) {
            String param = "password".equals(attempt.method()) && hub.settings().maskSensitiveData() ? "****"
                    : attempt.param();
            hub.log(id, 1, "authentication of " + user + " with " + attempt.method()
                    + (param == null || param.isEmpty() ? "" : " (" + param + ")") + ": " + switch (outcome) {
                        case SUCCESS -> "accepted";
                        case PARTIAL_SUCCESS -> "partial success";
                        case FAILURE -> "refused";
                    });
        }
        if (outcome == AuthOutcome.SUCCESS) {
            AuthEvents.setHomeDirectory(session, homeDir);
        }
        // recorded before the client can see the answer, so a test that asserts right after its login finds it
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        for (ServerObserver observer : context.observers()) {
            observer.authenticated(id, user, delegate.getName(), outcome, duration);
        }
        if (failureMethods != null) {
            if (session.isOpen()) { // an observer may have disconnected a connection out of attempts
                sendFailure(session, failureMethods, outcome == AuthOutcome.PARTIAL_SUCCESS);
            }
            return null; // MINA sees the attempt as still in progress and sends nothing
        }
        return outcome == AuthOutcome.SUCCESS;
    }

    /** Returns the methods MINA lists in a failure, comma-separated. */
    static String defaultMethods(ServerSession session) {
        return String.join(",", NamedResource.getNameList(session.getUserAuthFactories()).stream()
                .filter(name -> !UserAuthNoneFactory.NAME.equals(name)).toList());
    }

    /** Answers SSH_MSG_USERAUTH_FAILURE ourselves; MINA then sees the attempt as still in progress. */
    static void sendFailure(ServerSession session, String methods, boolean partial) throws IOException {
        String list = methods == null ? "" : methods;
        Buffer failure = session.createBuffer(SshConstants.SSH_MSG_USERAUTH_FAILURE, list.length() + Byte.SIZE);
        failure.putString(list);
        failure.putBoolean(partial);
        session.writePacket(failure);
    }
}
