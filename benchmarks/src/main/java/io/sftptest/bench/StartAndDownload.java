package io.sftptest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.sftptest.fixture.openssh.OpenSshServer;

/**
 * The process-level comparisons of issue 17, each against a reference measured in the same run, rounds alternating
 * so that the machine's load hits both alike; prints one line per measure with the median of each side and their
 * ratio (> 1: this project is faster).
 *
 * <pre>
 * java -cp CLASSPATH io.sftptest.bench.StartAndDownload first ROUNDS [JVM_OPTIONS_VARIANT]...
 * java -cp CLASSPATH io.sftptest.bench.StartAndDownload runner ROUNDS CLI_JAR [JVM_OPTIONS_VARIANT]...
 * java -cp CLASSPATH io.sftptest.bench.StartAndDownload download ROUNDS CLI_JAR SIZE_MIB [CIPHER]... [jar=CLI_JAR]...
 *     [warmup=N]
 * </pre>
 *
 * <ul>
 * <li>{@code first}: a new JVM ({@link FirstStart}) from {@code builder().start()} to the identification line, once
 * per variant (a space-separated list of JVM options for that JVM, e.g. {@code -XX:SharedArchiveFile=t.jsa}), vs
 * OpenSSH's sshd from its process start to listening;
 * <li>{@code runner}: {@code java [OPTIONS] -jar CLI_JAR --port 0} from the process start to its "Listening" line, once
 * per variant (a variant is a space-separated list of JVM options, e.g. {@code -XX:SharedArchiveFile=r.jsa}, and
 * optionally {@code jar=PATH} for another build of the runner), vs sshd;
 * <li>{@code download}: OpenSSH {@code sftp} downloads a file of SIZE_MIB from the runner (in memory, uploaded
 * once with {@code sftp put}) and from sshd (disk, in the page cache), per cipher, after N untimed transfers from
 * each runner (1 unless {@code warmup=N}) and one from sshd; each {@code jar=PATH} adds another build of the runner,
 * and every round downloads from each build, then from sshd. Also prints each runner's CPU time per download (the
 * process's, all threads), which the machine's load disturbs less than the rate.
 * </ul>
 */
public final class StartAndDownload {
    private StartAndDownload() {
    }

    /**
     * Runs one mode; see the class comment.
     *
     * @param args the mode and its arguments
     * @throws Exception when a process fails
     */
    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("sftp-speed");
        ClientKey key = ClientKey.generate(work);
        int rounds = Integer.parseInt(args[1]);
        switch (args[0]) {
            case "first" -> first(work, key, rounds, Arrays.copyOfRange(args, 2, args.length));
            case "runner" -> runner(work, key, rounds, Path.of(args[2]), Arrays.copyOfRange(args, 3, args.length));
            case "download" -> download(work, key, rounds, Path.of(args[2]), Integer.parseInt(args[3]),
                    Arrays.copyOfRange(args, 4, args.length));
            default -> throw new IllegalArgumentException("mode: first, runner or download");
        }
    }

    private static void first(Path work, ClientKey key, int rounds, String[] variants) throws Exception {
        perVariant(work, key, rounds, variants, "first server in a new JVM, to the identification line",
                variant -> FirstStart.inNewJvm(work, options(variant)));
    }

    private static void runner(Path work, ClientKey key, int rounds, Path jar, String[] variants) throws Exception {
        perVariant(work, key, rounds, variants, "runner to \"Listening\"", variant -> runnerStart(work, jar, variant));
    }

    /** One start of ours, in the JVM options of a variant. */
    @FunctionalInterface
    private interface Start {
        double millis(String variant) throws Exception;
    }

    /** Every variant once per round, then sshd's start, and one line per variant against sshd. */
    private static void perVariant(Path work, ClientKey key, int rounds, String[] variants, String measure,
            Start start) throws Exception {
        List<String> names = variants.length == 0 ? List.of("") : List.of(variants);
        Map<String, double[]> times = new LinkedHashMap<>();
        names.forEach(name -> times.put(name, new double[rounds]));
        double[] sshd = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            for (String variant : names) {
                times.get(variant)[i] = start.millis(variant);
            }
            sshd[i] = sshdStart(work, key);
        }
        for (String variant : names) {
            print(measure + (variant.isEmpty() ? "" : " with " + variant), "ms", times.get(variant), sshd, false);
        }
    }

    /** A variant's JVM options: space-separated. */
    private static List<String> options(String variant) {
        return variant.isBlank() ? List.of() : List.of(variant.trim().split(" +"));
    }

    private static double runnerStart(Path work, Path jar, String variant) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        Path runnerJar = jar;
        for (String option : options(variant)) {
            if (option.startsWith("jar=")) {
                runnerJar = Path.of(option.substring("jar=".length())); // another build of the runner
            } else {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", runnerJar.toAbsolutePath().toString(), "--port", "0", "--user", "bench:bench",
                "--quiet"));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("Listening on ")) {
                    return Stats.millis(System.nanoTime() - start);
                }
            }
            throw new IllegalStateException("the runner ended without listening: " + command);
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void download(Path work, ClientKey key, int rounds, Path jar, int sizeMiB, String[] options)
            throws Exception {
        List<Path> jars = new ArrayList<>(List.of(jar));
        List<String> ciphers = new ArrayList<>();
        int warmUp = 1;
        for (String option : options) {
            if (option.startsWith("jar=")) {
                jars.add(Path.of(option.substring("jar=".length())));
            } else if (option.startsWith("warmup=")) {
                warmUp = Integer.parseInt(option.substring("warmup=".length()));
            } else {
                ciphers.add(option);
            }
        }
        long size = (long) sizeMiB << 20;
        Path local = work.resolve("payload.bin");
        BenchmarkHarness.writeRandomFile(local, size);
        Path back = work.resolve("payload.back");
        Path remote = work.resolve("remote.bin");
        Files.copy(local, remote);
        List<Process> runners = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (Path build : jars) {
                Process runner = startRunner(work, build, key);
                runners.add(runner);
                ports.add(runnerPort(runner));
                sftp(work, key, ports.get(ports.size() - 1), null, "put " + local + " /payload.bin");
            }
            try (OpenSshServer sshd = OpenSshServer.start(Files.createTempDirectory(work, "sshd"), key.publicKey())) {
                for (String cipher : ciphers) {
                    // untimed transfers first: the runner's JIT compiles its read path (on a loaded machine that
                    // takes several), sshd's file is cached
                    for (int w = 0; w < warmUp; w++) {
                        for (int port : ports) {
                            sftp(work, key, port, cipher, "get /payload.bin " + back);
                        }
                    }
                    sftp(work, key, sshd.port(), cipher, "get " + remote + " " + back);
                    double[][] ours = new double[jars.size()][rounds];
                    double[][] cpu = new double[jars.size()][rounds];
                    double[] reference = new double[rounds];
                    for (int i = 0; i < rounds; i++) {
                        for (int j = 0; j < jars.size(); j++) {
                            int port = ports.get(j);
                            ProcessHandle runner = runners.get(j).toHandle();
                            Duration before = cpuTime(runner);
                            ours[j][i] = megabytesPerSecond(size, () -> sftp(work, key, port, cipher,
                                    "get /payload.bin " + back));
                            cpu[j][i] = cpuTime(runner).minus(before).toMillis() / 1000.0;
                        }
                        reference[i] = megabytesPerSecond(size, () -> sftp(work, key, sshd.port(), cipher,
                                "get " + remote + " " + back));
                    }
                    for (int j = 0; j < jars.size(); j++) {
                        print("OpenSSH sftp download " + sizeMiB + " MiB, " + cipher + ", runner "
                                + jars.get(j).getFileName() + " vs sshd", "MB/s", ours[j], reference, true);
                        System.out.printf("  runner %s: CPU time per download (all its threads) %.2f s; %s%n",
                                jars.get(j).getFileName(), Stats.median(cpu[j]),
                                Arrays.stream(cpu[j]).mapToObj(v -> String.format("%.2f", v))
                                        .collect(Collectors.joining(" ")));
                    }
                }
            }
        } finally {
            for (Process runner : runners) {
                runner.destroy();
                runner.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Process startRunner(Path work, Path jar, ClientKey key) throws IOException {
        List<String> command = List.of(javaExecutable(), "-jar", jar.toAbsolutePath().toString(), "--port", "0",
                "--user-key", System.getProperty("user.name") + ":" + key.publicKey(), "--quiet");
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
    }

    private static int runnerPort(Process runner) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("Listening on sftp://")) {
                String address = line.substring("Listening on sftp://".length()).replaceAll("/$", "");
                // drain the rest so that the runner never blocks on a full pipe
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "runner-output");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            }
        }
        throw new IllegalStateException("the runner ended without listening");
    }

    private static void sftp(Path work, ClientKey key, int port, String cipher, String command) {
        try {
            Path batch = Files.createTempFile(work, "batch", ".txt");
            Files.writeString(batch, command + "\n");
            List<String> line = new ArrayList<>(List.of("sftp", "-q", "-i", key.privateKey().toString(), "-o",
                    "BatchMode=yes", "-b", batch.toString(), "-P", Integer.toString(port), "-o",
                    "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
            if (cipher != null) {
                line.addAll(List.of("-c", cipher));
            }
            line.add(System.getProperty("user.name") + "@127.0.0.1");
            Processes.run(line, work, 600);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double megabytesPerSecond(long bytes, Runnable transfer) {
        long start = System.nanoTime();
        transfer.run();
        return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    private static double sshdStart(Path work, ClientKey key) throws IOException {
        long start = System.nanoTime();
        Path directory = Files.createTempDirectory(work, "sshd-start");
        try (OpenSshServer server = OpenSshServer.start(directory, key.publicKey())) {
            return Stats.millis(System.nanoTime() - start);
        }
    }

    private static void print(String what, String unit, double[] ours, double[] reference, boolean higherIsBetter) {
        double a = Stats.median(ours);
        double b = Stats.median(reference);
        double ratio = higherIsBetter ? a / b : b / a;
        System.out.printf("%s: %.1f %s vs %.1f %s (reference), ratio %.2f×; ours %s, reference %s%n", what, a, unit,
                b, unit, ratio, format(ours), format(reference));
    }

    private static String format(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format("%.1f", v)).collect(Collectors.joining(" "));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
