package io.sftptest.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * OpenSSH's own sshd, the reference: started on a free loopback port with a temporary
 * configuration, host key and authorized key, serving {@code internal-sftp}.
 */
final class OpenSshServer implements AutoCloseable {
    static final String SSHD = "/usr/sbin/sshd";

    private final Process process;
    private final int port;

    private OpenSshServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static OpenSshServer start(Path directory, ClientKey clientKey) throws IOException {
        Files.createDirectories(directory);
        Path hostKey = directory.resolve("ssh_host_ed25519_key");
        Processes.run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()), directory, 30);
        Path authorized = directory.resolve("authorized_keys");
        Files.copy(clientKey.publicKey(), authorized);
        // sshd refuses to start without its privilege separation directory.
        Files.createDirectories(Path.of("/run/sshd"));
        int port = freePort();
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "MaxStartups 200",
                "MaxSessions 100",
                "LogLevel ERROR",
                "Subsystem sftp internal-sftp",
                ""));
        Process process = new ProcessBuilder(SSHD, "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("sshd.log").toFile()).start();
        OpenSshServer server = new OpenSshServer(process, port);
        server.awaitListening();
        return server;
    }

    int port() {
        return port;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        throw new IllegalStateException("sshd did not listen on port " + port + " within 20 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
