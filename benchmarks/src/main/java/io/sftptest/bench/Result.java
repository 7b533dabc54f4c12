package io.sftptest.bench;

import java.util.Locale;

/**
 * One row of the report: a scenario, this project's median, the reference's median in the same
 * run, and how this project compares.
 *
 * @param scenario what was measured
 * @param unit the unit of both values, e.g. "ms" or "MB/s"
 * @param ours this project's median
 * @param reference the reference's median, or NaN when there is none
 * @param referenceName what the reference is
 * @param higherIsBetter true for throughput, false for times
 * @param target the goal, in words, or empty
 */
record Result(String scenario, String unit, double ours, double reference, String referenceName,
        boolean higherIsBetter, String target) {

    /** This project relative to the reference: > 1 means better, whichever the unit. */
    double ratio() {
        if (Double.isNaN(reference) || reference == 0 || ours == 0) {
            return Double.NaN;
        }
        return higherIsBetter ? ours / reference : reference / ours;
    }

    String markdownRow() {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |", scenario, format(ours) + " " + unit,
                Double.isNaN(reference) ? "—" : format(reference) + " " + unit + " (" + referenceName + ")",
                Double.isNaN(ratio()) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio()), target,
                higherIsBetter ? "higher is better" : "lower is better");
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
