package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;

/** The seed's configuration settings by name: builder, runtime reads and changes, errors. */
class SeedSettingsTest {
    @Test
    void builderSettingsAreReadBackByNameCaseInsensitively() {
        try (SftpTestServer server = SftpTestServer.builder()
                .config("ProtocolVersion=3")
                .config("maxauthattempts=4")
                .config("ServerSSHVersionString=SSH-2.0-OpenSSH_9.6")
                .config("SSHMacAlgorithms=hmac-sha2-256")
                .config("SSHKeepAliveInterval=30")
                .config("UseStrictKeyExchange=0")
                .config("UserRootDirectory[alice]=/users/alice")
                .config("RestrictUserToHomeDir[alice]=true")
                .user("alice", "secret")
                .build()) {
            assertThat(server.config("ProtocolVersion")).isEqualTo("3");
            assertThat(server.config("MAXAUTHATTEMPTS")).isEqualTo("4");
            assertThat(server.config("ServerSSHVersionString")).isEqualTo("SSH-2.0-OpenSSH_9.6");
            assertThat(server.config("SSHMacAlgorithms")).isEqualTo("hmac-sha2-256");
            assertThat(server.config("SSHKeepAliveInterval")).isEqualTo("30");
            assertThat(server.config("UseStrictKeyExchange")).isEqualTo("0");
            assertThat(server.config("UserRootDirectory[alice]")).isEqualTo("/users/alice");
            assertThat(server.config("RestrictUserToHomeDir[alice]")).isEqualTo("true");
            assertThat(server.config("RestrictUserToHomeDir")).isEqualTo("false");
            assertThat(server.config("LogLevel")).isEqualTo("1");
            assertThat(server.config("MaxConnections")).isEqualTo("0");
        }
    }

    @Test
    void settingsTakeEffectOnRealConnections() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret")
                .config("ServerSSHVersionString=SSH-2.0-OpenSSH_9.6").config("ProtocolVersion=3")
                .config("UserAuthBanner=Authorised use only").start()) {
            List<String> banners = new ArrayList<>();
            Session session = TestClients.jschSession(server, "alice", "secret");
            session.setUserInfo(new BannerCollector(banners));
            session.connect(10_000);
            assertThat(session.getServerVersion()).isEqualTo("SSH-2.0-OpenSSH_9.6");
            session.disconnect();
            assertThat(banners).anyMatch(b -> b.contains("Authorised use only"));
            try (TestClients.Mina client = TestClients.mina(server, "alice", "secret", null)) {
                assertThat(client.sftp().getVersion()).isEqualTo(3);
            }
        }
    }

    @Test
    void liveSettingsChangeWhileTheServerRuns() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            assertThat(server.config("BlockedClients=127.0.0.*")).isEqualTo("127.0.0.*");
            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
            server.config("BlockedClients=");
            server.config("AllowedClients=10.*,192.168.*");
            assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret")).isInstanceOf(JSchException.class);
            server.config("AllowedClients=*");
            assertThat(server.config("MaxConnections=1")).isEqualTo("1");
            try (TestClients.Jsch first = TestClients.jsch(server, "alice", "secret")) {
                assertThatThrownBy(() -> TestClients.jsch(server, "alice", "secret"))
                        .isInstanceOf(JSchException.class);
            }
            assertThat(server.config("SFTPErrorMessage=try later")).isEqualTo("try later");
            assertThat(server.config("LogLevel=3")).isEqualTo("3");
        }
    }

    @Test
    void theUserAuthBannerChangesWhileTheServerRuns() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            assertThat(server.config("UserAuthBanner")).isEmpty();
            server.config("UserAuthBanner=Maintenance at noon");
            List<String> banners = new ArrayList<>();
            Session session = TestClients.jschSession(server, "alice", "secret");
            session.setUserInfo(new BannerCollector(banners));
            session.connect(10_000);
            session.disconnect();
            assertThat(banners).anyMatch(b -> b.contains("Maintenance at noon"));
            assertThat(server.config("UserAuthBanner")).isEqualTo("Maintenance at noon");
        }
    }

    @Test
    void theSftpErrorMessageIsSentWithAStatusAListenerSetsWithoutMessage() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").file("/a.txt", "a")
                .config("SFTPErrorMessage=maintenance window").listener(new SftpServerListener() {
                    @Override
                    public void onFileOpen(io.sftptest.server.event.FileOpenEvent e) {
                        if (e.beforeExec()) {
                            e.setStatusCode(SftpStatus.FAILURE);
                        }
                    }
                }).start();
                TestClients.Jsch client = TestClients.jsch(server, "alice", "secret")) {
            assertThatThrownBy(() -> client.get("/a.txt")).hasMessageContaining("maintenance window");
        }
    }

    @Test
    void anUnknownNameFailsListingTheSupportedNames() {
        assertThatThrownBy(() -> SftpTestServer.builder().config("NoSuchThing=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting \"NoSuchThing\"")
                .hasMessageContaining("MaxAuthAttempts").hasMessageContaining("SSHMacAlgorithms");
        assertThatThrownBy(() -> SftpTestServer.builder().config("ServerEOL=LF"))
                .hasMessageContaining("\"ServerEOL\" of the seed component is not supported")
                .hasMessageContaining("ProtocolVersion");
    }

    @Test
    void aBadValueNamesTheSettingAndTheExpectedForm() {
        assertThatThrownBy(() -> SftpTestServer.builder().config("MaxAuthAttempts=many"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad value \"many\" for MaxAuthAttempts: expected a whole number >= 1");
        assertThatThrownBy(() -> SftpTestServer.builder().config("ProtocolVersion=7"))
                .hasMessageContaining("ProtocolVersion").hasMessageContaining("3 to 6");
        assertThatThrownBy(() -> SftpTestServer.builder().config("ServerSSHVersionString=OpenSSH"))
                .hasMessageContaining("SSH-2.0-");
        assertThatThrownBy(() -> SftpTestServer.builder().config("SSHMacAlgorithms=hmac-nope"))
                .hasMessageContaining("SSHMacAlgorithms").hasMessageContaining("hmac-nope");
        assertThatThrownBy(() -> SftpTestServer.builder().config("UserRootDirectory=/x"))
                .hasMessageContaining("UserRootDirectory[alice]=");
        assertThatThrownBy(() -> SftpTestServer.builder().config("LogLevel"))
                .hasMessageContaining("LogLevel=VALUE");
    }

    @Test
    void aBuildOnlySettingCannotChangeWhileTheServerRuns() {
        try (SftpTestServer server = SftpTestServer.builder().build()) {
            assertThatThrownBy(() -> server.config("ProtocolVersion=3"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("builder().config(\"ProtocolVersion=...\")")
                    .hasMessageContaining("MaxConnections");
        }
    }

    /** Collects the banners JSch shows; logs in with "secret" (also used by PersonalityFileTest). */
    record BannerCollector(List<String> banners) implements UserInfo {
        @Override
        public String getPassphrase() {
            return null;
        }

        @Override
        public String getPassword() {
            return "secret";
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
            banners.add(message);
        }
    }

    @Test
    void resetUndoesLiveChangesAndRemovesListenersAddedAtRuntime() {
        SftpServerListener built = new SftpServerListener() { };
        try (SftpTestServer server = SftpTestServer.builder().config("MaxConnections=3")
                .config("UserAuthBanner=built banner").listener(built).start()) {
            SftpServerListener added = new SftpServerListener() { };
            server.addListener(added);
            server.config("MaxConnections=1");
            server.config("UserAuthBanner=changed");

            server.reset();

            assertThat(server.config("MaxConnections")).isEqualTo("3");
            assertThat(server.config("UserAuthBanner")).isEqualTo("built banner");
            assertThat(server.removeListener(added)).as("the listener added at runtime is gone").isFalse();
            assertThat(server.removeListener(built)).as("the builder's listener stays").isTrue();
        }
    }
}
