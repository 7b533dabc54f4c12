package io.sftptest.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

import io.sftptest.fixture.openssh.OpenSshServer;
import io.sftptest.server.Fault;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;

/**
 * Measures sftp-test-server against OpenSSH's own sshd in the same run and prints a table of
 * medians and ratios.
 *
 * <pre>
 * java -Xmx6g [-Dbench.runs=5] [-Dbench.sizeMiB=1024] -cp ... io.sftptest.bench.BenchmarkHarness [--quick] [--out FILE]
 * </pre>
 *
 * <p>{@code --quick} runs every scenario with tiny sizes and few repetitions (seconds): the smoke
 * run of {@code mvn verify}. The numbers of a quick run mean nothing.
 */
public final class BenchmarkHarness {
    private static final String PEER = "fake-sftp-server-lambda";

    /** How a client logs in: with the client key (this project, sshd) or a password (the peer). */
    private record Login(int port, boolean password) {
        static Login key(int port) {
            return new Login(port, false);
        }

        static Login password(int port) {
            return new Login(port, true);
        }
    }

    private final boolean quick;
    private final Path work;
    private final ClientKey key;
    private final List<Result> results = new ArrayList<>();

    private BenchmarkHarness(boolean quick, Path work) {
        this.quick = quick;
        this.work = work;
        this.key = ClientKey.generate(work);
    }

    /**
     * Runs the benchmarks.
     *
     * @param args {@code --quick} for the smoke run; {@code --out FILE} to write the Markdown report
     * @throws Exception when a scenario fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        int out = List.of(args).indexOf("--out");
        String report = run(quick);
        System.out.println(report);
        if (out >= 0) {
            Files.writeString(Path.of(args[out + 1]), report);
        }
    }

    /**
     * Runs every scenario and returns the Markdown report.
     *
     * @param quick tiny sizes and few repetitions
     * @return the report
     * @throws Exception when a scenario fails
     */
    public static String run(boolean quick) throws Exception {
        Path work = Files.createTempDirectory("sftp-bench");
        BenchmarkHarness harness = new BenchmarkHarness(quick, work);
        // -Dbench.only=2,6 runs only those scenarios (numbers as in the report)
        Set<String> only = System.getProperty("bench.only") == null ? null
                : Set.of(System.getProperty("bench.only").split(","));
        Predicate<String> wanted = scenario -> only == null || only.contains(scenario);
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd-" + System.nanoTime()), harness.key.publicKey())) {
            if (wanted.test("1")) {
                harness.warmStart();
                harness.firstStart();
            }
            if (wanted.test("2")) {
                harness.roundTrip(sshd);
            }
            if (wanted.test("3")) {
                harness.throughput(sshd, null);
                harness.throughput(sshd, "aes128-gcm@openssh.com");
            }
            if (wanted.test("4")) {
                harness.smallFiles(sshd);
            }
            if (wanted.test("5")) {
                harness.concurrentClients(sshd);
            }
            if (wanted.test("6")) {
                harness.recordingOverhead();
                harness.recordingOverheadInJvm();
            }
            if (wanted.test("7")) {
                harness.memory();
            }
        } finally {
            deleteTree(work);
        }
        return harness.report();
    }

    /** Removes the harness's temporary directory: a full run leaves more than 1 GiB of payloads in it. */
    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }

    private int runs() {
        return quick ? 1 : Integer.getInteger("bench.runs", 5);
    }

    /** The size of the throughput transfers: 1 GiB, or {@code -Dbench.sizeMiB=N}. */
    private long transferSize() {
        return quick ? 4L << 20 : Long.getLong("bench.sizeMiB", 1024L) << 20;
    }

    // --------------------------------------------------------------- 1. start to first connection

    private void warmStart() throws Exception {
        int warmup = quick ? 5 : 200;
        int samples = quick ? 5 : 300;
        for (int i = 0; i < warmup; i++) {
            StartToFirstConnection.ours();
        }
        for (int i = 0; i < warmup; i++) {
            StartToFirstConnection.peer();
        }
        // alternating, so that drifting machine load hits both alike
        double[] times = new double[samples];
        double[] peer = new double[samples];
        for (int i = 0; i < samples; i++) {
            times[i] = StartToFirstConnection.ours();
            peer[i] = StartToFirstConnection.peer();
        }
        results.add(new Result("1. start to first accepted connection, warm (per-test servers)", "ms",
                Stats.median(times), Stats.median(peer), PEER, false, "≤ 1.0 ms"));
    }

    private void firstStart() {
        double[] times = new double[runs()];
        for (int i = 0; i < times.length; i++) {
            times[i] = FirstStart.inNewJvm(work, List.of());
        }
        double[] sshd = new double[runs()];
        for (int i = 0; i < sshd.length; i++) {
            long start = System.nanoTime();
            try (OpenSshServer server = OpenSshServer.start(freshDirectory("sshd-start"), key.publicKey())) {
                sshd[i] = Stats.millis(System.nanoTime() - start);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        results.add(new Result("1. start to first accepted connection, first in a new JVM", "ms",
                Stats.median(times), Stats.median(sshd), "sshd process start", false, "≤ 250 ms"));
    }

    // --------------------------------------------------------------- 2. JSch round trip

    private void roundTrip(OpenSshServer sshd) throws Exception {
        int samples = quick ? 3 : 60;
        try (SftpTestServer server = ourServer()) {
            double ours = jschRoundTrips(Login.key(server.port()), "/rt.bin", samples);
            double reference = jschRoundTrips(Login.key(sshd.port()), work.resolve("rt.bin").toString(), samples);
            results.add(new Result("2. JSch connect + auth + 1 KiB put + get + disconnect", "ms", ours, reference,
                    "sshd", false, "≤ 15 ms"));
            try (PeerServer peer = PeerServer.start()) {
                double peerTime = jschRoundTrips(Login.password(peer.port()), "/rt.bin", samples);
                results.add(new Result("2. JSch connect + auth + 1 KiB put + get + disconnect", "ms", ours, peerTime,
                        PEER, false, "≤ 15 ms"));
            }
        }
    }

    private double jschRoundTrips(Login login, String remotePath, int samples) throws Exception {
        byte[] data = new byte[1024];
        new Random(1).nextBytes(data);
        for (int i = 0; i < Math.max(3, samples / 3); i++) {
            jschRoundTrip(login, remotePath, data);
        }
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            jschRoundTrip(login, remotePath, data);
            times[i] = Stats.millis(System.nanoTime() - start);
        }
        return Stats.median(times);
    }

    private void jschRoundTrip(Login login, String remotePath, byte[] data) throws Exception {
        Session session = jschSession(login);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            sftp.put(new ByteArrayInputStream(data), remotePath);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            sftp.get(remotePath, back);
            if (back.size() != data.length) {
                throw new IllegalStateException("round trip returned " + back.size() + " bytes");
            }
            sftp.disconnect();
        } finally {
            session.disconnect();
        }
    }

    private Session jschSession(int port) throws Exception {
        return jschSession(Login.key(port));
    }

    private Session jschSession(Login login) throws Exception {
        return jschSession(login, null);
    }

    /** A connected JSch session; {@code cipher} (both directions) or null for JSch's default. */
    private Session jschSession(Login login, String cipher) throws Exception {
        JSch jsch = new JSch();
        Session session;
        if (login.password()) {
            session = jsch.getSession(user(), "127.0.0.1", login.port());
            session.setPassword(PeerServer.PASSWORD);
            session.setConfig("PreferredAuthentications", "password");
        } else {
            jsch.addIdentity(key.privateKey().toString());
            session = jsch.getSession(user(), "127.0.0.1", login.port());
            session.setConfig("PreferredAuthentications", "publickey");
        }
        session.setConfig("StrictHostKeyChecking", "no");
        if (cipher != null) {
            session.setConfig("cipher.s2c", cipher);
            session.setConfig("cipher.c2s", cipher);
        }
        session.connect(10_000);
        return session;
    }

    // --------------------------------------------------------------- 3. throughput

    private void throughput(OpenSshServer sshd, String cipher) throws Exception {
        long size = transferSize();
        Path local = work.resolve("payload.bin");
        if (!Files.exists(local) || Files.size(local) != size) {
            writeRandomFile(local, size);
        }
        Path back = work.resolve("payload.back");
        String name = cipher == null ? "default cipher (chacha20-poly1305)" : cipher;
        double[][] ours = new double[2][runs()];
        double[][] reference = new double[2][runs()];
        for (int i = 0; i < runs(); i++) {
            try (SftpTestServer server = ourServer()) {
                ours[0][i] = transfer(server.port(), cipher, "put " + local + " /payload.bin", size);
                ours[1][i] = transfer(server.port(), cipher, "get /payload.bin " + back, size);
            }
            String remote = work.resolve("remote.bin").toString();
            reference[0][i] = transfer(sshd.port(), cipher, "put " + local + " " + remote, size);
            reference[1][i] = transfer(sshd.port(), cipher, "get " + remote + " " + back, size);
            Files.deleteIfExists(Path.of(remote));
        }
        Files.deleteIfExists(back);
        String target = cipher == null ? "≥ 0.9× sshd" : "≥ 1.0× sshd";
        results.add(new Result("3. OpenSSH sftp upload " + sizeLabel(size) + ", " + name, "MB/s",
                Stats.median(ours[0]), Stats.median(reference[0]), "sshd", true, target));
        results.add(new Result("3. OpenSSH sftp download " + sizeLabel(size) + ", " + name, "MB/s",
                Stats.median(ours[1]), Stats.median(reference[1]), "sshd", true, target));
        throughputAgainstPeer(cipher, name);
    }

    /**
     * The peer cannot hold more than about 15.85 MiB, so both servers move 15 MiB files here. OpenSSH's
     * {@code put} fails against the peer ("dest open: Unknown status": it cannot set the permissions
     * that the client sends with the open), so the upload is measured with JSch in this JVM, memory to
     * memory, for both; the download with OpenSSH from a file seeded through each server's API.
     */
    private void throughputAgainstPeer(String cipher, String name) throws Exception {
        int size = (int) Math.min(transferSize(), PeerServer.MAX_FILE_SIZE);
        byte[] data = new byte[size];
        new Random(15).nextBytes(data);
        String jschCipher = cipher == null ? "chacha20-poly1305@openssh.com" : cipher;
        Path back = work.resolve("peer-payload.back");
        // short transfers: more of them
        int rounds = quick ? 1 : runs() * 2;
        double[][] ours = new double[3][rounds];
        double[][] peer = new double[3][rounds];
        for (int i = 0; i < rounds; i++) {
            try (SftpTestServer server = ourServer()) {
                server.putFile("/payload.bin", data);
                ours[0][i] = transfer(Login.key(server.port()), cipher, "get /payload.bin " + back, size);
                double[] jsch = jschTransfer(Login.key(server.port()), jschCipher, data);
                ours[1][i] = jsch[0];
                ours[2][i] = jsch[1];
            }
            try (PeerServer server = PeerServer.start()) {
                server.server().putFile("/payload.bin", data);
                peer[0][i] = transfer(Login.password(server.port()), cipher, "get /payload.bin " + back, size);
                double[] jsch = jschTransfer(Login.password(server.port()), jschCipher, data);
                peer[1][i] = jsch[0];
                peer[2][i] = jsch[1];
            }
        }
        Files.deleteIfExists(back);
        String label = sizeLabel(size) + ", " + name;
        results.add(new Result("3. OpenSSH sftp download " + label, "MB/s",
                Stats.median(ours[0]), Stats.median(peer[0]), PEER, true, "≥ 1.0× peer"));
        results.add(new Result("3. JSch upload " + label + ", memory to memory", "MB/s",
                Stats.median(ours[1]), Stats.median(peer[1]), PEER, true, "≥ 1.0× peer"));
        results.add(new Result("3. JSch download " + label + ", memory to memory", "MB/s",
                Stats.median(ours[2]), Stats.median(peer[2]), PEER, true, "≥ 1.0× peer"));
    }

    /** Uploads data to /data.bin and downloads it again with JSch in this JVM; returns MB/s up and down. */
    private double[] jschTransfer(Login login, String cipher, byte[] data) throws Exception {
        Session session = jschSession(login, cipher);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            long start = System.nanoTime();
            sftp.put(new ByteArrayInputStream(data), "/data.bin");
            double up = data.length / 1e6 / ((System.nanoTime() - start) / 1e9);
            ByteArrayOutputStream back = new ByteArrayOutputStream(data.length);
            start = System.nanoTime();
            sftp.get("/data.bin", back);
            double down = data.length / 1e6 / ((System.nanoTime() - start) / 1e9);
            if (back.size() != data.length) {
                throw new IllegalStateException("downloaded " + back.size() + " of " + data.length + " bytes");
            }
            sftp.disconnect();
            return new double[] {up, down};
        } finally {
            session.disconnect();
        }
    }

    /** Runs one sftp batch command and returns MB/s for {@code bytes}. */
    private double transfer(int port, String cipher, String command, long bytes) throws IOException {
        return transfer(Login.key(port), cipher, command, bytes);
    }

    private double transfer(Login login, String cipher, String command, long bytes) throws IOException {
        long start = System.nanoTime();
        sftpBatch(login, cipher, List.of(command));
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes / 1e6 / seconds;
    }

    private void sftpBatch(int port, String cipher, List<String> commands) throws IOException {
        sftpBatch(Login.key(port), cipher, commands);
    }

    private void sftpBatch(Login login, String cipher, List<String> commands) throws IOException {
        Path batch = Files.createTempFile(work, "batch", ".txt");
        Files.write(batch, commands);
        List<String> command = new ArrayList<>(List.of("sftp", "-q"));
        Map<String, String> environment = Map.of();
        if (login.password()) {
            // OpenSSH reads the password from SSH_ASKPASS when forced to (no sshpass needed). "-b" adds
            // "-o BatchMode=yes", which turns password prompts off; ssh takes the first value given, so
            // BatchMode=no has to come before "-b".
            command.addAll(List.of("-o", "BatchMode=no", "-o", "PreferredAuthentications=password",
                    "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1"));
            environment = Map.of("SSH_ASKPASS", askPass().toString(), "SSH_ASKPASS_REQUIRE", "force");
        } else {
            command.addAll(List.of("-i", key.privateKey().toString(), "-o", "BatchMode=yes"));
        }
        command.addAll(List.of("-b", batch.toString(), "-P", Integer.toString(login.port()),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
        if (cipher != null) {
            command.addAll(List.of("-c", cipher));
        }
        command.add(user() + "@127.0.0.1");
        Processes.run(command, environment, work, 600);
        Files.delete(batch);
    }

    /** A script that prints the peer's password, for OpenSSH's SSH_ASKPASS. */
    private Path askPass() throws IOException {
        Path script = work.resolve("askpass.sh");
        if (!Files.exists(script)) {
            Files.writeString(script, "#!/bin/sh\necho " + PeerServer.PASSWORD + "\n");
            script.toFile().setExecutable(true);
        }
        return script;
    }

    // --------------------------------------------------------------- 4. many small files

    private void smallFiles(OpenSshServer sshd) throws Exception {
        int count = quick ? 20 : 2000;
        Path directory = work.resolve("small");
        Files.createDirectories(directory);
        byte[] data = new byte[1024];
        for (int i = 0; i < count; i++) {
            Files.write(directory.resolve(String.format(Locale.ROOT, "f%05d.bin", i)), data);
        }
        double[] ours = new double[runs()];
        double[] reference = new double[runs()];
        for (int i = 0; i < runs(); i++) {
            try (SftpTestServer server = ourServer()) {
                server.createDirectory("/small");
                long start = System.nanoTime();
                sftpBatch(server.port(), null, List.of("put " + directory + "/* /small/"));
                ours[i] = Stats.millis(System.nanoTime() - start);
                if (server.list("/small").size() != count) {
                    throw new IllegalStateException("expected " + count + " files on the server");
                }
            }
            Path remote = freshDirectory("small-remote");
            long start = System.nanoTime();
            sftpBatch(sshd.port(), null, List.of("put " + directory + "/* " + remote + "/"));
            reference[i] = Stats.millis(System.nanoTime() - start);
        }
        results.add(new Result("4. " + count + " files of 1 KiB, one OpenSSH sftp session", "ms",
                Stats.median(ours), Stats.median(reference), "sshd", false, "≤ 0.9× sshd's time"));
        // OpenSSH's put fails against the peer (see throughputAgainstPeer): JSch, one session, both servers
        double[][] jsch = new double[2][runs()];
        for (int i = 0; i < runs(); i++) {
            try (SftpTestServer server = ourServer()) {
                server.createDirectory("/small");
                jsch[0][i] = jschSmallFiles(Login.key(server.port()), count, data);
            }
            try (PeerServer server = PeerServer.start()) {
                server.server().createDirectory("/small");
                jsch[1][i] = jschSmallFiles(Login.password(server.port()), count, data);
            }
        }
        results.add(new Result("4. " + count + " files of 1 KiB, one JSch session", "ms",
                Stats.median(jsch[0]), Stats.median(jsch[1]), PEER, false, "≤ 1.0× peer's time"));
    }

    private double jschSmallFiles(Login login, int count, byte[] data) throws Exception {
        Session session = jschSession(login);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            long start = System.nanoTime();
            for (int f = 0; f < count; f++) {
                sftp.put(new ByteArrayInputStream(data), String.format(Locale.ROOT, "/small/f%05d.bin", f));
            }
            double elapsed = Stats.millis(System.nanoTime() - start);
            sftp.disconnect();
            return elapsed;
        } finally {
            session.disconnect();
        }
    }

    // --------------------------------------------------------------- 5. concurrent clients

    private void concurrentClients(OpenSshServer sshd) throws Exception {
        int clients = quick ? 4 : 20;
        int transfers = quick ? 3 : 50;
        double[] ours = new double[runs()];
        double[] reference = new double[runs()];
        int failures = 0;
        for (int i = 0; i < runs(); i++) {
            try (SftpTestServer server = ourServer()) {
                server.createDirectory("/c");
                long start = System.nanoTime();
                failures += concurrentTransfers(server.port(), "/c/", clients, transfers);
                ours[i] = Stats.millis(System.nanoTime() - start);
            }
            Path remote = freshDirectory("concurrent");
            long start = System.nanoTime();
            concurrentTransfers(sshd.port(), remote + "/", clients, transfers);
            reference[i] = Stats.millis(System.nanoTime() - start);
        }
        results.add(new Result("5. " + clients + " concurrent JSch clients × " + transfers
                + " transfers of 64 KiB (failures: " + failures + ")", "ms", Stats.median(ours),
                Stats.median(reference), "sshd", false, "0 failures"));
        double[] peer = new double[runs()];
        int peerFailures = 0;
        for (int i = 0; i < runs(); i++) {
            try (PeerServer server = PeerServer.start()) {
                server.server().createDirectory("/c");
                long start = System.nanoTime();
                peerFailures += concurrentTransfers(Login.password(server.port()), "/c/", clients, transfers);
                peer[i] = Stats.millis(System.nanoTime() - start);
            }
        }
        results.add(new Result("5. " + clients + " concurrent JSch clients × " + transfers
                + " transfers of 64 KiB (failures: " + failures + "; peer's: " + peerFailures + ")", "ms",
                Stats.median(ours), Stats.median(peer), PEER, false, "0 failures"));
        if (failures > 0) {
            throw new IllegalStateException(failures + " concurrent transfers failed against sftp-test-server");
        }
    }

    private int concurrentTransfers(int port, String remoteDirectory, int clients, int transfers)
            throws Exception {
        return concurrentTransfers(Login.key(port), remoteDirectory, clients, transfers);
    }

    private int concurrentTransfers(Login login, String remoteDirectory, int clients, int transfers)
            throws Exception {
        byte[] data = new byte[64 * 1024];
        new Random(5).nextBytes(data);
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    try {
                        Session session = jschSession(login);
                        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                        sftp.connect(10_000);
                        for (int t = 0; t < transfers; t++) {
                            String path = remoteDirectory + "c" + client + "-" + t + ".bin";
                            sftp.put(new ByteArrayInputStream(data), path);
                            ByteArrayOutputStream back = new ByteArrayOutputStream();
                            sftp.get(path, back);
                            if (!Arrays.equals(back.toByteArray(), data)) {
                                failures.incrementAndGet();
                            }
                        }
                        sftp.disconnect();
                        session.disconnect();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return failures.get();
    }

    // --------------------------------------------------------------- 6. recording overhead

    /**
     * Throughput and many small files with the recording on, against the same server with it off,
     * alternating so that drifting machine load hits both alike.
     */
    private void recordingOverhead() throws IOException {
        // at most 256 MiB: these rows are disk-bound and noisy (the in-JVM rows below are the
        // measurement), and three variants of 1 GiB would take a quarter of the run
        long size = Math.min(transferSize(), 256L << 20);
        Path local = work.resolve("payload-6.bin");
        if (!Files.exists(local) || Files.size(local) != size) {
            writeRandomFile(local, size);
        }
        Path back = work.resolve("payload.back");
        Path smallDirectory = work.resolve("small");
        Variant[] variants = Variant.values();
        double[][][] measured = new double[variants.length][3][runs()];
        for (int i = 0; i < runs(); i++) {
            for (Variant variant : variants) {
                double[][] target = measured[variant.ordinal()];
                try (SftpTestServer server = variantServer(variant)) {
                    target[0][i] = transfer(server.port(), "aes128-gcm@openssh.com",
                            "put " + local + " /payload.bin", size);
                    target[1][i] = transfer(server.port(), "aes128-gcm@openssh.com",
                            "get /payload.bin " + back, size);
                    if (Files.isDirectory(smallDirectory)) {
                        server.createDirectory("/small");
                        long start = System.nanoTime();
                        sftpBatch(server.port(), null, List.of("put " + smallDirectory + "/* /small/"));
                        target[2][i] = Stats.millis(System.nanoTime() - start);
                    }
                }
            }
        }
        Files.deleteIfExists(back);
        String target = "≥ 0.95× (< 5 % overhead)";
        double[][] plain = measured[Variant.PLAIN.ordinal()];
        for (Variant variant : List.of(Variant.RECORDING_OFF, Variant.FAULT_RULES)) {
            double[][] other = measured[variant.ordinal()];
            // ours = the costlier set-up, reference = the one without the cost
            double[][] costly = variant == Variant.RECORDING_OFF ? plain : other;
            double[][] cheap = variant == Variant.RECORDING_OFF ? other : plain;
            String versus = variant == Variant.RECORDING_OFF ? "recording on vs off" : "100 non-matching fault rules vs none";
            String referenceName = variant == Variant.RECORDING_OFF ? "recording off" : "no rules";
            results.add(new Result("6. OpenSSH sftp upload " + sizeLabel(size) + " (aes128-gcm), " + versus, "MB/s",
                    Stats.median(costly[0]), Stats.median(cheap[0]), referenceName, true, target));
            results.add(new Result("6. OpenSSH sftp download " + sizeLabel(size) + " (aes128-gcm), " + versus,
                    "MB/s", Stats.median(costly[1]), Stats.median(cheap[1]), referenceName, true, target));
            if (Files.isDirectory(smallDirectory)) {
                results.add(new Result("6. OpenSSH sftp put of scenario 4's files, " + versus, "ms",
                        Stats.median(costly[2]), Stats.median(cheap[2]), referenceName, false, target));
            }
        }
    }

    /** The server variants of scenario 6. */
    private enum Variant { PLAIN, RECORDING_OFF, FAULT_RULES }

    /**
     * The same comparisons without disks in the way: a JSch client in this JVM uploads and downloads
     * from and to memory, and uploads many small files, against a plain server (recording on, no
     * fault rules), one with the recording off and one with 100 fault rules that never match, taking
     * turns, many times.
     */
    private void recordingOverheadInJvm() throws Exception {
        int size = quick ? 1 << 20 : 64 << 20;
        int files = quick ? 20 : 2000;
        int rounds = quick ? 1 : Math.max(10, runs() * 2);
        byte[] data = new byte[size];
        new Random(9).nextBytes(data);
        byte[] small = new byte[1024];
        Variant[] variants = Variant.values();
        double[][][] measured = new double[variants.length][3][rounds];
        for (int i = 0; i < rounds; i++) {
            for (Variant variant : variants) {
                double[][] target = measured[variant.ordinal()];
                try (SftpTestServer server = variantServer(variant)) {
                    Login login = Login.key(server.port());
                    double[] transfer = jschTransfer(login, null, data);
                    target[0][i] = transfer[0];
                    target[1][i] = transfer[1];
                    server.createDirectory("/small");
                    target[2][i] = jschSmallFiles(login, files, small);
                }
            }
        }
        String label = (size >> 20) + " MiB, JSch in the same JVM, memory to memory";
        String target = "≥ 0.95× (< 5 % overhead)";
        double[][] plain = measured[Variant.PLAIN.ordinal()];
        double[][] off = measured[Variant.RECORDING_OFF.ordinal()];
        double[][] rules = measured[Variant.FAULT_RULES.ordinal()];
        results.add(new Result("6. upload " + label + ", recording on vs off", "MB/s", Stats.median(plain[0]),
                Stats.median(off[0]), "recording off", true, target));
        results.add(new Result("6. download " + label + ", recording on vs off", "MB/s", Stats.median(plain[1]),
                Stats.median(off[1]), "recording off", true, target));
        results.add(new Result("6. " + files + " files of 1 KiB, one JSch session, recording on vs off", "ms",
                Stats.median(plain[2]), Stats.median(off[2]), "recording off", false, target));
        results.add(new Result("6. upload " + label + ", 100 non-matching fault rules vs none", "MB/s",
                Stats.median(rules[0]), Stats.median(plain[0]), "no rules", true, target));
        results.add(new Result("6. download " + label + ", 100 non-matching fault rules vs none", "MB/s",
                Stats.median(rules[1]), Stats.median(plain[1]), "no rules", true, target));
        results.add(new Result("6. " + files + " files of 1 KiB, one JSch session, 100 non-matching fault rules vs none",
                "ms", Stats.median(rules[2]), Stats.median(plain[2]), "no rules", false, target));
    }

    private SftpTestServer variantServer(Variant variant) {
        SftpTestServer server = SftpTestServer.builder().user(user(), key.publicKey())
                .recording(variant != Variant.RECORDING_OFF).start();
        if (variant == Variant.FAULT_RULES) {
            addNonMatchingFaultRules(server);
        }
        return server;
    }

    /** 100 rules on OPEN that no request of the benchmarks matches: their cost is pure matching. */
    private static void addNonMatchingFaultRules(SftpTestServer server) {
        for (int i = 0; i < 100; i++) {
            server.faults().on(SftpOperation.OPEN).path("/never/" + i + "/**").respond(Fault.status(SftpStatus.FAILURE));
        }
    }

    // --------------------------------------------------------------- 7. memory

    private void memory() throws Exception {
        long size = quick ? 8L << 20 : transferSize();
        Path local = work.resolve("memory.bin");
        writeRandomFile(local, size);
        try (SftpTestServer server = ourServer()) {
            long before = usedHeapAfterGc();
            sftpBatch(server.port(), "aes128-gcm@openssh.com", List.of("put " + local + " /memory.bin"));
            long after = usedHeapAfterGc();
            results.add(new Result("7. heap held per byte of a " + sizeLabel(size) + " file in Jimfs", "bytes/byte",
                    (after - before) / (double) size, Double.NaN, "", false, "≈ 1"));

            int connections = quick ? 5 : 100;
            List<Session> idle = new ArrayList<>();
            long beforeIdle = usedHeapAfterGc();
            for (int i = 0; i < connections; i++) {
                Session session = jschSession(server.port());
                ((ChannelSftp) session.openChannel("sftp")).connect(10_000);
                idle.add(session);
            }
            long afterIdle = usedHeapAfterGc();
            results.add(new Result("7. heap per idle SFTP connection (" + connections + " open, JSch in the same JVM)",
                    "KiB", (afterIdle - beforeIdle) / 1024.0 / connections, Double.NaN, "", false, ""));
            idle.forEach(Session::disconnect);
        }
        Files.delete(local);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // --------------------------------------------------------------- plumbing

    private SftpTestServer ourServer() {
        return SftpTestServer.builder().user(user(), key.publicKey()).start();
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private Path freshDirectory(String prefix) throws IOException {
        return Files.createTempDirectory(work, prefix);
    }

    static void writeRandomFile(Path file, long size) throws IOException {
        Random random = new Random(42);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

    private static String sizeLabel(long size) {
        return size >= 1L << 30 ? (size >> 30) + " GiB" : (size >> 20) + " MiB";
    }

    private String report() {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmark results").append(quick ? " (quick smoke run: the numbers mean nothing)" : "")
                .append("\n\n");
        out.append(String.format(Locale.ROOT, "Run on %s: %d cores, Java %s (%s), %s.%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.vendor"), sshdVersion()));
        out.append("Medians of ").append(runs()).append(" runs or more; the ratio is > 1 where this project does "
                + "better than the reference measured in the same run.\n\n");
        out.append("| scenario | sftp-test-server | reference | ratio | target | |\n|---|---|---|---|---|---|\n");
        for (Result result : results) {
            out.append(result.markdownRow()).append('\n');
        }
        return out.toString();
    }

    private String sshdVersion() {
        try {
            Process process = new ProcessBuilder(OpenSshServer.SSHD, "-V").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return text.lines().findFirst().orElse("sshd");
        } catch (IOException | InterruptedException e) {
            return "sshd (version unknown)";
        }
    }

    List<Result> results() {
        return results;
    }
}
