package io.sftptest.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.sftptest.server.internal.PathGlob;

/**
 * The journal of one server: every SFTP request it answered and every SSH connection,
 * authentication verdict and disconnection, as {@link RecordedRequest}s in order of arrival.
 * Thread-safe: the server's threads append while a test reads; every read returns a snapshot.
 *
 * <pre>{@code
 * client.upload("/out/a.csv");                                   // asynchronous code under test
 * FileTransfer upload = server.recording().awaitFile("/out/a.csv", Duration.ofSeconds(5));
 * assertEquals(1, server.recording().count(RequestFilter.operation(SftpOperation.OPEN).path("/out/*")));
 * server.recording().writeJsonLines(Path.of("target/sftp-recording.jsonl"));
 * }</pre>
 *
 * <p>Memory stays bounded: a record holds no file data (a 1 GiB upload costs one record per WRITE
 * request and one {@link FileTransfer} summary), and at most {@link #limit()} records are kept
 * (default {@value #DEFAULT_LIMIT}, see {@link SftpTestServer.Builder#recordingLimit(int)}). Once the
 * limit is reached, further records are counted but dropped, and {@link #isTruncated()} says so; the
 * files already open keep their summaries up to date, and waiting threads still see every record.
 */
public final class Recording {
    /** The number of records kept by default. */
    public static final int DEFAULT_LIMIT = 100_000;

    private static final int LISTED_IN_MESSAGES = 25;

    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayList<RecordedRequest> records = new ArrayList<>();
    private final ArrayList<TransferTracker> transfers = new ArrayList<>();
    private final Map<String, TransferTracker> openHandles = new HashMap<>();
    private final List<Waiter<?>> waiters = new ArrayList<>();
    private final List<Consumer<RecordedRequest>> subscribers =
            new CopyOnWriteArrayList<>();
    private long dropped;
    private long highestConnectionId;
    private long ignoreConnectionsBelow;

    /**
     * Creates an empty recording that keeps at most {@code limit} records.
     *
     * @param limit the maximum number of records, at least 1
     */
    public Recording(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("recording limit must be at least 1, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * Creates a recording holding the given records, e.g. to test assertions on a made-up journal.
     *
     * @param records the records, in order
     * @return a recording whose limit is the larger of {@link #DEFAULT_LIMIT} and the number of records
     */
    public static Recording of(Collection<RecordedRequest> records) {
        Recording recording = new Recording(Math.max(DEFAULT_LIMIT, records.size()));
        records.forEach(recording::append);
        return recording;
    }

    /**
     * Creates a recording holding the given records.
     *
     * @param records the records, in order
     * @return the recording
     */
    public static Recording of(RecordedRequest... records) {
        return of(List.of(records));
    }

    /**
     * Appends a record: in order of its sequence number (requests are recorded when answered, so a
     * slow request may be appended after a later one), and to its file handle's summary.
     */
    void append(RecordedRequest record) {
        Objects.requireNonNull(record, "record");
        lock.lock();
        try {
            highestConnectionId = Math.max(highestConnectionId, record.connectionId());
            if (record.connectionId() != 0 && record.connectionId() < ignoreConnectionsBelow) {
                return;
            }
            appendLocked(record);
        } finally {
            lock.unlock();
        }
        for (Consumer<RecordedRequest> subscriber : subscribers) {
            subscriber.accept(record);
        }
    }

    /**
     * Calls a listener with every record as it is added (requests, connections, authentication
     * attempts and disconnections), also once the limit is reached; on the thread that records it,
     * so keep it quick. The standalone runner prints its request log this way. A request is recorded
     * just before its answer is sent, so it has been passed on when the client's call returns; after
     * {@link SftpTestServer#reset()}, what connections from before the reset still send is neither
     * recorded nor passed on.
     *
     * <pre>{@code
     * server.recording().subscribe(record -> System.out.println(record.summary()));
     * }</pre>
     *
     * @param listener the listener
     * @return a handle whose {@code close()} unsubscribes the listener
     */
    public AutoCloseable subscribe(Consumer<RecordedRequest> listener) {
        Objects.requireNonNull(listener, "listener");
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    private void appendLocked(RecordedRequest record) {
        boolean full = records.size() >= limit;
        if (full) {
            dropped++; // still tracked and offered to waiters below, so no await hangs on the limit
        } else {
            int at = records.size();
            while (at > 0 && records.get(at - 1).sequence() > record.sequence()) {
                at--;
            }
            records.add(at, record);
        }
        TransferTracker transfer = track(record, !full);
        if (!waiters.isEmpty()) {
            offerToWaiters(record, transfer);
        }
    }

    private TransferTracker track(RecordedRequest record, boolean mayOpen) {
        if (record.handle() == null) {
            return null;
        }
        String key = record.connectionId() + "/" + record.handle();
        switch (record.operation()) {
            case OPEN -> {
                if (record.succeeded() && mayOpen) {
                    TransferTracker transfer = new TransferTracker(record);
                    transfers.add(transfer);
                    openHandles.put(key, transfer);
                }
                return null;
            }
            case READ -> {
                TransferTracker transfer = openHandles.get(key);
                if (transfer != null) {
                    transfer.reads++;
                    transfer.bytesRead += record.bytes();
                }
                return null;
            }
            case WRITE -> {
                TransferTracker transfer = openHandles.get(key);
                if (transfer != null) {
                    transfer.writes++;
                    transfer.bytesWritten += record.bytes();
                }
                return null;
            }
            case CLOSE -> {
                TransferTracker transfer = record.succeeded() ? openHandles.remove(key) : openHandles.get(key);
                if (transfer != null) {
                    transfer.closeStatus = record.status();
                }
                return transfer;
            }
            default -> {
                return null;
            }
        }
    }

    private void offerToWaiters(RecordedRequest record, TransferTracker closed) {
        boolean signal = false;
        for (Waiter<?> waiter : waiters) {
            signal |= waiter.offer(record, closed);
        }
        if (signal) {
            changed.signalAll();
        }
    }

    /**
     * Returns every record, in order of arrival.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> requests() {
        lock.lock();
        try {
            return List.copyOf(records);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the records a filter matches, in order of arrival.
     *
     * @param filter the filter
     * @return a snapshot
     */
    public List<RecordedRequest> requests(RequestFilter filter) {
        Objects.requireNonNull(filter, "filter");
        lock.lock();
        try {
            return records.stream().filter(filter).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the SFTP requests only, without the connection events (CONNECT, AUTH, DISCONNECT); the commands a client
     * ran beside SFTP ({@link SftpOperation#EXEC}) are included.
     *
     * @return a snapshot
     */
    public List<RecordedRequest> sftpRequests() {
        lock.lock();
        try {
            return records.stream().filter(r -> !r.operation().isConnectionEvent()).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the first record a filter matches.
     *
     * @param filter the filter
     * @return the record, or empty
     */
    public Optional<RecordedRequest> first(RequestFilter filter) {
        Objects.requireNonNull(filter, "filter");
        lock.lock();
        try {
            return records.stream().filter(filter).findFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of records kept.
     *
     * @return the count
     */
    public int count() {
        lock.lock();
        try {
            return records.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of records a filter matches.
     *
     * @param filter the filter
     * @return the count
     */
    public int count(RequestFilter filter) {
        Objects.requireNonNull(filter, "filter");
        lock.lock();
        try {
            return (int) records.stream().filter(filter).count();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns one summary per file handle opened, in the order the files were opened.
     *
     * @return a snapshot
     */
    public List<FileTransfer> files() {
        lock.lock();
        try {
            return transfers.stream().map(TransferTracker::snapshot).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the summaries of the file handles opened on paths matching a glob.
     *
     * @param pathGlob a client path or glob, e.g. {@code /out/*.csv}
     * @return a snapshot, in the order the files were opened
     */
    public List<FileTransfer> files(String pathGlob) {
        PathGlob glob = PathGlob.compile(Objects.requireNonNull(pathGlob, "pathGlob"));
        return files().stream().filter(f -> glob.matches(f.path())).toList();
    }

    /**
     * Forgets every record and file summary, and the truncation; waiting threads keep waiting.
     * Sequence numbers continue where they were.
     */
    public void clear() {
        lock.lock();
        try {
            clearLocked();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Clears the recording and ignores from now on whatever comes from the connections seen so far:
     * for {@link SftpTestServer#reset()}, whose dropped connections report their disconnection later.
     */
    void clearAndForgetConnections() {
        lock.lock();
        try {
            ignoreConnectionsBelow = highestConnectionId + 1;
            clearLocked();
        } finally {
            lock.unlock();
        }
    }

    private void clearLocked() {
        records.clear();
        transfers.clear();
        openHandles.clear();
        dropped = 0;
    }

    /**
     * Returns the maximum number of records kept.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns whether records were dropped because the limit was reached.
     *
     * @return true when the recording is incomplete
     */
    public boolean isTruncated() {
        return droppedCount() > 0;
    }

    /**
     * Returns how many records were dropped because the limit was reached.
     *
     * @return the number dropped since the last {@link #clear()}
     */
    public long droppedCount() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a record matching the filter is recorded, or returns the first one already recorded.
     * Made for asynchronous clients: no sleeping, it wakes as soon as the record arrives.
     *
     * <pre>{@code
     * RecordedRequest rename = server.recording().awaitRequest(
     *         RequestFilter.operation(SftpOperation.RENAME).path("/out/*.csv"), Duration.ofSeconds(5));
     * }</pre>
     *
     * @param filter the filter
     * @param timeout how long to wait at most
     * @return the first matching record
     * @throws RecordingTimeoutException when none arrived in time; its message lists what did
     */
    public RecordedRequest awaitRequest(RequestFilter filter, Duration timeout) {
        return awaitRequests(filter, 1, timeout).get(0);
    }

    /**
     * Waits until {@code count} records match the filter (counting those already recorded).
     *
     * @param filter the filter
     * @param count how many, at least 1
     * @param timeout how long to wait at most
     * @return the first {@code count} matching records
     * @throws RecordingTimeoutException when fewer arrived in time; its message lists what did
     */
    public List<RecordedRequest> awaitRequests(RequestFilter filter, int count, Duration timeout) {
        Objects.requireNonNull(filter, "filter");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        Waiter<RecordedRequest> waiter = new Waiter<>(count, (record, transfer) -> filter.test(record) ? record : null);
        return await(waiter, timeout, () -> records.stream().filter(filter).toList(),
                () -> (count == 1 ? "a request " : count + " requests ") + "matching " + filter);
    }

    /**
     * Waits until an upload of a file completed: a handle opened for writing on the path was closed
     * with OK; returns at once when that already happened.
     *
     * @param pathGlob the client path, or a glob such as {@code /out/*.csv}
     * @param timeout how long to wait at most
     * @return the summary of the upload
     * @throws RecordingTimeoutException when no such upload completed in time; its message lists what
     *     the server received
     */
    public FileTransfer awaitFile(String pathGlob, Duration timeout) {
        PathGlob glob = PathGlob.compile(Objects.requireNonNull(pathGlob, "pathGlob"));
        Predicate<FileTransfer> upload = t -> t.isCompletedUpload() && glob.matches(t.path());
        Waiter<FileTransfer> waiter = new Waiter<>(1, (record, transfer) -> {
            FileTransfer snapshot = transfer == null ? null : transfer.snapshot();
            return snapshot != null && upload.test(snapshot) ? snapshot : null;
        });
        return await(waiter, timeout,
                () -> transfers.stream().map(TransferTracker::snapshot).filter(upload).toList(),
                () -> "a completed upload of " + pathGlob).get(0);
    }

    private <T> List<T> await(Waiter<T> waiter, Duration timeout, Supplier<List<T>> existing,
            Supplier<String> what) {
        Objects.requireNonNull(timeout, "timeout");
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            for (T match : existing.get()) {
                if (waiter.add(match)) {
                    return List.copyOf(waiter.found);
                }
            }
            waiters.add(waiter);
            try {
                while (!waiter.done()) {
                    if (remaining <= 0) {
                        throw new RecordingTimeoutException("Expected " + what.get() + " within " + timeout
                                + (waiter.needed > 1 ? " but found " + waiter.found.size() : " but none arrived")
                                + describeLocked());
                    }
                    remaining = changed.awaitNanos(remaining);
                }
                return List.copyOf(waiter.found);
            } finally {
                waiters.remove(waiter);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what.get(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the recording as JSON lines: one object per record, in order, and a last line
     * {@code {"truncated":true,...}} when records were dropped. Each object has the record's
     * components by short names ({@code seq, time, connection, index, user, op, extension, path,
     * targetPath, handle} (hex){@code , offset, length, flags, attributes, status, statusCode, message,
     * bytes, durationNanos, fault}); absent values are left out.
     *
     * <pre>{@code
     * {"seq":4,"time":"2026-01-01T10:00:00Z","connection":1,"index":2,"user":"alice","op":"OPEN","path":"/out/a.csv",...}
     * }</pre>
     *
     * @param out where to write; flushed, not closed
     */
    public void writeJsonLines(Writer out) {
        Objects.requireNonNull(out, "out");
        List<RecordedRequest> snapshot;
        long droppedNow;
        lock.lock();
        try {
            snapshot = List.copyOf(records);
            droppedNow = dropped;
        } finally {
            lock.unlock();
        }
        try {
            RecordingJson.write(out, snapshot, limit, droppedNow);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording as JSON lines: " + e, e);
        }
    }

    /**
     * Writes the recording as JSON lines (UTF-8) to a file, replacing it; see {@link #writeJsonLines(Writer)}.
     *
     * @param file the file
     */
    public void writeJsonLines(Path file) {
        Objects.requireNonNull(file, "file");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeJsonLines(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording to " + file + ": " + e, e);
        }
    }

    /**
     * Lists the records, one summary per line (at most the last {@value #LISTED_IN_MESSAGES}), with a
     * marker when the limit was reached.
     *
     * @return the text
     */
    @Override
    public String toString() {
        lock.lock();
        try {
            return "Recording of " + records.size() + (records.size() == 1 ? " request" : " requests")
                    + describeLocked();
        } finally {
            lock.unlock();
        }
    }

    private String describeLocked() {
        StringBuilder text = new StringBuilder();
        text.append(records.isEmpty() ? "; nothing was received" : "; received:");
        int from = Math.max(0, records.size() - LISTED_IN_MESSAGES);
        if (from > 0) {
            text.append("\n  ... ").append(from).append(" earlier");
        }
        for (int i = from; i < records.size(); i++) {
            text.append("\n  ").append(records.get(i).summary());
        }
        if (dropped > 0) {
            text.append("\n  [recording truncated at ").append(limit).append(" records: ").append(dropped)
                    .append(" more dropped]");
        }
        return text.toString();
    }

    /** Collects what one waiting thread wants; guarded by the recording's lock. */
    private static final class Waiter<T> {
        private final int needed;
        private final Matcher<T> matcher;
        private final List<T> found = new ArrayList<>();

        Waiter(int needed, Matcher<T> matcher) {
            this.needed = needed;
            this.matcher = matcher;
        }

        boolean offer(RecordedRequest record, TransferTracker transfer) {
            if (done()) {
                return false;
            }
            T match = matcher.match(record, transfer);
            return match != null && add(match);
        }

        boolean add(T match) {
            found.add(match);
            return done();
        }

        boolean done() {
            return found.size() >= needed;
        }
    }

    @FunctionalInterface
    private interface Matcher<T> {
        T match(RecordedRequest record, TransferTracker closedTransfer);
    }

    /** The running totals of one file handle; guarded by the recording's lock. */
    private static final class TransferTracker {
        private final RecordedRequest open;
        private final String path;
        private int reads;
        private long bytesRead;
        private int writes;
        private long bytesWritten;
        private SftpStatus closeStatus;

        TransferTracker(RecordedRequest open) {
            this.open = open;
            this.path = open.path();
        }

        FileTransfer snapshot() {
            return new FileTransfer(open.connectionId(), open.user(), path, open.handle(), open.flags(), open.time(),
                    reads, bytesRead, writes, bytesWritten, closeStatus);
        }
    }
}
