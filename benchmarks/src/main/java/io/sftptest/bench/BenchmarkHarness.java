package io.sftptest.bench;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

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
        java.util.Set<String> only = System.getProperty("bench.only") == null ? null
                : java.util.Set.of(System.getProperty("bench.only").split(","));
        java.util.function.Predicate<String> wanted = scenario -> only == null || only.contains(scenario);
        try (OpenSshServer sshd = OpenSshServer.start(work.resolve("sshd-" + System.nanoTime()), harness.key)) {
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
        }
        return harness.report();
    }

    private int runs() {
        return quick ? 1 : Integer.getInteger("bench.runs", 5);
    }

    /** The size of the throughput transfers: 1 GiB, or {@code -Dbench.sizeMiB=N}. */
    private long transferSize() {
        return quick ? 4L << 20 : Long.getLong("bench.sizeMiB", 1024L) << 20;
    }

    // --------------------------------------------------------------- 1. start to first connection

    private void warmStart() throws IOException {
        int warmup = quick ? 5 : 200;
        int samples = quick ? 5 : 300;
        for (int i = 0; i < warmup; i++) {
            startAndConnectOnce();
        }
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            times[i] = startAndConnectOnce();
        }
        results.add(new Result("1. start to first accepted connection, warm (per-test servers)", "ms",
                Stats.median(times), Double.NaN, "", false, "≤ 1.0 ms"));
    }

    /** Builds and starts a server, connects and reads its SSH identification line; returns ms. */
    static double startAndConnectOnce() throws IOException {
        long start = System.nanoTime();
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            readBanner(server.port());
            return Stats.millis(System.nanoTime() - start);
        }
    }

    private void firstStart() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // absolute: the child runs in the harness's temporary directory
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        double[] times = new double[runs()];
        for (int i = 0; i < times.length; i++) {
            String output = Processes.run(List.of(java, "-cp", classpath, FirstStart.class.getName()), work, 120);
            times[i] = Double.parseDouble(output.lines().filter(l -> l.startsWith("first-start-ms="))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no timing in: " + output))
                    .substring("first-start-ms=".length()));
        }
        double[] sshd = new double[runs()];
        for (int i = 0; i < sshd.length; i++) {
            long start = System.nanoTime();
            try (OpenSshServer server = OpenSshServer.start(freshDirectory("sshd-start"), key)) {
                sshd[i] = Stats.millis(System.nanoTime() - start);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        results.add(new Result("1. start to first accepted connection, first in a new JVM", "ms",
                Stats.median(times), Stats.median(sshd), "sshd process start", false, "≤ 250 ms"));
    }

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

    // --------------------------------------------------------------- 2. JSch round trip

    private void roundTrip(OpenSshServer sshd) throws Exception {
        int samples = quick ? 3 : 60;
        try (SftpTestServer server = ourServer()) {
            double ours = jschRoundTrips(server.port(), "/rt.bin", samples);
            double reference = jschRoundTrips(sshd.port(), work.resolve("rt.bin").toString(), samples);
            results.add(new Result("2. JSch connect + auth + 1 KiB put + get + disconnect", "ms", ours, reference,
                    "sshd", false, "≤ 15 ms"));
        }
    }

    private double jschRoundTrips(int port, String remotePath, int samples) throws Exception {
        byte[] data = new byte[1024];
        new Random(1).nextBytes(data);
        for (int i = 0; i < Math.max(3, samples / 3); i++) {
            jschRoundTrip(port, remotePath, data);
        }
        double[] times = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            jschRoundTrip(port, remotePath, data);
            times[i] = Stats.millis(System.nanoTime() - start);
        }
        return Stats.median(times);
    }

    private void jschRoundTrip(int port, String remotePath, byte[] data) throws Exception {
        Session session = jschSession(port);
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
        JSch jsch = new JSch();
        jsch.addIdentity(key.privateKey().toString());
        Session session = jsch.getSession(user(), "127.0.0.1", port);
        session.setConfig("StrictHostKeyChecking", "no");
        session.setConfig("PreferredAuthentications", "publickey");
        session.connect(10_000);
        return session;
    }

    // --------------------------------------------------------------- 3. throughput

    private void throughput(OpenSshServer sshd, String cipher) throws IOException {
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
    }

    /** Runs one sftp batch command and returns MB/s for {@code bytes}. */
    private double transfer(int port, String cipher, String command, long bytes) throws IOException {
        long start = System.nanoTime();
        sftpBatch(port, cipher, List.of(command));
        double seconds = (System.nanoTime() - start) / 1e9;
        return bytes / 1e6 / seconds;
    }

    private void sftpBatch(int port, String cipher, List<String> commands) throws IOException {
        Path batch = Files.createTempFile(work, "batch", ".txt");
        Files.write(batch, commands);
        List<String> command = new ArrayList<>(List.of("sftp", "-q", "-b", batch.toString(),
                "-i", key.privateKey().toString(), "-P", Integer.toString(port),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR"));
        if (cipher != null) {
            command.addAll(List.of("-c", cipher));
        }
        command.add(user() + "@127.0.0.1");
        Processes.run(command, work, 600);
        Files.delete(batch);
    }

    // --------------------------------------------------------------- 4. many small files

    private void smallFiles(OpenSshServer sshd) throws IOException {
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
        if (failures > 0) {
            throw new IllegalStateException(failures + " concurrent transfers failed against sftp-test-server");
        }
    }

    private int concurrentTransfers(int port, String remoteDirectory, int clients, int transfers)
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
                        Session session = jschSession(port);
                        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                        sftp.connect(10_000);
                        for (int t = 0; t < transfers; t++) {
                            String path = remoteDirectory + "c" + client + "-" + t + ".bin";
                            sftp.put(new ByteArrayInputStream(data), path);
                            ByteArrayOutputStream back = new ByteArrayOutputStream();
                            sftp.get(path, back);
                            if (!java.util.Arrays.equals(back.toByteArray(), data)) {
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
        long size = transferSize();
        Path local = work.resolve("payload.bin");
        if (!Files.exists(local) || Files.size(local) != size) {
            writeRandomFile(local, size);
        }
        Path back = work.resolve("payload.back");
        double[][] on = new double[2][runs()];
        double[][] off = new double[2][runs()];
        for (int i = 0; i < runs(); i++) {
            for (boolean recording : new boolean[] {true, false}) {
                double[][] target = recording ? on : off;
                try (SftpTestServer server = SftpTestServer.builder().user(user(), key.publicKey())
                        .recording(recording).start()) {
                    target[0][i] = transfer(server.port(), "aes128-gcm@openssh.com",
                            "put " + local + " /payload.bin", size);
                    target[1][i] = transfer(server.port(), "aes128-gcm@openssh.com",
                            "get /payload.bin " + back, size);
                }
            }
        }
        Files.deleteIfExists(back);
        results.add(new Result("6. upload " + sizeLabel(size) + " (aes128-gcm), recording on vs off", "MB/s",
                Stats.median(on[0]), Stats.median(off[0]), "recording off", true, "≥ 0.95× (< 5 % overhead)"));
        results.add(new Result("6. download " + sizeLabel(size) + " (aes128-gcm), recording on vs off", "MB/s",
                Stats.median(on[1]), Stats.median(off[1]), "recording off", true, "≥ 0.95× (< 5 % overhead)"));
    }

    /**
     * The same comparison without disks in the way: a JSch client in this JVM uploads and downloads
     * from and to memory, recording on and off alternating, many times.
     */
    private void recordingOverheadInJvm() throws Exception {
        int size = quick ? 1 << 20 : 64 << 20;
        int rounds = quick ? 1 : Math.max(10, runs() * 2);
        byte[] data = new byte[size];
        new Random(9).nextBytes(data);
        double[][] on = new double[2][rounds];
        double[][] off = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            for (boolean recording : new boolean[] {true, false}) {
                double[][] target = recording ? on : off;
                try (SftpTestServer server = SftpTestServer.builder().user(user(), key.publicKey())
                        .recording(recording).start()) {
                    Session session = jschSession(server.port());
                    try {
                        ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                        sftp.connect(10_000);
                        long start = System.nanoTime();
                        sftp.put(new ByteArrayInputStream(data), "/data.bin");
                        target[0][i] = size / 1e6 / ((System.nanoTime() - start) / 1e9);
                        ByteArrayOutputStream back = new ByteArrayOutputStream(size);
                        start = System.nanoTime();
                        sftp.get("/data.bin", back);
                        target[1][i] = size / 1e6 / ((System.nanoTime() - start) / 1e9);
                        sftp.disconnect();
                    } finally {
                        session.disconnect();
                    }
                }
            }
        }
        String label = (size >> 20) + " MiB, JSch in the same JVM, memory to memory";
        results.add(new Result("6. upload " + label + ", recording on vs off", "MB/s", Stats.median(on[0]),
                Stats.median(off[0]), "recording off", true, "≥ 0.95× (< 5 % overhead)"));
        results.add(new Result("6. download " + label + ", recording on vs off", "MB/s", Stats.median(on[1]),
                Stats.median(off[1]), "recording off", true, "≥ 0.95× (< 5 % overhead)"));
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

    private static void writeRandomFile(Path file, long size) throws IOException {
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
