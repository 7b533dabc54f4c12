package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** The runner on a thread of its own, its output line by line. */
final class Runner implements AutoCloseable {
    final LineQueue out = new LineQueue();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final Thread thread;

    Runner(String... args) {
        thread = new Thread(() -> exitCode.set(SftpServerCli.run(args, new PrintWriter(out, true),
                new PrintWriter(err, true))));
        thread.start();
    }

    /** The port in the {@code Listening on sftp://HOST:PORT/} line. */
    static int port(String listening) {
        return Integer.parseInt(listening.replaceAll(".*:(\\d+)/", "$1"));
    }

    /** Interrupts the runner, as Ctrl-C would, and checks that it ended with code 0 and no error output. */
    void stopCleanly() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(exitCode.get()).isZero();
        assertThat(err.toString()).isEmpty();
    }

    /** Waits for a runner that is to fail at start, and returns its exit code. */
    int exitCode() throws InterruptedException {
        thread.join(20_000);
        assertThat(thread.isAlive()).as("the runner ended within 20 s").isFalse();
        return exitCode.get();
    }

    /** What the runner wrote to its error stream so far. */
    String err() {
        return err.toString();
    }

    /** Stops the runner if it still runs, without checks (for {@code @AfterAll}). */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
