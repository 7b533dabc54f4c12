package io.sftptest.bench;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.Session;

/**
 * Compares what one request costs the server in two builds of it, in one JVM: each build's jar in a class loader
 * of its own (on top of the libraries, loaded once), the builds' runs alternating, so that the machine's load
 * falls on both alike. The measure is the CPU time of the SFTP subsystem's thread (decoding, fault rules,
 * listeners, MINA's work on the filesystem, the recording) while JSch uploads 2 000 files of 1 KiB in one
 * session, per variant: recording on, recording off, 100 non-matching fault rules, a listener. Wall times, and
 * the process's CPU, swing with JIT compilation, garbage collection and the other processes of a loaded machine;
 * the thread's CPU time swings less, but still with the load (caches and cores shared): the lowest values and the
 * lower quartile, the runs that had the cores to themselves, compare best.
 *
 * <pre>
 * java -cp BENCHMARK_CLASSPATH io.sftptest.bench.PerRequestCost BEFORE.jar AFTER.jar LIBRARY_CLASSPATH [ROUNDS]
 * </pre>
 *
 * where the jars are two builds of {@code sftp-test-server} and the library class path its dependencies (as
 * {@code mvn dependency:build-classpath} prints them, without the server's own jar). It prints a Markdown table.
 */
public final class PerRequestCost {
    private static final int FILES = 2000;
    private static final List<String> VARIANTS = List.of("recording on", "recording off", "100 rules", "a listener");

    private PerRequestCost() {
    }

    /**
     * Runs the comparison.
     *
     * @param args the two builds' jars, the library class path, and optionally the number of rounds (default 30)
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        ClassLoader libraries = loader(args[2], ClassLoader.getPlatformClassLoader()); // Bouncy Castle registers once
        Map<String, ClassLoader> builds = new LinkedHashMap<>();
        builds.put("before", loader(args[0], libraries));
        builds.put("after", loader(args[1], libraries));
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        byte[] kib = new byte[1024];
        Map<String, List<double[]>> results = new TreeMap<>();
        for (int round = -2; round < rounds; round++) { // two rounds warm up
            List<String> order = new ArrayList<>(builds.keySet());
            if ((round & 1) == 1) {
                Collections.reverse(order);
            }
            for (String build : order) {
                for (String variant : VARIANTS) {
                    double[] measured = run(builds.get(build), variant, kib);
                    if (round >= 0) {
                        results.computeIfAbsent(variant + " | " + build, key -> new ArrayList<>()).add(measured);
                    }
                }
            }
        }
        System.out.println("| variant | build | wall ms, median | subsystem thread CPU ms: lowest | lower quartile "
                + "| median | CPU µs per file, lower quartile |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
            List<double[]> runs = entry.getValue();
            double quartile = quantile(runs, 1, 0.25);
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", entry.getKey(), quantile(runs, 0, 0.5),
                    quantile(runs, 1, 0), quartile, quantile(runs, 1, 0.5), quartile * 1000 / FILES);
        }
    }

    private static ClassLoader loader(String classPath, ClassLoader parent) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    /** Builds a server of one build through reflection (its classes are that loader's), uploads, measures. */
    private static double[] run(ClassLoader build, String variant, byte[] kib) throws Exception {
        Thread.currentThread().setContextClassLoader(build);
        Class<?> serverType = build.loadClass("io.sftptest.server.SftpTestServer");
        Object builder = serverType.getMethod("builder").invoke(null);
        builder = call(builder, "user", new Class<?>[] {String.class, String.class}, "alice", "secret");
        if (variant.equals("recording off")) {
            builder = call(builder, "recording", new Class<?>[] {boolean.class}, false);
        }
        if (variant.equals("a listener")) {
            Class<?> listenerType = build.loadClass("io.sftptest.server.SftpServerListener");
            Object listener = Proxy.newProxyInstance(build, new Class<?>[] {listenerType},
                    (proxy, method, arguments) -> switch (method.getName()) {
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == arguments[0];
                        case "toString" -> "a listener that does nothing";
                        default -> null;
                    });
            builder = call(builder, "listener", new Class<?>[] {listenerType}, listener);
        }
        Object server = call(builder, "start", new Class<?>[0]);
        try {
            if (variant.equals("100 rules")) {
                addNonMatchingRules(build, serverType.getMethod("faults").invoke(server));
            }
            int port = (int) serverType.getMethod("port").invoke(server);
            Session session = new JSch().getSession("alice", "127.0.0.1", port);
            session.setPassword("secret");
            session.setConfig("StrictHostKeyChecking", "no");
            session.connect(30_000);
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(30_000);
            long cpu = subsystemCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < FILES; i++) {
                sftp.put(new ByteArrayInputStream(kib), "/f" + i + ".bin");
            }
            double wall = (System.nanoTime() - start) / 1e6;
            cpu = subsystemCpuNanos() - cpu;
            sftp.disconnect();
            session.disconnect();
            return new double[] {wall, cpu / 1e6};
        } finally {
            serverType.getMethod("close").invoke(server);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void addNonMatchingRules(ClassLoader build, Object faults) throws Exception {
        Class<?> operation = build.loadClass("io.sftptest.server.SftpOperation");
        Class<?> status = build.loadClass("io.sftptest.server.SftpStatus");
        Class<?> fault = build.loadClass("io.sftptest.server.Fault");
        Object effect = fault.getMethod("status", status).invoke(null, Enum.valueOf((Class) status, "FAILURE"));
        Object open = Enum.valueOf((Class) operation, "OPEN");
        for (int i = 0; i < 100; i++) {
            Object rule = call(faults, "on", new Class<?>[] {operation, operation.arrayType()}, open,
                    Array.newInstance(operation, 0));
            rule = call(rule, "path", new Class<?>[] {String.class}, "/never/" + i + "/*");
            call(rule, "respond", new Class<?>[] {fault, fault.arrayType()}, effect, Array.newInstance(fault, 0));
        }
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... arguments) throws Exception {
        Method method = target.getClass().getMethod(name, types);
        return method.invoke(target, arguments);
    }

    /** The CPU time of MINA's SFTP subsystem threads: the thread that serves this session's requests. */
    private static long subsystemCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("SftpSubsystem")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** The value below which a share of the runs lies (nearest rank): on a machine whose load comes and goes,
     * the lowest values are the runs that had the cores to themselves. */
    private static double quantile(List<double[]> runs, int index, double share) {
        double[] values = runs.stream().mapToDouble(run -> run[index]).sorted().toArray();
        return values[(int) Math.min(values.length - 1, Math.floor(share * values.length))];
    }
}
