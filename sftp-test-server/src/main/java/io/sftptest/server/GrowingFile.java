package io.sftptest.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import io.sftptest.server.internal.DirectoryPermissions;
import io.sftptest.server.internal.FileState;

/**
 * A file the server writes over time, as another party still uploading or exporting it would: pollers see its
 * size and modification time change between two listings, the situation that Camel's {@code readLock=changed} and
 * Spring Integration's {@code LastModifiedFileListFilter} exist for. Made with {@link SftpTestServer#growFile(String)}.
 *
 * <pre>{@code
 * // grows to 1 MiB at 256 KiB/s, in steps of 100 ms
 * GrowingFile export = server.growFile("/out/export.csv").size(1 << 20).bytesPerSecond(256 * 1024).start();
 * // ... the code under test polls /out
 * assertEquals(GrowingFile.State.COMPLETE, export.await(Duration.ofSeconds(10)));
 *
 * // or in steps the test drives
 * GrowingFile log = server.growFile("/out/today.log").start();
 * log.append("first line\n");
 * log.append("second line\n");
 * log.finish();
 * }</pre>
 *
 * <p>The file is created empty (replacing one of the same name) when the growth starts. Each step appends to the
 * path: when a client deletes or renames the file away, growth ends with {@link State#DELETED}. The file's times
 * come from the {@link SftpTestServer#clock() server's clock}: with a stopped clock the size changes and the
 * modification time does not. While it grows, the file counts as held open by another party, so with
 * {@link SftpTestServer.Builder#lockOpenFiles(boolean) locking} on, clients cannot open it for writing, rename or
 * delete it. The server's own writes are not refused by the {@link DiskSpace disk limits}, but they fill them.
 * {@link SftpTestServer#reset()} and {@link SftpTestServer#close()} end every growth ({@link State#ABANDONED}).
 */
public final class GrowingFile {
    /** Where a growing file stands. */
    public enum State {
        /** The server is still writing it. */
        GROWING,
        /** It reached its full content, or {@link #finish()} was called. */
        COMPLETE,
        /** The writer stopped before the end ({@link #stop()}, a reset, the server closed): the file stays partial. */
        ABANDONED,
        /** A client deleted or renamed it while it grew. */
        DELETED
    }

    // 64 bytes: the content of a file given only a size, line after line
    private static final byte[] LINE = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final String path;
    private final Path file;
    private final FileState files;
    private final byte[] content;
    private final long plannedSize;
    private final long bytesPerSecond;
    private final Duration interval;
    private final Runnable stopper = this::stop;
    private long written;
    private State state = State.GROWING;
    private ScheduledFuture<?> steps;
    private Runnable openRecord = () -> { };

    private GrowingFile(Builder builder) {
        this.path = builder.path;
        this.file = builder.file;
        this.files = builder.files;
        this.content = builder.content;
        this.plannedSize = builder.content != null ? builder.content.length : builder.size;
        this.bytesPerSecond = builder.bytesPerSecond;
        this.interval = builder.interval;
    }

    /**
     * Returns the path as the test named it.
     *
     * @return e.g. {@code /out/export.csv}
     */
    public String path() {
        return path;
    }

    /**
     * Returns how many bytes the server has written so far.
     *
     * @return the size it gave the file
     */
    public synchronized long size() {
        return written;
    }

    /**
     * Returns where the growth stands.
     *
     * @return the state
     */
    public synchronized State state() {
        return state;
    }

    /**
     * Appends bytes, as one write of the other party: the step mode, for a file started without
     * {@link Builder#bytesPerSecond(long)}.
     *
     * @param data the bytes
     * @return this file
     * @throws IllegalStateException when the file grows at a rate of its own, or has stopped growing
     */
    public synchronized GrowingFile append(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (bytesPerSecond > 0) {
            throw new IllegalStateException("\"" + path + "\" grows at " + bytesPerSecond + " bytes/s on its own: "
                    + "start it without bytesPerSecond(...) to append in steps, or call finish()");
        }
        requireGrowing("append to it");
        write(data);
        return this;
    }

    /**
     * Appends text in UTF-8; see {@link #append(byte[])}.
     *
     * @param text the text
     * @return this file
     */
    public GrowingFile append(String text) {
        return append(Objects.requireNonNull(text, "text").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Completes the file now: at a rate, the rest of its content is written at once; in steps, the file is
     * complete as it is. Does nothing when it already stopped growing.
     *
     * @return this file
     */
    public synchronized GrowingFile finish() {
        if (state != State.GROWING) {
            return this;
        }
        if (plannedSize > written) {
            write(next((int) Math.min(Integer.MAX_VALUE, plannedSize - written)));
        }
        end(state == State.GROWING ? State.COMPLETE : state);
        return this;
    }

    /**
     * Stops the growth where it is, as a writer that crashed: the file stays partial for good
     * ({@link State#ABANDONED}). Does nothing when it already stopped growing.
     *
     * @return this file
     */
    public synchronized GrowingFile stop() {
        if (state == State.GROWING) {
            end(State.ABANDONED);
        }
        return this;
    }

    /**
     * Waits until the file stops growing.
     *
     * @param timeout how long to wait at most
     * @return the state it ended in, or {@link State#GROWING} when the time ran out
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public synchronized State await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state == State.GROWING) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return state;
    }

    @Override
    public synchronized String toString() {
        return "GrowingFile[" + path + ", " + written + (plannedSize >= 0 ? " of " + plannedSize : "") + " bytes"
                + (bytesPerSecond > 0 ? " at " + bytesPerSecond + " bytes/s" : "") + ", " + state + "]";
    }

    // ------------------------------------------------------------------ growing

    private void begin() {
        files.growth().add(path, stopper);
        try {
            Path parent = file.getParent();
            if (parent != null) {
                DirectoryPermissions.createDirectories(parent);
            }
            Files.write(file, new byte[0]);
        } catch (IOException e) {
            files.growth().remove(path, stopper);
            throw new UncheckedIOException("cannot create \"" + path + "\": " + e, e);
        }
        synchronized (this) {
            openRecord = files.openFiles().hold(file, this);
            if (bytesPerSecond > 0) {
                steps = files.growth().every(this::step, interval);
            }
        }
    }

    private synchronized void step() {
        if (state != State.GROWING) {
            return;
        }
        long chunk = Math.max(1, (long) Math.ceil(bytesPerSecond * (interval.toNanos() / 1e9)));
        write(next((int) Math.min(Math.min(chunk, plannedSize - written), Integer.MAX_VALUE)));
        if (state == State.GROWING && written >= plannedSize) {
            end(State.COMPLETE);
        }
    }

    /** The next {@code length} bytes of the planned content. */
    private byte[] next(int length) {
        if (content != null) {
            return Arrays.copyOfRange(content, (int) written, (int) written + length);
        }
        byte[] chunk = new byte[length];
        for (int i = 0; i < length; i++) {
            chunk[i] = LINE[(int) ((written + i) % LINE.length)];
        }
        return chunk;
    }

    private void write(byte[] data) {
        try {
            Files.write(file, data, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            written += data.length;
        } catch (NoSuchFileException gone) {
            end(State.DELETED);
        } catch (IOException e) {
            end(State.ABANDONED); // the filesystem closed under the writer
        }
    }

    private void end(State end) {
        state = end;
        if (steps != null) {
            steps.cancel(false);
        }
        openRecord.run();
        files.growth().remove(path, stopper);
        notifyAll();
    }

    private void requireGrowing(String action) {
        if (state != State.GROWING) {
            throw new IllegalStateException("\"" + path + "\" is no longer growing (" + state + "): cannot "
                    + action + "; start a new growth with server.growFile(\"" + path + "\")");
        }
    }

    /**
     * Describes a growth before it starts. Without {@link #bytesPerSecond(long)} the file grows only when the test
     * calls {@link GrowingFile#append(byte[])}; with it, give the end: {@link #size(long)} or
     * {@link #content(byte[])}.
     */
    public static final class Builder {
        private final String path;
        private final Path file;
        private final FileState files;
        private byte[] content;
        private long size = -1;
        private long bytesPerSecond;
        private Duration interval = Duration.ofMillis(100);

        Builder(String path, Path file, FileState files) {
            this.path = path;
            this.file = file;
            this.files = files;
        }

        /**
         * Sets the full content the file grows to.
         *
         * @param bytes the content
         * @return this builder
         */
        public Builder content(byte[] bytes) {
            this.content = Objects.requireNonNull(bytes, "content").clone();
            this.size = -1;
            return this;
        }

        /**
         * Sets the full content the file grows to, as UTF-8 text.
         *
         * @param text the content
         * @return this builder
         */
        public Builder content(String text) {
            return content(Objects.requireNonNull(text, "content").getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Sets the size the file grows to, with generated content (64-byte lines of letters and digits).
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder size(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("size must be at least 1 byte, was " + bytes
                        + ": for a file that stays empty use server.putFile(path, \"\")");
            }
            this.size = bytes;
            this.content = null;
            return this;
        }

        /**
         * Sets the rate at which the server writes the file, in steps of {@link #interval(Duration)}.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder bytesPerSecond(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("bytesPerSecond must be at least 1, was " + bytes
                        + ": a file growing at 0 bytes/s never changes; to grow it in steps the test drives, leave "
                        + "bytesPerSecond out and call append(...)");
            }
            this.bytesPerSecond = bytes;
            return this;
        }

        /**
         * Sets the time between two writes at a rate (default 100 ms); each writes the bytes of one interval.
         *
         * @param step a positive duration
         * @return this builder
         */
        public Builder interval(Duration step) {
            Objects.requireNonNull(step, "interval");
            if (step.isNegative() || step.isZero()) {
                throw new IllegalArgumentException("interval must be positive, was " + step);
            }
            this.interval = step;
            return this;
        }

        /**
         * Creates the file empty and starts the growth.
         *
         * @return the growing file
         * @throws IllegalStateException when the rate has no end, content or size has no rate, or the file grows
         *         already
         */
        public GrowingFile start() {
            boolean planned = content != null || size > 0;
            if (bytesPerSecond > 0 && !planned) {
                throw new IllegalStateException("\"" + path + "\" grows at " + bytesPerSecond + " bytes/s but has "
                        + "no end: give .size(bytes) or .content(...)");
            }
            if (bytesPerSecond == 0 && planned) {
                throw new IllegalStateException("\"" + path + "\" has a content or size but no rate: add "
                        + ".bytesPerSecond(n), or drop the content and append(...) in steps");
            }
            if (content != null && content.length == 0) {
                throw new IllegalStateException("\"" + path + "\" has empty content: nothing would grow; use "
                        + "server.putFile(path, \"\") for an empty file");
            }
            GrowingFile growing = new GrowingFile(this);
            growing.begin();
            return growing;
        }
    }
}
