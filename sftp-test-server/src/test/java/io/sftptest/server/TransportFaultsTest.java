package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.sftptest.server.event.LogEvent;
import io.sftptest.server.event.SshStatusEvent;

/**
 * Transport faults under real clients: the server stops granting channel window, re-keys on its own initiative,
 * or stalls a key exchange it started. The client sees no SFTP error, only a transfer that blocks or goes on.
 */
class TransportFaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] CONTENT = new byte[8 << 20];

    static {
        new Random(860).nextBytes(CONTENT);
    }

    private final List<String> logs = new CopyOnWriteArrayList<>();
    private final List<SshStatusEvent> statuses = new CopyOnWriteArrayList<>();
    private SftpTestServer server;

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    private SftpTestServer server() {
        return SftpTestServer.builder().user("alice", "secret").listener(new SftpServerListener() {
            @Override
            public void onLog(LogEvent event) {
                logs.add(event.message());
            }

            @Override
            public void onSshStatus(SshStatusEvent event) {
                statuses.add(event);
            }
        }).start();
    }

    private long keyExchanges() {
        return statuses.stream().filter(event -> event.message().equals("key exchange done")).count();
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aWindowStallBlocksAnUploadWithNoErrorUntilReleased(ClientKind kind) throws Exception {
        server = server();
        FaultRule stall = server.faults().onConnection().once().respond(ConnectionFault.stallWindowAfter(1 << 20));
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> client.upload("/big.bin", CONTENT));
            Await.await("the server to hold back window", () -> logs.contains("channel window stalled after 1048576 "
                    + "bytes"), WAIT);
            // the client may send its remaining window (at most 2 MiB) beyond the stall: not 8 MiB
            assertThat(upload).isNotDone();
            stall.release();
            upload.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(server.fileContent("/big.bin")).isEqualTo(CONTENT);
        assertThat(server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)))
                .allMatch(request -> request.status() == SftpStatus.OK);
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void transfersGoOnThroughKeyExchangesTheServerStarts(ClientKind kind) {
        server = server();
        server.faults().onConnection().respond(ConnectionFault.rekeyAfterBytes(512 * 1024));
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            long before = keyExchanges();
            client.upload("/big.bin", CONTENT);
            assertThat(client.download("/big.bin")).isEqualTo(CONTENT);
            assertThat(keyExchanges() - before).isGreaterThanOrEqualTo(16); // 16 MiB moved, a rekey per 512 KiB
        }
        assertThat(server.fileContent("/big.bin")).isEqualTo(CONTENT);
    }

    @Test
    void rekeysAfterAnIntervalWhileTrafficFlows() {
        server = server();
        server.faults().onConnection().respond(ConnectionFault.rekeyEvery(Duration.ofMillis(200)));
        server.faults().on(SftpOperation.WRITE).respond(Fault.throttle(1 << 20)); // 1 MiB/s: the upload lasts 2 s
        try (InteropClient client = ClientKind.JSCH.connect(server, "alice", "secret")) {
            long before = keyExchanges();
            client.upload("/slow.bin", java.util.Arrays.copyOf(CONTENT, 2 << 20));
            assertThat(keyExchanges() - before).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void aStalledKeyExchangeBlocksTheTransferUntilReleased(ClientKind kind) throws Exception {
        server = server();
        FaultRule stall = server.faults().onConnection().once().respond(ConnectionFault.stallRekeyAfter(1 << 20));
        try (InteropClient client = kind.connect(server, "alice", "secret")) {
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> client.upload("/big.bin", CONTENT));
            Await.await("the server to stall its key exchange", () -> logs.contains("key re-exchange stalled"), WAIT);
            assertThat(upload).isNotDone();
            long before = keyExchanges();
            stall.release();
            upload.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(keyExchanges()).isGreaterThan(before);
        }
        assertThat(server.fileContent("/big.bin")).isEqualTo(CONTENT);
    }

    @Test
    void refusesTransportFaultsThatCouldNotWork() {
        assertThatThrownBy(() -> ConnectionFault.stallWindowAfter(-1)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> ConnectionFault.rekeyAfterBytes(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ConnectionFault.rekeyEvery(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> ConnectionFault.stallRekeyAfter(0)).hasMessageContaining("at least 1");
        assertThat(ConnectionFault.stallWindowAfter(0)).hasToString("stallWindowAfter(0)")
                .isEqualTo(ConnectionFault.stallWindowAfter(0)).isNotEqualTo(ConnectionFault.stallRekeyAfter(1));
        assertThat(ConnectionFault.rekeyEvery(Duration.ofSeconds(2))).hasToString("rekeyEvery(PT2S)");
    }
}
