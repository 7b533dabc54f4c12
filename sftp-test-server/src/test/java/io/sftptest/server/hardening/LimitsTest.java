package io.sftptest.server.hardening;

import static org.apache.sshd.sftp.common.SftpConstants.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.WindowClosedException;
import org.apache.sshd.common.channel.exception.SshChannelClosedException;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

/** What a client sees when it runs into each limit, and that the server goes on serving. */
class LimitsTest {
    private static SshClient client;

    @BeforeAll
    static void startClient() {
        client = RawSftp.startClient();
    }

    @AfterAll
    static void stopClient() {
        client.stop();
    }

    @Test
    void refusesTheChannelBeyondMaxChannelsPerConnectionAndKeepsTheOthers() throws Exception {
        try (SftpTestServer server = Health.builder().maxChannelsPerConnection(2).start();
                ClientSession session = RawSftp.login(client, server, Health.USER, Health.PASSWORD)) {
            List<RawSftp> open = new ArrayList<>();
            open.add(RawSftp.openOn(session));
            open.add(RawSftp.openOn(session));
            assertThatThrownBy(() -> RawSftp.openOn(session)).hasCauseInstanceOf(SshChannelOpenException.class);
            assertThat(session.isOpen()).isTrue();
            for (RawSftp sftp : open) {
                assertThat(sftp.init(3)).isEqualTo(3);
            }
            open.get(0).close();
            Waiting.until(() -> {
                try (RawSftp again = RawSftp.openOn(session)) {
                    return again.init(3) == 3;
                } catch (Exception e) {
                    return false;
                }
            }, "a channel to be admitted once one closed");
            open.get(1).close();
            Health.assertServes(client, server);
        }
    }

    @Test
    void admitsExactlyOneChannelWithALimitOfOne() throws Exception {
        try (SftpTestServer server = Health.builder().maxChannelsPerConnection(1).start();
                ClientSession session = RawSftp.login(client, server, Health.USER, Health.PASSWORD);
                RawSftp first = RawSftp.openOn(session)) {
            assertThatThrownBy(() -> RawSftp.openOn(session))
                    .hasCauseInstanceOf(SshChannelOpenException.class)
                    .satisfies(e -> assertThat(((SshChannelOpenException) e.getCause()).getReasonCode())
                            .as("SSH_OPEN_RESOURCE_SHORTAGE").isEqualTo(SshConstants.SSH_OPEN_RESOURCE_SHORTAGE));
            assertThat(session.isOpen()).isTrue();
            assertThat(first.init(3)).isEqualTo(3);
        }
    }

    @Test
    void answersTheOpenBeyondMaxOpenHandlesWithFailureUntilAHandleCloses() throws Exception {
        try (SftpTestServer server = Health.builder().maxOpenHandles(2).protocolVersion(3).start();
                RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            String first = sftp.openForRead(1, Health.SEED_PATH);
            sftp.openForRead(2, Health.SEED_PATH);
            sftp.send(SSH_FXP_OPEN, 3, b -> {
                b.putString(Health.SEED_PATH);
                b.putInt(SSH_FXF_READ);
                b.putInt(0);
            });
            Buffer reply = sftp.reply();
            assertThat(reply.getUByte()).isEqualTo(SSH_FXP_STATUS);
            assertThat(reply.getInt()).isEqualTo(3);
            assertThat(reply.getInt()).as("v3 has no NO_SPACE_ON_FILESYSTEM").isEqualTo(SSH_FX_FAILURE);
            assertThat(reply.getString()).isNotEmpty();
            sftp.send(SSH_FXP_OPENDIR, 4, b -> b.putString("/"));
            assertThat(sftp.status(4)).isEqualTo(SSH_FX_FAILURE);

            sftp.send(SSH_FXP_CLOSE, 5, b -> b.putString(first));
            assertThat(sftp.status(5)).isEqualTo(SSH_FX_OK);
            sftp.openForRead(6, Health.SEED_PATH);
        }
    }

    @Test
    void answersMaxOpenHandlesWithNoSpaceOnFilesystemInVersion6() throws Exception {
        try (SftpTestServer server = Health.builder().maxOpenHandles(1).start();
                RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            assertThat(sftp.init(6)).isEqualTo(6);
            sftp.send(SSH_FXP_OPENDIR, 1, b -> b.putString("/"));
            assertThat(sftp.handle(1)).isNotEmpty();
            sftp.send(SSH_FXP_OPENDIR, 2, b -> b.putString("/"));
            assertThat(sftp.status(2)).isEqualTo(SSH_FX_NO_SPACE_ON_FILESYSTEM);
        }
    }

    @Test
    void closesTheChannelOnARequestBeyondMaxPacketSizeAndServesSmallerOnes() throws Exception {
        int limit = 64 * 1024;
        try (SftpTestServer server = Health.builder().maxPacketSize(limit).start();
                RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            sftp.send(SSH_FXP_OPEN, 1, b -> {
                b.putString("/big.bin");
                b.putInt(SSH_FXF_WRITE | SSH_FXF_CREAT);
                b.putInt(0);
            });
            String handle = sftp.handle(1);
            sftp.send(SSH_FXP_WRITE, 2, b -> {
                b.putString(handle);
                b.putLong(0);
                b.putBytes(new byte[32 * 1024]);
            });
            assertThat(sftp.status(2)).isEqualTo(SSH_FX_OK);
            try {
                sftp.send(SSH_FXP_WRITE, 3, b -> {
                    b.putString(handle);
                    b.putLong(0);
                    b.putBytes(new byte[limit]);
                });
            } catch (SshChannelClosedException | WindowClosedException closedWhileSending) {
                // the server read the length in the first bytes and closed the channel before the rest was out
                // (the client notices it on the channel, or on its window, depending on which it was waiting for)
            }
            assertThat(sftp.reply()).as("the channel closes instead of answering").isNull();
            assertThat(server.fileContent("/big.bin")).hasSize(32 * 1024);
            Health.assertServes(client, server);
        }
    }

    @Test
    void disconnectsAfterMaxAuthAttemptsFailures() throws Exception {
        try (SftpTestServer server = Health.builder().maxAuthAttempts(2).start()) {
            ClientSession session = client.connect(Health.USER, server.host(), server.port())
                    .verify(RawSftp.REPLY_TIMEOUT).getSession();
            AtomicReference<String> disconnect = new AtomicReference<>();
            session.addSessionListener(new SessionListener() {
                @Override
                public void sessionDisconnect(Session s, int reason, String msg, String language, boolean initiator) {
                    disconnect.compareAndSet(null, reason + " " + msg);
                }
            });
            for (int i = 0; i < 5; i++) {
                session.addPasswordIdentity("wrong-" + i);
            }
            assertThatThrownBy(() -> session.auth().verify(RawSftp.REPLY_TIMEOUT));
            Waiting.until(session::isClosed, "the server to close the session");
            assertThat(disconnect.get()).startsWith(SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE + " ");
            Health.assertServes(client, server);
        }
    }

    @Test
    void disconnectsAClientThatDoesNotAuthenticateWithinTheAuthTimeout() throws Exception {
        try (SftpTestServer server = Health.builder().authTimeout(Duration.ofMillis(300)).start()) {
            ClientSession session = client.connect(Health.USER, server.host(), server.port())
                    .verify(RawSftp.REPLY_TIMEOUT).getSession();
            AtomicReference<String> disconnect = new AtomicReference<>();
            session.addSessionListener(new SessionListener() {
                @Override
                public void sessionDisconnect(Session s, int reason, String msg, String language, boolean initiator) {
                    disconnect.compareAndSet(null, reason + " " + msg);
                }
            });
            Waiting.until(session::isClosed, "the server to close the unauthenticated session");
            assertThat(disconnect.get()).isNotNull();
            // the client can see the close before the server has finished it
            Waiting.until(() -> server.connections().isEmpty(), "the server to forget the connection");
        }
    }

    @Test
    void closesAnIdleAuthenticatedSessionAtTheIdleTimeout() throws Exception {
        try (SftpTestServer server = Health.builder().idleTimeout(Duration.ofMillis(300)).start();
                RawSftp sftp = RawSftp.open(client, server, Health.USER, Health.PASSWORD)) {
            sftp.init(3);
            Waiting.until(() -> sftp.session().isClosed(), "the idle session to be closed");
            Waiting.until(() -> server.connections().isEmpty(), "the server to forget it");
        }
    }

    @Test
    void rejectsLimitsOutOfRange() {
        assertThatThrownBy(() -> SftpTestServer.builder().maxPacketSize(1024))
                .hasMessageContaining("maxPacketSize 1024 is out of range");
        assertThatThrownBy(() -> SftpTestServer.builder().maxPacketSize(4 << 20))
                .hasMessageContaining("the SSH channel window");
        assertThatThrownBy(() -> SftpTestServer.builder().maxOpenHandles(-1))
                .hasMessageContaining("maxOpenHandles must not be negative");
        assertThatThrownBy(() -> SftpTestServer.builder().maxChannelsPerConnection(-1))
                .hasMessageContaining("maxChannelsPerConnection must not be negative");
    }
}
