package io.sftptest.server.internal;

/**
 * The pace of one throttled link: hands out the time at which each chunk of bytes has passed, so that the
 * chunks of every request it paces together move at most at the rate.
 */
final class Pacer {
    private long nextFreeNanos = System.nanoTime();

    /**
     * Reserves the link for some bytes.
     *
     * @param bytes the bytes to move
     * @param bytesPerSecond the rate
     * @return the {@link System#nanoTime()} at which they have passed
     */
    public synchronized long reserve(long bytes, long bytesPerSecond) {
        long now = System.nanoTime();
        long start = Math.max(now, nextFreeNanos);
        long nanos = (long) Math.ceil(bytes * 1_000_000_000.0 / bytesPerSecond);
        nextFreeNanos = start + nanos;
        return nextFreeNanos;
    }
}
