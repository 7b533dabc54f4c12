package io.sftptest.server.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;

import io.sftptest.server.EventRecorder;
import io.sftptest.server.SftpServerListener;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;
import io.sftptest.server.TestClients;

/** Connection, authentication, status, log and error events with real clients. */
class ConnectionEventsTest {
    private final EventRecorder recorder = new EventRecorder();
    private SftpTestServer server;

    private SftpTestServer start(SftpTestServer.Builder builder, SftpServerListener... listeners) {
        for (SftpServerListener listener : listeners) {
            builder.listener(listener);
        }
        server = builder.listener(recorder).start();
        return server;
    }

    private SftpTestServer start(SftpServerListener... listeners) {
        return start(SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "hello"), listeners);
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    // ------------------------------------------------------------------ ConnectionRequest, Connected, Disconnected

    @Test
    void aConnectionFiresConnectionRequestThenConnectedThenDisconnected() throws Exception {
        start();
        long id;
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            id = server.connections().get(0).id();
        }
        ConnectionRequestEvent request = recorder.await(ConnectionRequestEvent.class, e -> true);
        assertThat(request.address()).isEqualTo("127.0.0.1");
        assertThat(request.port()).isPositive();
        assertThat(request.accept()).isTrue();
        ConnectedEvent connected = recorder.await(ConnectedEvent.class, e -> true);
        assertThat(connected.connectionId()).isEqualTo(id);
        assertThat(connected.remoteAddress().getPort()).isEqualTo(request.port());
        assertThat(connected.statusCode()).isZero();
        assertThat(connected.description()).isEqualTo("OK");
        DisconnectedEvent disconnected = recorder.await(DisconnectedEvent.class, e -> true);
        assertThat(disconnected.connectionId()).isEqualTo(id);
        assertThat(disconnected.user()).isEqualTo("alice");
        assertThat(disconnected.statusCode()).isZero();
    }

    @Test
    void aConnectionRequestRefusedByAListenerIsClosedAndTheNextOneAccepted() throws Exception {
        SftpServerListener refuseFirst = new SftpServerListener() {
            private boolean refused;

            @Override
            public synchronized void onConnectionRequest(ConnectionRequestEvent e) {
                if (!refused) {
                    refused = true;
                    e.setAccept(false);
                }
            }
        };
        start(refuseFirst);
        assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            assertThat(client.get("/in/a.txt")).isEqualTo("hello");
        }
        assertThat(recorder.all(ConnectionRequestEvent.class)).extracting(ConnectionRequestEvent::accept)
                .containsExactly(false, true);
        assertThat(recorder.all(ConnectedEvent.class)).hasSize(1);
    }

    // ------------------------------------------------------------------ UserAuthRequest

    @Test
    void userAuthRequestCarriesTheMethodAndPasswordWithTheServersVerdict() throws Exception {
        start();
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            client.sftp().pwd();
        }
        List<UserAuthRequestEvent> attempts = recorder.all(UserAuthRequestEvent.class);
        assertThat(attempts).extracting(UserAuthRequestEvent::authMethod).containsExactly("none", "password");
        assertThat(attempts.get(0).accept()).isFalse();
        UserAuthRequestEvent password = attempts.get(1);
        assertThat(password.user()).isEqualTo("alice");
        assertThat(password.service()).isEqualTo("ssh-connection");
        assertThat(password.authParam()).isEqualTo("secret");
        assertThat(password.accept()).isTrue();
        assertThat(password.connectionId()).isPositive();
        assertThat(attempts.get(0).availableMethods()).contains("password", "publickey");
    }

    @Test
    void aListenerCanAcceptAWrongPasswordAndRefuseARightOne() throws Exception {
        SftpServerListener flip = new SftpServerListener() {
            @Override
            public void onUserAuthRequest(UserAuthRequestEvent e) {
                if (e.authMethod().equals("password")) {
                    e.setAccept(e.authParam().equals("letmein"));
                }
            }
        };
        start(flip);
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "letmein")) {
            assertThat(client.get("/in/a.txt")).isEqualTo("hello");
        }
        JSchException refused = catchThrowableOfType(() -> TestClients.jsch(server, "alice", "secret"),
                JSchException.class);
        assertThat(refused.getMessage()).containsIgnoringCase("auth fail");
    }

    @Test
    void partialSuccessMakesTheClientAuthenticateAgainWithTheAvailableMethod() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        SftpServerListener twoFactors = new SftpServerListener() {
            @Override
            public void onUserAuthRequest(UserAuthRequestEvent e) {
                if (e.authMethod().equals("password") && e.accept()) {
                    e.setPartialSuccess(true);
                    e.setAvailableMethods("publickey");
                }
            }
        };
        start(SftpTestServer.builder().user("alice", "secret").user("alice", key.getPublic()), twoFactors);
        SshClient client = SshClient.setUpDefaultClient();
        client.setUserAuthFactoriesNames("password", "publickey");
        client.start();
        try (org.apache.sshd.client.session.ClientSession session = client.connect("alice", server.host(),
                server.port()).verify(java.time.Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity("secret");
            session.addPublicKeyIdentity(key);
            session.auth().verify(java.time.Duration.ofSeconds(10));
            assertThat(session.isAuthenticated()).isTrue();
        } finally {
            client.stop();
        }
        List<UserAuthRequestEvent> attempts = recorder.all(UserAuthRequestEvent.class).stream()
                .filter(e -> !e.authMethod().equals("none")).toList();
        assertThat(attempts).extracting(UserAuthRequestEvent::authMethod).containsExactly("password", "publickey");
        assertThat(attempts.get(0).partialSuccess()).isTrue();
        UserAuthRequestEvent publickey = attempts.get(1);
        assertThat(publickey.accept()).isTrue();
        assertThat(publickey.authParam()).startsWith("ecdsa-sha2-nistp256 AAAA");
        assertThat(publickey.keyAlgorithm()).isEqualTo("ecdsa-sha2-nistp256");
    }

    @Test
    void keyboardInteractiveResponsesArriveAsTheAuthParam() throws Exception {
        start(SftpTestServer.builder().user("alice", "secret").authMethods("keyboard-interactive"));
        com.jcraft.jsch.Session session = TestClients.jschSession(server, "alice", "secret");
        session.setConfig("PreferredAuthentications", "keyboard-interactive");
        session.setUserInfo(new KeyboardAnswers("secret"));
        session.connect(10_000);
        session.disconnect();
        UserAuthRequestEvent attempt = recorder.all(UserAuthRequestEvent.class).stream()
                .filter(e -> e.authMethod().equals("keyboard-interactive")).findFirst().orElseThrow();
        assertThat(attempt.authParam()).isEqualTo("secret");
        assertThat(attempt.accept()).isTrue();
    }

    private record KeyboardAnswers(String answer) implements com.jcraft.jsch.UserInfo,
            com.jcraft.jsch.UIKeyboardInteractive {
        @Override
        public String[] promptKeyboardInteractive(String destination, String name, String instruction,
                String[] prompt, boolean[] echo) {
            String[] answers = new String[prompt.length];
            java.util.Arrays.fill(answers, answer);
            return answers;
        }

        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return answer;
        }

        @Override
        public boolean promptPassword(String message) {
            return true;
        }

        @Override
        public boolean promptPassphrase(String message) {
            return false;
        }

        @Override
        public boolean promptYesNo(String message) {
            return true;
        }

        @Override
        public void showMessage(String message) {
        }
    }

    @Test
    void homeDirSetOnAnAcceptedAttemptIsTheSessionsInitialDirectory() throws Exception {
        SftpServerListener home = new SftpServerListener() {
            @Override
            public void onUserAuthRequest(UserAuthRequestEvent e) {
                if (e.accept()) {
                    e.setHomeDir("/in");
                }
            }
        };
        start(home);
        try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
            assertThat(client.sftp().canonicalPath(".")).isEqualTo("/in");
        }
    }

    // ------------------------------------------------------------------ SSHStatus

    @Test
    void sshStatusTracesTheConnectionsProgress() throws Exception {
        start();
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            client.sftp().pwd();
        }
        recorder.await(SshStatusEvent.class, e -> e.message().contains("closed"));
        List<String> messages = recorder.all(SshStatusEvent.class).stream().map(SshStatusEvent::message).toList();
        assertThat(messages).anyMatch(m -> m.startsWith("client identification SSH-2.0-"))
                .contains("key exchange done", "authenticated as alice")
                .anyMatch(m -> m.matches("channel \\d+ opened"));
        assertThat(messages.indexOf("key exchange done")).isLessThan(messages.indexOf("authenticated as alice"));
        assertThat(recorder.all(SshStatusEvent.class).get(0).connectionId()).isPositive();
    }

    // ------------------------------------------------------------------ Log

    @Test
    void logEventsFollowTheLogLevelAndMaskPasswords() throws Exception {
        start(SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "hello").config("LogLevel=2"));
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            client.get("/in/a.txt");
        }
        List<LogEvent> logs = recorder.all(LogEvent.class);
        assertThat(logs).anyMatch(l -> l.logLevel() == 2 && l.message().contains("OPEN /in/a.txt")
                && l.logType().equals("Verbose"));
        LogEvent auth = logs.stream().filter(l -> l.message().startsWith("authentication of alice with password"))
                .findFirst().orElseThrow();
        assertThat(auth.logLevel()).isEqualTo(1);
        assertThat(auth.message()).contains("****").doesNotContain("secret");

        server.config("LogLevel=0");
        int before = recorder.all(LogEvent.class).size();
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            client.get("/in/a.txt");
        }
        assertThat(recorder.all(LogEvent.class)).hasSize(before);
    }

    // ------------------------------------------------------------------ Error

    @Test
    void aThrowingListenerGivesTheClientFailureFiresErrorAndTheServerServesTheNextRequest() throws Exception {
        SftpServerListener broken = new SftpServerListener() {
            @Override
            public void onFileOpen(FileOpenEvent e) {
                if (e.beforeExec() && e.path().endsWith("a.txt")) {
                    throw new IllegalStateException("boom");
                }
            }
        };
        start(broken);
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            SftpException e = catchThrowableOfType(() -> client.get("/in/a.txt"), SftpException.class);
            assertThat(e.id).isEqualTo(SftpStatus.FAILURE.code());
            assertThat(e.getMessage()).contains("boom");
            server.putFile("/in/b.txt", "still serving");
            assertThat(client.get("/in/b.txt")).isEqualTo("still serving");
        }
        ErrorEvent error = recorder.await(ErrorEvent.class, e -> true);
        assertThat(error.errorCode()).isEqualTo(ErrorEvent.LISTENER_FAILED);
        assertThat(error.cause()).hasMessage("boom");
        assertThat(error.connectionId()).isPositive();
        assertThat(error.description()).contains("boom");
    }

    @Test
    void aThrowingAuthListenerRefusesTheAttemptAndFiresError() throws Exception {
        SftpServerListener broken = new SftpServerListener() {
            @Override
            public void onUserAuthRequest(UserAuthRequestEvent e) {
                if (e.authMethod().equals("password")) {
                    throw new IllegalStateException("auth boom");
                }
            }
        };
        start(broken);
        assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
        assertThat(recorder.await(ErrorEvent.class, e -> true).cause()).hasMessage("auth boom");
        server.removeListener(broken);
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            assertThat(client.get("/in/a.txt")).isEqualTo("hello");
        }
    }

    @Test
    void debugLogShowsEachRequestsOutcome() throws Exception {
        start(SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "hello").config("LogLevel=3"));
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            catchThrowableOfType(() -> client.sftp().stat("/missing"), SftpException.class);
        }
        assertThat(recorder.all(LogEvent.class)).anyMatch(l -> l.logLevel() == 3 && l.logType().equals("Debug")
                && l.message().contains("STAT /missing") && l.message().contains("answered NO_SUCH_FILE"));
    }

    @Test
    void noListenerMeansNoEventWork() throws Exception {
        server = SftpTestServer.builder().user("alice", "secret").file("/in/a.txt", "hello").start();
        try (TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            assertThat(client.get("/in/a.txt").getBytes(StandardCharsets.UTF_8)).hasSize(5);
        }
    }
}
