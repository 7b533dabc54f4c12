package io.sftptest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

import com.github.stefanbirkner.fakesftpserver.lambda.FakeSftpServer;

import io.sftptest.server.SftpTestServer;

/** Scenario 1's measure: from building a server to its first accepted connection (its identification line). */
final class StartToFirstConnection {
    private StartToFirstConnection() {
    }

    /** The same for the peer fixture: from the call of its {@code withSftpServer} to the banner. */
    static double peer() throws Exception {
        long start = System.nanoTime();
        double[] elapsed = new double[1];
        FakeSftpServer.withSftpServer(server -> {
            readBanner(server.getPort());
            elapsed[0] = Stats.millis(System.nanoTime() - start);
        });
        return elapsed[0];
    }

    /** Builds and starts a server, connects and reads its SSH identification line; returns ms. */
    static double ours() throws IOException {
        long start = System.nanoTime();
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            readBanner(server.port());
            return Stats.millis(System.nanoTime() - start);
        }
    }

    /** Connects to a port and reads the SSH identification line. */
    static void readBanner(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            int c;
            StringBuilder line = new StringBuilder();
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            if (!line.toString().startsWith("SSH-2.0-")) {
                throw new IOException("no SSH identification from port " + port + ": " + line);
            }
        }
    }
}
