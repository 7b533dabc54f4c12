package io.sftptest.server;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.session.ServerSession;

import io.sftptest.server.event.DisconnectedEvent;
import io.sftptest.server.event.UserAuthRequestEvent;
import io.sftptest.server.internal.Parking;
import io.sftptest.server.internal.ServerContext;
import io.sftptest.server.internal.ServerObserver;

/**
 * Scripted authentication outcomes of a server ({@link SftpTestServer#auth()}), per user or for all users,
 * without listener code:
 *
 * <pre>{@code
 * server.auth().user("alice").reject();                                   // whatever she sends
 * server.auth().user("bob").requireMethods("publickey", "password");      // partial success, then password
 * server.auth().user("carol").keyboardInteractive(
 *         ScriptedAuth.Prompt.of("Password: ", "secret"), ScriptedAuth.Prompt.of("Code: ", "123456"));
 * server.auth().allUsers().maxAttempts(3).delay(Duration.ofMillis(200));
 * server.auth().banner("Authorised use only");
 * }</pre>
 *
 * <p>A user's own script applies to that user; {@link #allUsers()} applies to users without one. Scripts are
 * built on the {@code UserAuthRequest} event (an internal listener that runs before the test's listeners, so
 * they can still change the verdict) and on MINA's keyboard-interactive authenticator. They can change at any
 * time, from any thread; {@link SftpTestServer#reset()} clears them. Each attempt the server answers shows in
 * the {@link Recording} as an {@code AUTH} record with its method and {@link AuthOutcome}: under
 * {@code requireMethods("publickey", "password")} a login is {@code AUTH(publickey) : OK (partial success)}
 * then {@code AUTH(password) : OK}, and a password alone is {@code AUTH(password) : PERMISSION_DENIED}.
 */
public final class ScriptedAuth {
    private final SftpTestServer server;
    private final ServerContext context;
    private final List<String> methods;
    private final Map<String, Script> users = new ConcurrentHashMap<>();
    private final Map<Long, Progress> progress = new ConcurrentHashMap<>();
    private final Listener listener = new Listener();
    private final ServerObserver verdicts = new Verdicts();
    private final Object lock = new Object();
    private volatile Script everyone;
    private boolean bannerChanged;
    private String builtBanner;

    ScriptedAuth(SftpTestServer server, ServerContext context, List<String> methods) {
        this.server = server;
        this.context = context;
        this.methods = List.copyOf(methods);
    }

    /**
     * One step of a keyboard-interactive exchange: the prompt shown and the answer expected.
     *
     * @param prompt the text the client shows, e.g. {@code "Password: "}
     * @param expectedAnswer the answer that passes this step
     * @param echo whether the client shows what is typed
     */
    public record Prompt(String prompt, String expectedAnswer, boolean echo) {
        /**
         * Checks the prompt.
         *
         * @param prompt the text the client shows, e.g. {@code "Password: "}
         * @param expectedAnswer the answer that passes
         * @param echo whether the client may show what the user types
         */
        public Prompt {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(expectedAnswer, "expectedAnswer");
        }

        /**
         * Returns a prompt whose answer is not echoed (a secret).
         *
         * @param prompt the text the client shows
         * @param expectedAnswer the answer that passes
         * @return the prompt
         */
        public static Prompt of(String prompt, String expectedAnswer) {
            return new Prompt(prompt, expectedAnswer, false);
        }
    }

    /**
     * Returns the script of one user (the same one on every call until {@link #clear()}).
     *
     * @param name the user name the client sends
     * @return the user's script
     */
    public Script user(String name) {
        Objects.requireNonNull(name, "name");
        activate();
        return users.computeIfAbsent(name, n -> new Script("user(\"" + n + "\")"));
    }

    /**
     * Returns the script of every user that has no script of their own.
     *
     * @return the script
     */
    public Script allUsers() {
        activate();
        synchronized (lock) {
            if (everyone == null) {
                everyone = new Script("allUsers()");
            }
            return everyone;
        }
    }

    /**
     * Shows a banner before authentication (seed: UserAuthBanner); {@code null} or "" shows none.
     * {@link #clear()} restores the banner the server was built with.
     *
     * @param text the banner text
     * @return this
     */
    public ScriptedAuth banner(String text) {
        synchronized (lock) {
            if (!bannerChanged) {
                builtBanner = server.config("UserAuthBanner");
                bannerChanged = true;
            }
            server.config("UserAuthBanner=" + (text == null ? "" : text));
        }
        return this;
    }

    /**
     * Removes every script and restores the built banner: credentials decide again.
     */
    public void clear() {
        synchronized (lock) {
            users.clear();
            everyone = null;
            progress.clear();
            context.events().listeners().remove(listener);
            context.observers().remove(verdicts);
            if (bannerChanged) {
                server.config("UserAuthBanner=" + builtBanner);
                bannerChanged = false;
            }
        }
    }

    @Override
    public String toString() {
        List<Script> scripts = new ArrayList<>(users.values());
        if (everyone != null) {
            scripts.add(everyone);
        }
        return "ScriptedAuth" + scripts;
    }

    private void activate() {
        synchronized (lock) {
            if (!context.events().listeners().contains(listener)) {
                context.events().listeners().add(0, listener);
            }
            if (!context.observers().contains(verdicts)) {
                context.observers().add(verdicts);
            }
        }
    }

    private Script scriptFor(String user) {
        Script own = user == null ? null : users.get(user);
        return own != null ? own : everyone;
    }

    /** The keyboard-interactive authenticator: scripted prompts, else MINA's password prompt. */
    KeyboardInteractiveAuthenticator keyboardInteractive() {
        KeyboardInteractiveAuthenticator fallback = new DefaultKeyboardInteractiveAuthenticator();
        return new KeyboardInteractiveAuthenticator() {
            @Override
            public InteractiveChallenge generateChallenge(ServerSession session, String user, String lang,
                    String subMethods) throws Exception {
                Script script = scriptFor(user);
                List<Prompt> prompts = script == null ? null : script.prompts;
                if (prompts == null) {
                    return fallback.generateChallenge(session, user, lang, subMethods);
                }
                InteractiveChallenge challenge = new InteractiveChallenge();
                challenge.setInteractionName("");
                challenge.setInteractionInstruction("");
                challenge.setLanguageTag("");
                for (Prompt prompt : prompts) {
                    challenge.addPrompt(prompt.prompt(), prompt.echo());
                }
                return challenge;
            }

            @Override
            public boolean authenticate(ServerSession session, String user, List<String> responses)
                    throws Exception {
                Script script = scriptFor(user);
                List<Prompt> prompts = script == null ? null : script.prompts;
                if (prompts == null) {
                    return fallback.authenticate(session, user, responses);
                }
                if (responses == null || responses.size() != prompts.size()) {
                    return false;
                }
                for (int i = 0; i < prompts.size(); i++) {
                    if (!prompts.get(i).expectedAnswer().equals(responses.get(i))) {
                        return false;
                    }
                }
                return true;
            }
        };
    }

    /** What one connection achieved so far. */
    private static final class Progress {
        int step;
        int failures;
        boolean exhausted;
    }

    private enum Outcome { CREDENTIALS, ACCEPT, REJECT }

    /**
     * The authentication script of one user (or of all users). Every method returns this script, so that
     * settings chain; later calls replace earlier ones of the same kind.
     */
    public final class Script {
        private final String name;
        private volatile Outcome outcome = Outcome.CREDENTIALS;
        private volatile List<String> required;
        private volatile List<Prompt> prompts;
        private volatile int maxAttempts;
        private volatile Duration delay;

        private Script(String name) {
            this.name = name;
        }

        /**
         * Accepts every attempt, whatever the credentials.
         *
         * @return this script
         */
        public Script accept() {
            outcome = Outcome.ACCEPT;
            return this;
        }

        /**
         * Refuses every attempt, whatever the credentials.
         *
         * @return this script
         */
        public Script reject() {
            outcome = Outcome.REJECT;
            return this;
        }

        /**
         * Lets the credentials decide again (the default).
         *
         * @return this script
         */
        public Script credentials() {
            outcome = Outcome.CREDENTIALS;
            return this;
        }

        /**
         * Requires several methods in this order (SSH partial success): a successful {@code first} answers
         * "partial success, go on with the next method", and only the last completes authentication. Each
         * step still needs valid credentials (unless {@link #accept()}). A failure lists the method due.
         *
         * @param first the first method, e.g. {@code publickey}
         * @param then the further methods, e.g. {@code password}
         * @return this script
         * @throws IllegalArgumentException for a method the server does not offer
         */
        public Script requireMethods(String first, String... then) {
            List<String> list = new ArrayList<>();
            list.add(Objects.requireNonNull(first, "first"));
            list.addAll(List.of(then));
            for (String method : list) {
                if (!methods.contains(method)) {
                    throw new IllegalArgumentException("requireMethods(" + String.join(", ", list) + "): the server "
                            + "does not offer " + method + " (it offers " + String.join(", ", methods)
                            + "): build it with .authMethods(...) including " + method);
                }
            }
            required = List.copyOf(list);
            return this;
        }

        /**
         * Answers keyboard-interactive attempts with these prompts; the attempt passes when every answer
         * equals the expected one.
         *
         * @param first the first prompt
         * @param more further prompts, shown together with the first
         * @return this script
         * @throws IllegalStateException when the server does not offer keyboard-interactive
         */
        public Script keyboardInteractive(Prompt first, Prompt... more) {
            if (!methods.contains("keyboard-interactive")) {
                throw new IllegalStateException("keyboard-interactive is not among the server's authentication "
                        + "methods " + methods + ": build it with .authMethods(\"password\", \"publickey\", "
                        + "\"keyboard-interactive\")");
            }
            List<Prompt> list = new ArrayList<>();
            list.add(Objects.requireNonNull(first, "first"));
            list.addAll(List.of(more));
            prompts = List.copyOf(list);
            return this;
        }

        /**
         * Disconnects a connection after this many failed attempts (SSH_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE).
         *
         * @param attempts the failures allowed, at least 1
         * @return this script
         */
        public Script maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + attempts);
            }
            maxAttempts = attempts;
            return this;
        }

        /**
         * Delays every verdict (this blocks one of MINA's I/O threads for the time: keep it short).
         *
         * @param duration the delay, positive
         * @return this script
         */
        public Script delay(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("delay must be positive, was " + duration);
            }
            delay = duration;
            return this;
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(name);
            if (outcome != Outcome.CREDENTIALS) {
                text.append('.').append(outcome.name().toLowerCase(Locale.ROOT)).append("()");
            }
            if (required != null) {
                text.append(".requireMethods(").append(String.join(", ", required)).append(')');
            }
            if (prompts != null) {
                text.append(".keyboardInteractive(").append(prompts.size()).append(" prompts)");
            }
            if (maxAttempts > 0) {
                text.append(".maxAttempts(").append(maxAttempts).append(')');
            }
            if (delay != null) {
                text.append(".delay(").append(delay).append(')');
            }
            return text.toString();
        }
    }

    /**
     * Disconnects a connection that used up its attempts, once the verdict of the last one was recorded (the
     * recording's observer comes first).
     */
    private final class Verdicts implements ServerObserver {
        @Override
        public void authenticated(long connectionId, String user, String method, AuthOutcome outcome,
                Duration duration) {
            Progress state = progress.get(connectionId);
            if (outcome == AuthOutcome.FAILURE && state != null && state.exhausted) {
                state.exhausted = false;
                listener.disconnect(connectionId, state.failures);
            }
        }
    }

    private boolean connectionOpen(long connectionId) {
        Session session = context.connections().session(connectionId);
        return session != null && session.isOpen();
    }

    /** Applies the scripts to each attempt's verdict. */
    private final class Listener implements SftpServerListener {
        @Override
        public void onUserAuthRequest(UserAuthRequestEvent event) {
            if ("none".equals(event.authMethod())) {
                return;
            }
            Script script = scriptFor(event.user());
            if (script == null) {
                return;
            }
            Duration delay = script.delay;
            if (delay != null) {
                // the I/O threads are shared by all servers in the JVM: stop waiting when the connection is gone
                Parking.parkUntil(System.nanoTime() + delay.toNanos(),
                        () -> connectionOpen(event.connectionId()));
            }
            Progress state = progress.computeIfAbsent(event.connectionId(), id -> new Progress());
            boolean ok = switch (script.outcome) {
                case ACCEPT -> true;
                case REJECT -> false;
                case CREDENTIALS -> event.accept();
            };
            List<String> required = script.required;
            if (required != null) {
                String due = required.get(Math.min(state.step, required.size() - 1));
                if (ok && due.equals(event.authMethod())) {
                    event.setAccept(true);
                    if (state.step < required.size() - 1) {
                        state.step++;
                        event.setPartialSuccess(true);
                        event.setAvailableMethods(required.get(state.step));
                    }
                    return;
                }
                ok = false;
                event.setAvailableMethods(due);
            }
            event.setAccept(ok);
            if (!ok) {
                state.failures++;
                int max = script.maxAttempts;
                if (max > 0 && state.failures >= max) {
                    state.exhausted = true; // disconnected once the recording holds this attempt
                }
            }
        }

        @Override
        public void onDisconnected(DisconnectedEvent event) {
            progress.remove(event.connectionId());
        }

        private void disconnect(long connectionId, int failures) {
            Session session = context.connections().session(connectionId);
            if (session == null) {
                return;
            }
            try {
                session.disconnect(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE,
                        "too many authentication failures (" + failures + ")");
            } catch (IOException e) {
                session.close(true);
            }
        }

        @Override
        public String toString() {
            return "ScriptedAuth.Listener";
        }
    }
}
