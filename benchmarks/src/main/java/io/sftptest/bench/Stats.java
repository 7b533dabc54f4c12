package io.sftptest.bench;

import java.util.Arrays;

/** Medians of repeated measurements. */
final class Stats {
    private Stats() {
    }

    static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
