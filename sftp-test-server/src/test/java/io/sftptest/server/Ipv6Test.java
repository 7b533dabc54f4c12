package io.sftptest.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server bound to the IPv6 loopback address ::1. */
class Ipv6Test {
    @BeforeAll
    static void assumeIpv6Loopback() {
        boolean available;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            available = true;
        } catch (IOException e) {
            available = false;
        }
        Assumptions.assumeTrue(available, "this machine has no IPv6 loopback address ::1");
    }

    @ParameterizedTest
    @EnumSource(ClientKind.class)
    void servesClientsOnTheIpv6Loopback(ClientKind kind) {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").host("::1")
                .file("/a.txt", "over IPv6").start();
                InteropClient client = kind.connect(server, "alice", "secret")) {
            assertThat(new String(client.download("/a.txt"), UTF_8)).isEqualTo("over IPv6");
            client.upload("/b.txt", "back".getBytes(UTF_8));
            assertThat(server.fileContent("/b.txt", UTF_8)).isEqualTo("back");
        }
    }

    @Test
    void reportsABracketedUriAndAConnectionFromTheIpv6Loopback() throws Exception {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").host("::1").start();
                MinaClient client = MinaClient.connect(server.host(), server.port(), "alice", "secret")) {
            assertThat(client.realpath(".")).isEqualTo("/");
            assertThat(InetAddress.getByName(server.host())).isEqualTo(InetAddress.getByName("::1"));
            assertThat(server.uri().toString()).startsWith("sftp://[").endsWith("]:" + server.port() + "/");
            assertThat(server.connections()).singleElement()
                    .satisfies(c -> assertThat(c.remoteAddress().getAddress().isLoopbackAddress()).isTrue());
        }
    }

    @Test
    void servesCurlOnTheIpv6Loopback(@TempDir Path work) {
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").host("::1")
                .file("/a.txt", "over IPv6").start()) {
            Processes.Result result = Curl.run(work, server, "alice", "secret", "/a.txt").assertSucceeded();

            assertThat(result.output()).isEqualTo("over IPv6");
        }
    }
}
