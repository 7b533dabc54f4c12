package io.sftptest.server.hardening;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Threads, open file descriptors and heap in use, to compare before and after many cycles. */
record ResourceSnapshot(int threads, long fileDescriptors, long heapBytes) {

    static ResourceSnapshot take() {
        return new ResourceSnapshot(currentThreads(), currentFileDescriptors(),
                heapAfterGc());
    }

    static int currentThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    static long currentFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    /** The smallest heap use seen over a few full collections, which is the retained size. */
    static long heapAfterGc() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            min = Math.min(min, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min;
    }

    @Override
    public String toString() {
        return threads + " threads, " + fileDescriptors + " fds, " + (heapBytes >> 20) + " MiB heap";
    }
}
