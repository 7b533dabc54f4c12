package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;

import io.sftptest.server.event.UserAuthRequestEvent;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/**
 * Every authentication attempt the server answers is an AUTH record with its method, outcome and real
 * duration, whatever decided it: the credentials, a {@link ScriptedAuth} script or a listener. Logged in with
 * JSch and sshj, as users do.
 */
class AuthRecordingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int JSCH_TIMEOUT_MILLIS = 10_000;

    @Test
    void recordsThePublicKeyStepOfAJschLoginAsAPartialSuccessBeforeThePassword() throws Exception {
        JschKey key = JschKey.generate();
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .userAuthorizedKey("alice", key.authorizedKeysLine()).start()) {
            server.auth().user("alice").requireMethods("publickey", "password");

            jschLogin(server, key, "secret", "publickey,password").disconnect();

            assertThat(authRecords(server)).containsExactly("alice AUTH(publickey) : OK (partial success)",
                    "alice AUTH(password) : OK");
            List<RecordedRequest> auths = server.recording().requests(RequestFilter.operation(SftpOperation.AUTH));
            assertThat(auths).extracting(RecordedRequest::authMethod).containsExactly("publickey", "password");
            assertThat(auths).extracting(RecordedRequest::authOutcome)
                    .containsExactly(AuthOutcome.PARTIAL_SUCCESS, AuthOutcome.SUCCESS);
            assertThat(auths).extracting(RecordedRequest::extension).containsOnlyNulls();
        }
    }

    @Test
    void recordsThePublicKeyStepOfAnSshjLoginAsAPartialSuccessBeforeThePassword() throws Exception {
        KeyPair key = ecdsaKey();
        try (SftpTestServer server = keyAndPasswordServer(key); SSHClient ssh = sshj(server)) {
            server.auth().user("alice").requireMethods("publickey", "password");

            ssh.auth("alice", new AuthPublickey(ssh.loadKeys(key)), password("secret"));

            assertThat(ssh.isAuthenticated()).isTrue();
            assertThat(authRecords(server)).containsExactly("alice AUTH(publickey) : OK (partial success)",
                    "alice AUTH(password) : OK");
        }
    }

    @Test
    void recordsAPasswordThatCameBeforeTheRequiredPublicKeyAsRefused() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.auth().user("alice").requireMethods("publickey", "password");

            assertThatThrownBy(() -> jschLogin(server, null, "secret", "password"))
                    .isInstanceOf(JSchException.class);

            assertThat(authRecords(server)).isNotEmpty().allMatch("alice AUTH(password) : PERMISSION_DENIED"::equals);
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.AUTH)))
                    .extracting(RecordedRequest::authOutcome).containsOnly(AuthOutcome.FAILURE);
        }
    }

    @Test
    void recordsEveryRefusedAttemptBeforeMaxAttemptsDisconnectsUnderRequireMethods() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start();
                SSHClient ssh = sshj(server)) {
            server.auth().user("alice").requireMethods("publickey", "password").maxAttempts(2);

            assertThatThrownBy(() -> ssh.auth("alice", password("wrong"), password("secret")))
                    .isInstanceOf(UserAuthException.class);
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);

            assertThat(authRecords(server)).containsExactly("alice AUTH(password) : PERMISSION_DENIED",
                    "alice AUTH(password) : PERMISSION_DENIED");
        }
    }

    @Test
    void recordsRejectAndAcceptWithTheirOutcomes() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("bob", "secret").start()) {
            server.auth().user("alice").reject();
            server.auth().allUsers().accept();

            assertThatThrownBy(() -> jschLogin(server, null, "secret", "password")).isInstanceOf(JSchException.class);
            jschLogin(server, "bob", null, "anything", "password").disconnect();

            assertThat(authRecords(server)).containsExactly("alice AUTH(password) : PERMISSION_DENIED",
                    "bob AUTH(password) : OK");
            assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.AUTH)))
                    .extracting(RecordedRequest::authOutcome).containsExactly(AuthOutcome.FAILURE, AuthOutcome.SUCCESS);
        }
    }

    @Test
    void recordsScriptedKeyboardInteractiveAttemptsWithTheirMethod() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .authMethods("keyboard-interactive").start()) {
            server.auth().user("alice").keyboardInteractive(ScriptedAuth.Prompt.of("Password: ", "123456"));

            try (SSHClient ssh = sshj(server)) { // sshj answers a "Password:" prompt with the password
                assertThatThrownBy(() -> ssh.authPassword("alice", "000000")).isInstanceOf(UserAuthException.class);
            }
            try (SSHClient ssh = sshj(server)) {
                ssh.authPassword("alice", "123456");
            }

            assertThat(authRecords(server)).containsExactly("alice AUTH(keyboard-interactive) : PERMISSION_DENIED",
                    "alice AUTH(keyboard-interactive) : OK");
        }
    }

    @Test
    void recordsTheRealDurationOfAnAttemptIncludingAScriptedDelay() throws Exception {
        Duration delay = Duration.ofMillis(200);
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            jschLogin(server, null, "secret", "password").disconnect();
            server.auth().allUsers().delay(delay);
            jschLogin(server, null, "secret", "password").disconnect();

            List<RecordedRequest> auths = server.recording().requests(RequestFilter.operation(SftpOperation.AUTH));
            assertThat(auths).hasSize(2).allSatisfy(auth -> assertThat(auth.duration()).isPositive());
            assertThat(auths.get(1).duration()).isGreaterThanOrEqualTo(delay);
            assertThat(auths.get(1).time()).isBefore(auths.get(1).time().plus(auths.get(1).duration()));
        }
    }

    @Test
    void recordsAttemptsUnderABannerAndWithoutAnyScript() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            assertThatThrownBy(() -> jschLogin(server, null, "wrong", "password")).isInstanceOf(JSchException.class);
            server.auth().banner("Authorised use only");
            jschLogin(server, null, "secret", "password").disconnect();

            assertThat(authRecords(server)).startsWith("alice AUTH(password) : PERMISSION_DENIED")
                    .endsWith("alice AUTH(password) : OK");
        }
    }

    @Test
    void recordsAPartialSuccessThatAListenerDecided() throws Exception {
        KeyPair key = ecdsaKey();
        try (SftpTestServer server = keyAndPasswordServer(key); SSHClient ssh = sshj(server)) {
            server.addListener(new SftpServerListener() {
                @Override
                public void onUserAuthRequest(UserAuthRequestEvent event) {
                    if ("publickey".equals(event.authMethod()) && event.accept()) {
                        event.setPartialSuccess(true);
                        event.setAvailableMethods("password");
                    }
                }
            });

            ssh.auth("alice", new AuthPublickey(ssh.loadKeys(key)), password("secret"));

            assertThat(authRecords(server)).containsExactly("alice AUTH(publickey) : OK (partial success)",
                    "alice AUTH(password) : OK");
        }
    }

    @Test
    void writesTheAuthMethodOutcomeAndClientAddressAsTheirOwnJsonKeys() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            jschLogin(server, null, "secret", "password").disconnect();
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);

            List<RecordedRequest> records = server.recording().requests();
            assertThat(records.get(0).toJson()).contains("\"op\":\"CONNECT\"",
                    "\"clientAddress\":\"" + records.get(0).clientAddress() + "\"").doesNotContain("\"message\"");
            assertThat(records.get(0).clientAddress()).startsWith("127.0.0.1:");
            assertThat(records.get(0).message()).isNull();
            assertThat(records.get(1).toJson()).contains("\"op\":\"AUTH\"", "\"authMethod\":\"password\"",
                    "\"authOutcome\":\"SUCCESS\"").doesNotContain("\"extension\"");
        }
    }

    /** The AUTH records' summaries without the "#1.0 " prefix. */
    private static List<String> authRecords(SftpTestServer server) {
        return server.recording().requests(RequestFilter.operation(SftpOperation.AUTH)).stream()
                .map(RecordedRequest::summary).map(s -> s.substring(s.indexOf(' ') + 1)).toList();
    }

    private static Session jschLogin(SftpTestServer server, JschKey key, String password, String methods)
            throws JSchException {
        return jschLogin(server, "alice", key, password, methods);
    }

    /** Logs in with JSch, trying the methods in the order given; returns the authenticated session. */
    private static Session jschLogin(SftpTestServer server, String user, JschKey key, String password,
            String methods) throws JSchException {
        JSch jsch = new JSch();
        if (key != null) {
            jsch.addIdentity("key", key.privateKey(), null, null);
        }
        Session session = jsch.getSession(user, server.host(), server.port());
        session.setPassword(password);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", methods);
        session.connect(JSCH_TIMEOUT_MILLIS);
        return session;
    }

    /** Alice with a password and a public key, so that either method can succeed on its own. */
    private static SftpTestServer keyAndPasswordServer(KeyPair key) {
        return SftpTestServer.builder().user("alice", "secret").user("alice", key.getPublic()).start();
    }

    private static SSHClient sshj(SftpTestServer server) throws IOException {
        SSHClient ssh = new SSHClient();
        ssh.addHostKeyVerifier(new PromiscuousVerifier());
        ssh.setConnectTimeout((int) TIMEOUT.toMillis());
        ssh.setTimeout((int) TIMEOUT.toMillis());
        ssh.connect(server.host(), server.port());
        return ssh;
    }

    private static AuthPassword password(String password) {
        return new AuthPassword(PasswordUtils.createOneOff(password.toCharArray()));
    }

    private static KeyPair ecdsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** An ECDSA key made by JSch, in the forms JSch and an authorized_keys file take. */
    private record JschKey(byte[] privateKey, String authorizedKeysLine) {
        static JschKey generate() throws JSchException {
            com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(new JSch(), com.jcraft.jsch.KeyPair.ECDSA,
                    256);
            ByteArrayOutputStream privateKey = new ByteArrayOutputStream();
            pair.writePrivateKey(privateKey);
            ByteArrayOutputStream publicKey = new ByteArrayOutputStream();
            pair.writePublicKey(publicKey, "alice");
            String line = publicKey.toString(StandardCharsets.US_ASCII).trim();
            return new JschKey(privateKey.toByteArray(), line);
        }
    }
}
