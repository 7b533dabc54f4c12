package io.sftptest.assertj;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.Recording;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;

/** Builds the parts of failure messages that show what the server did receive. */
final class FailureText {
    static final int MAX_LISTED = 20;
    static final int MAX_NEAR_MISSES = 5;

    private FailureText() {
    }

    /** Indented summary lines, at most {@link #MAX_LISTED}. */
    static String lines(List<RecordedRequest> requests) {
        StringBuilder text = new StringBuilder();
        int shown = Math.min(requests.size(), MAX_LISTED);
        for (int i = 0; i < shown; i++) {
            text.append("\n  ").append(requests.get(i).summary());
        }
        if (requests.size() > shown) {
            text.append("\n  ... and ").append(requests.size() - shown).append(" more");
        }
        return text.toString();
    }

    /** "Requests received (n):" and the SFTP requests, or that there were none; plus a truncation marker. */
    static String received(Recording recording) {
        List<RecordedRequest> requests = recording.sftpRequests();
        String text = requests.isEmpty() ? "\nThe server received no SFTP requests."
                : "\nRequests received (" + requests.size() + "):" + lines(requests);
        return text + truncation(recording);
    }

    static String truncation(Recording recording) {
        return recording.isTruncated() ? "\n[the recording is truncated: it keeps " + recording.limit()
                + " records and dropped " + recording.droppedCount() + "]" : "";
    }

    /**
     * The requests that fail the filter but match its operation or its path: the same operation on
     * another path (nearest path first), or the same path with another operation.
     */
    static List<RecordedRequest> nearMisses(Recording recording, RequestFilter filter) {
        Set<SftpOperation> operations = filter.operations();
        String glob = filter.pathGlob();
        if (operations == null && glob == null) {
            return List.of();
        }
        return recording.sftpRequests().stream()
                .filter(r -> !filter.test(r))
                .filter(r -> (operations != null && filter.matchesOperation(r))
                        || (glob != null && filter.matchesPath(r)))
                .sorted(Comparator.comparingInt((RecordedRequest r) -> distance(r, glob))
                        .thenComparingLong(RecordedRequest::sequence))
                .limit(MAX_NEAR_MISSES)
                .sorted(Comparator.comparingLong(RecordedRequest::sequence))
                .toList();
    }

    static String nearMissText(Recording recording, RequestFilter filter) {
        List<RecordedRequest> near = nearMisses(recording, filter);
        return near.isEmpty() ? "" : "\nNear misses:" + lines(near);
    }

    private static int distance(RecordedRequest request, String glob) {
        if (glob == null) {
            return 0;
        }
        int path = levenshtein(request.path() == null ? "" : request.path(), glob);
        int target = request.targetPath() == null ? Integer.MAX_VALUE : levenshtein(request.targetPath(), glob);
        return Math.min(path, target);
    }

    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
