package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Writer that hands out complete lines, waiting for each with a timeout. */
final class LineQueue extends Writer {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                lines.add(partial.toString());
                partial.setLength(0);
            } else if (c != '\r') {
                partial.append(c);
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** Skips lines until one matches, and returns it. */
    String until(java.util.function.Predicate<String> wanted) throws InterruptedException {
        String line;
        do {
            line = next();
        } while (!wanted.test(line));
        return line;
    }

    String next() throws InterruptedException {
        String line = lines.poll(20, TimeUnit.SECONDS);
        assertThat(line).as("a line from the runner within 20 s").isNotNull();
        return line;
    }
}
