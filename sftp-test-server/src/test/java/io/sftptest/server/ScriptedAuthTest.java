package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.keyboard.UserInteraction;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;

/** Scripted authentication outcomes, seen by MINA's SSH client and JSch. */
class ScriptedAuthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Connects MINA's client, adds the identities, authenticates; returns whether it was accepted. */
    private static boolean authenticate(SftpTestServer server, String user, UserInteraction interaction,
            KeyPair key, String... passwords) throws Exception {
        SshClient client = SshClient.setUpDefaultClient();
        if (interaction != null) {
            client.setUserInteraction(interaction);
        }
        client.start();
        try (ClientSession session = client.connect(user, server.host(), server.port()).verify(TIMEOUT)
                .getSession()) {
            if (key != null) {
                session.addPublicKeyIdentity(key);
            }
            for (String password : passwords) {
                session.addPasswordIdentity(password);
            }
            try {
                session.auth().verify(TIMEOUT);
                return true;
            } catch (Exception refused) {
                return false;
            }
        } finally {
            client.stop();
        }
    }

    private static List<String> authRecords(SftpTestServer server) {
        return server.recording().requests(RequestFilter.operation(SftpOperation.AUTH)).stream()
                .map(RecordedRequest::summary).map(s -> s.substring(s.indexOf(' ') + 1)).toList();
    }

    @Test
    void partialSuccessWithAPublicKeyThenAPassword() throws Exception {
        KeyPair key = KeyUtils.generateKeyPair("ssh-ed25519", 256);
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("alice", key.getPublic())
                .start()) {
            server.auth().user("alice").requireMethods("publickey", "password");

            assertThat(authenticate(server, "alice", null, null, "secret")).as("password alone").isFalse();
            assertThat(authenticate(server, "alice", null, key)).as("key alone").isFalse();
            server.recording().clear();
            assertThat(authenticate(server, "alice", null, key, "secret")).as("key, then password").isTrue();
            assertThat(authRecords(server)).containsExactly("alice AUTH(publickey) : OK (partial success)",
                    "alice AUTH(password) : OK");
        }
    }

    @Test
    void keyboardInteractiveWithTwoPrompts() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .authMethods("keyboard-interactive").start()) {
            server.auth().user("alice").keyboardInteractive(ScriptedAuth.Prompt.of("Password: ", "secret"),
                    new ScriptedAuth.Prompt("Verification code: ", "123456", true));
            List<String> shown = new CopyOnWriteArrayList<>();
            UserInteraction right = interaction(shown, "secret", "123456");

            assertThat(authenticate(server, "alice", right, null)).isTrue();
            assertThat(shown).containsExactly("Password: (echo false)", "Verification code: (echo true)");
            assertThat(authenticate(server, "alice", interaction(new ArrayList<>(), "secret", "000000"), null))
                    .as("a wrong code").isFalse();
        }
    }

    @Test
    void rejectsAfterThreeFailedAttemptsByDisconnecting() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.auth().user("alice").maxAttempts(3);

            assertThat(authenticate(server, "alice", null, null, "wrong1", "wrong2", "wrong3", "wrong4", "secret"))
                    .isFalse();
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT), TIMEOUT);
            assertThat(authRecords(server)).containsExactly("alice AUTH(password) : PERMISSION_DENIED",
                    "alice AUTH(password) : PERMISSION_DENIED", "alice AUTH(password) : PERMISSION_DENIED");
        }
    }

    @Test
    void rejectRefusesTheRightPasswordAndAcceptTakesAnyPassword() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").user("bob", "secret").start()) {
            server.auth().user("alice").reject();
            server.auth().allUsers().accept();

            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
            try (TestClients.Jsch bob = TestClients.jsch(server, "bob", "anything")) {
                assertThat(bob.sftp().pwd()).isEqualTo("/");
            }
            server.auth().clear();
            try (TestClients.Jsch alice = TestClients.jsch(server, "alice", "secret")) {
                assertThat(alice.sftp().pwd()).isEqualTo("/");
            }
        }
    }

    @Test
    void theBannerReachesTheClientAndClearRemovesIt() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.auth().banner("Authorised use only");
            List<String> banners = new CopyOnWriteArrayList<>();
            UserInteraction interaction = new UserInteraction() {
                @Override
                public void welcome(ClientSession session, String banner, String lang) {
                    banners.add(banner);
                }

                @Override
                public String[] interactive(ClientSession session, String name, String instruction, String lang,
                        String[] prompt, boolean[] echo) {
                    return new String[0];
                }

                @Override
                public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                    return null;
                }
            };
            assertThat(authenticate(server, "alice", interaction, null, "secret")).isTrue();
            assertThat(banners).containsExactly("Authorised use only");
            server.reset();
            assertThat(server.config("UserAuthBanner")).isEmpty();
        }
    }

    @Test
    void delayHoldsTheVerdict() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.auth().allUsers().delay(Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThat(authenticate(server, "alice", null, null, "secret")).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void keyboardInteractiveNeedsTheMethodOnTheServer() {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            assertThatThrownBy(() -> server.auth().user("alice")
                    .keyboardInteractive(ScriptedAuth.Prompt.of("Code: ", "1")))
                    .hasMessageContaining(".authMethods(\"password\", \"publickey\", \"keyboard-interactive\")");
        }
    }

    private static UserInteraction interaction(List<String> shown, String... answers) {
        return new UserInteraction() {
            @Override
            public String[] interactive(ClientSession session, String name, String instruction, String lang,
                    String[] prompt, boolean[] echo) {
                for (int i = 0; i < prompt.length; i++) {
                    shown.add(prompt[i] + "(echo " + echo[i] + ")");
                }
                return answers;
            }

            @Override
            public String getUpdatedPassword(ClientSession session, String prompt, String lang) {
                return null;
            }
        };
    }
}
