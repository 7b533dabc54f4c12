package io.sftptest.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.transport.verification.PromiscuousVerifier;
import net.schmizz.sshj.xfer.InMemoryDestFile;
import net.schmizz.sshj.xfer.InMemorySourceFile;

import io.sftptest.server.SftpTestServer;

/**
 * Connect, authenticate with a password, put 1 KiB, get it back, disconnect: one client in the same JVM as the
 * server. {@code server=peer} is the reference measured in the same run, the peer fixture fake-sftp-server-lambda.
 * JSch has a floor of its own: it polls for the answer to its {@code sftp} subsystem request every 10 ms
 * ({@code com.jcraft.jsch.Request}), so no server gives it a round trip under about 10 ms.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RoundTripBenchmark {
    private static final String USER = "bench";
    private static final String PASSWORD = PeerServer.PASSWORD;

    /** Which server: {@code ours} or the peer fixture. */
    @Param({"ours", "peer"})
    public String server;

    private final byte[] data = new byte[1024];
    private AutoCloseable running;
    private int port;
    private SshClient minaClient;

    /** Starts the server and MINA's client (a client is made once per test class in practice too). */
    @Setup(Level.Trial)
    public void start() {
        new Random(1).nextBytes(data);
        if (server.equals("ours")) {
            SftpTestServer ours = SftpTestServer.builder().user(USER, PASSWORD).start();
            port = ours.port();
            running = ours;
        } else {
            PeerServer peer = PeerServer.start();
            port = peer.port();
            running = peer;
        }
        minaClient = SshClient.setUpDefaultClient();
        minaClient.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        minaClient.start();
    }

    /**
     * Stops both.
     *
     * @throws Exception when closing fails
     */
    @TearDown(Level.Trial)
    public void stop() throws Exception {
        minaClient.stop();
        running.close();
    }

    /**
     * MINA's {@code SftpClient}.
     *
     * @throws IOException on failure
     */
    @Benchmark
    public void mina() throws IOException {
        try (ClientSession session = minaClient.connect(USER, "127.0.0.1", port)
                .verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                try (OutputStream out = sftp.write("/rt.bin", EnumSet.of(SftpClient.OpenMode.Write,
                        SftpClient.OpenMode.Create, SftpClient.OpenMode.Truncate))) {
                    out.write(data);
                }
                try (InputStream in = sftp.read("/rt.bin")) {
                    check(in.readAllBytes().length);
                }
            }
        }
    }

    /**
     * sshj.
     *
     * @throws IOException on failure
     */
    @Benchmark
    public void sshj() throws IOException {
        try (SSHClient ssh = new SSHClient()) {
            ssh.addHostKeyVerifier(new PromiscuousVerifier());
            ssh.connect("127.0.0.1", port);
            ssh.authPassword(USER, PASSWORD);
            try (net.schmizz.sshj.sftp.SFTPClient sftp = ssh.newSFTPClient()) {
                sftp.put(new Source(data), "/rt.bin");
                Destination back = new Destination();
                sftp.get("/rt.bin", back);
                check(back.bytes.size());
            }
        }
    }

    /**
     * JSch (com.github.mwiede).
     *
     * @throws Exception on failure
     */
    @Benchmark
    public void jsch() throws Exception {
        Session session = new JSch().getSession(USER, "127.0.0.1", port);
        session.setPassword(PASSWORD);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "password");
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            sftp.put(new ByteArrayInputStream(data), "/rt.bin");
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            sftp.get("/rt.bin", back);
            check(back.size());
            sftp.disconnect();
        } finally {
            session.disconnect();
        }
    }

    private void check(int length) {
        if (length != data.length) {
            throw new IllegalStateException("round trip returned " + length + " bytes");
        }
    }

    /** sshj's in-memory upload source. */
    private static final class Source extends InMemorySourceFile {
        private final byte[] bytes;

        Source(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getName() {
            return "rt.bin";
        }

        @Override
        public long getLength() {
            return bytes.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** sshj's in-memory download target. */
    private static final class Destination extends InMemoryDestFile {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public long getLength() {
            return bytes.size();
        }

        @Override
        public OutputStream getOutputStream() {
            return bytes;
        }

        @Override
        public OutputStream getOutputStream(boolean append) {
            return bytes;
        }
    }
}
