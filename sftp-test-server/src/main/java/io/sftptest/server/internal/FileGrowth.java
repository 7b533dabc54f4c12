package io.sftptest.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The files the server keeps growing, as another party writing them would: one daemon thread per server (made on
 * the first growth at a rate) runs their steps; a reset or close ends them all.
 */
public final class FileGrowth {
    private final Map<String, Runnable> growing = new LinkedHashMap<>();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    /**
     * Registers a growing file.
     *
     * @param key the file's path as the test named it
     * @param stop ends its growth (called by {@link #stopAll()})
     * @throws IllegalStateException when that file is growing already, or the server is closed
     */
    public synchronized void add(String key, Runnable stop) {
        if (closed) {
            throw new IllegalStateException("the server is closed: no file can grow on it any more");
        }
        if (growing.containsKey(key)) {
            throw new IllegalStateException("\"" + key + "\" is growing already: call stop() or finish() on its "
                    + "GrowingFile first");
        }
        growing.put(key, stop);
    }

    /**
     * Forgets a file whose growth ended.
     *
     * @param key the file's path
     * @param stop the stop action it was registered with
     */
    public synchronized void remove(String key, Runnable stop) {
        growing.remove(key, stop);
    }

    /**
     * Runs a step at a fixed rate on the growth thread.
     *
     * @param step the step
     * @param interval the time between steps
     * @return the scheduled steps, to cancel
     */
    public synchronized ScheduledFuture<?> every(Runnable step, Duration interval) {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "sftp-test-server-growing-files");
                thread.setDaemon(true);
                return thread;
            });
        }
        long nanos = interval.toNanos();
        return scheduler.scheduleAtFixedRate(step, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Ends every growth (a reset): the files stay as they are. */
    public void stopAll() {
        List<Runnable> stops;
        synchronized (this) {
            stops = new ArrayList<>(growing.values());
        }
        stops.forEach(Runnable::run);
    }

    /** Ends every growth and the growth thread for good (the server closes). */
    public void close() {
        stopAll();
        synchronized (this) {
            closed = true;
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
    }
}
