package io.sftptest.matrix;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The standalone runner ({@code io.sftptest.server.cli.SftpServerCli}) in a child JVM, with its default settings
 * unless options say otherwise: the server a client module tests against, kept off the client's class path. Its
 * output is read as it comes; a test waits for the line it expects.
 *
 * <pre>{@code
 * try (RunnerProcess runner = RunnerProcess.start("--user", "alice:secret")) {
 *     // connect a client to runner.host(), runner.port()
 *     runner.awaitOutput(line -> line.contains("RENAME /a -> /b : OK"));
 * }
 * }</pre>
 */
public final class RunnerProcess implements AutoCloseable {
    private static final String MAIN = "io.sftptest.server.cli.SftpServerCli";
    private static final String LISTENING = "Listening on ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration OUTPUT_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Lines out;
    private final Lines err;
    private final URI uri;

    private RunnerProcess(Process process) {
        this.process = process;
        this.out = new Lines(process.getInputStream(), "runner-stdout");
        this.err = new Lines(process.getErrorStream(), "runner-stderr");
        String listening = out.await(line -> line.startsWith(LISTENING), START_TIMEOUT, this::describe);
        this.uri = URI.create(listening.substring(LISTENING.length()).trim());
    }

    /**
     * Starts the runner on a free loopback port and waits until it listens.
     *
     * @param options runner options besides {@code --port 0}, e.g. {@code "--user", "alice:secret"}
     * @return the running runner
     * @throws AssertionError when it does not listen within a minute (the message has its output)
     */
    public static RunnerProcess start(String... options) {
        // A short-lived server JVM: C1 only and the serial collector start it in about half the time.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", RunnerClasspath.get(), MAIN,
                "--port", "0"));
        command.addAll(List.of(options));
        try {
            return new RunnerProcess(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * The address the runner listens on.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return uri.getHost();
    }

    /**
     * The port the runner listens on.
     *
     * @return the port it picked
     */
    public int port() {
        return uri.getPort();
    }

    /**
     * Waits for a line on the runner's standard output (its start lines, then one line per request, e.g.
     * {@code #1.3 alice OPEN /in/a.csv (write,create,truncate) : OK}); lines already printed count.
     *
     * @param expected what the line must satisfy
     * @return the first such line
     * @throws AssertionError when none came within 20 s; the message lists the output
     */
    public String awaitOutput(Predicate<String> expected) {
        return out.await(expected, OUTPUT_TIMEOUT, this::describe);
    }

    /**
     * Waits for a line on the runner's standard error, where its log goes (a failed key exchange is a WARN line).
     *
     * @param expected what the line must satisfy
     * @return the first such line
     * @throws AssertionError when none came within 20 s; the message lists the output
     */
    public String awaitError(Predicate<String> expected) {
        return err.await(expected, OUTPUT_TIMEOUT, this::describe);
    }

    /**
     * The lines the runner printed to its standard output so far.
     *
     * @return a snapshot
     */
    public List<String> output() {
        return out.snapshot();
    }

    private String describe() {
        return "runner output:\n  " + String.join("\n  ", out.snapshot()) + "\nrunner log:\n  "
                + String.join("\n  ", err.snapshot());
    }

    /** Stops the runner with SIGTERM (its clean shutdown), forcibly if it does not exit within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The lines of one output stream, read by a daemon thread as they come. */
    private static final class Lines {
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        Lines(InputStream stream, String name) {
            Thread reader = new Thread(() -> read(stream), name);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(InputStream stream) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    add(line);
                }
            } catch (IOException e) {
                add("(output ended: " + e + ")");
            } finally {
                end();
            }
        }

        private synchronized void add(String line) {
            lines.add(line);
            notifyAll();
        }

        private synchronized void end() {
            ended = true;
            notifyAll();
        }

        synchronized List<String> snapshot() {
            return List.copyOf(lines);
        }

        synchronized String await(Predicate<String> expected, Duration timeout, Supplier<String> context) {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int next = 0; ; ) {
                for (; next < lines.size(); next++) {
                    if (expected.test(lines.get(next))) {
                        return lines.get(next);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || ended) {
                    throw new AssertionError("no such line from the runner within " + timeout.toSeconds() + " s"
                            + (ended ? " (its output ended)" : "") + "; " + context.get());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the runner", e);
                }
            }
        }
    }
}
