package io.sftptest.server.cli.internal;

import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonGenerator;

import io.sftptest.server.FileTransfer;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.Recording;
import io.sftptest.server.RecordingTimeoutException;
import io.sftptest.server.SftpTestServer;

/**
 * {@code /recording}: the records as JSON lines (the objects {@code --record-json} writes) or summary lines,
 * selected by {@link RecordSelection}; and {@code /recording/await}, which answers when a file upload completed or
 * when records matching a selection arrived, or with 408 when the time is up.
 */
final class RecordingEndpoints {
    /** How long an await waits when the body does not say. */
    static final long DEFAULT_TIMEOUT_MS = 10_000;
    /** The longest an await may wait: a waiting request holds one of the admin API's threads. */
    static final long MAX_TIMEOUT_MS = 600_000;

    private static final int LISTED_ON_TIMEOUT = 25;
    private static final String EXAMPLE = "{\"file\": \"/out/a.csv\", \"timeoutMs\": 5000} or "
            + "{\"operation\": \"RENAME\", \"path\": \"/out/*.csv\", \"timeoutMs\": 5000}";
    private static final Set<String> AWAIT_FIELDS;

    static {
        Set<String> fields = new HashSet<>(RecordSelection.NAMES);
        fields.addAll(Set.of("file", "count", "timeoutMs"));
        AWAIT_FIELDS = Set.copyOf(fields);
    }

    private final SftpTestServer server;

    RecordingEndpoints(SftpTestServer server) {
        this.server = server;
    }

    void addTo(Routes routes) {
        routes.add("GET", "/recording", this::list)
                .add("POST", "/recording/await", this::await);
    }

    private Reply list(AdminRequest request) {
        Set<String> known = new HashSet<>(RecordSelection.NAMES);
        known.addAll(Set.of("last", "format"));
        Map<String, String> query = request.query(known);
        RecordSelection selection = RecordSelection.parse(query);
        String format = query.getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("summary")) {
            throw ApiError.badRequest("format must be json (JSON lines, as --record-json writes) or summary (one "
                    + "line per record, as the runner prints), was \"" + format + "\"");
        }
        long last = query.containsKey("last") ? RecordSelection.number(query, "last", 1) : Long.MAX_VALUE;
        Recording recording = server.recording();
        List<RecordedRequest> matched = recording.requests(selection.filter()).stream().filter(selection).toList();
        List<RecordedRequest> shown = matched.subList((int) Math.max(0, matched.size() - last), matched.size());
        Map<String, String> headers = new HashMap<>();
        headers.put("Sftp-Recording-Matched", String.valueOf(matched.size()));
        if (recording.isTruncated()) {
            headers.put("Sftp-Recording-Dropped", String.valueOf(recording.droppedCount()));
        }
        boolean json = format.equals("json");
        return Reply.streamed(json ? "application/x-ndjson" : "text/plain; charset=utf-8", out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            for (RecordedRequest record : shown) {
                writer.write(json ? record.toJson() : record.summary());
                writer.write('\n');
            }
            writer.flush();
        }).withHeaders(headers);
    }

    private Reply await(AdminRequest request) throws IOException {
        request.query(Set.of());
        byte[] bytes = request.body(AdminServer.MAX_JSON_BYTES, "an await body", "");
        JsonBody body = JsonBody.parse(bytes, AWAIT_FIELDS, EXAMPLE);
        Duration timeout = Duration.ofMillis(body.number("timeoutMs", DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS));
        Set<String> selection = new HashSet<>(body.names());
        selection.retainAll(RecordSelection.NAMES);
        if (body.has("file")) {
            if (!selection.isEmpty() || body.has("count")) {
                throw ApiError.badRequest("\"file\" waits for a completed upload and takes no " + String.join(", ",
                        body.names().stream().filter(n -> !n.equals("file") && !n.equals("timeoutMs")).toList())
                        + ": send either {\"file\": ...} or a filter such as {\"operation\": \"RENAME\"}");
            }
            return awaitFile(body.string("file"), timeout);
        }
        if (selection.isEmpty()) {
            throw ApiError.badRequest("say what to wait for: " + EXAMPLE);
        }
        Map<String, String> values = new HashMap<>();
        for (String name : selection) {
            values.put(name, String.valueOf(body.value(name)));
        }
        int count = (int) body.number("count", 1, 1, 100_000);
        return awaitRecords(RecordSelection.parse(values), count, timeout);
    }

    private Reply awaitFile(String glob, Duration timeout) {
        FileTransfer upload;
        try {
            upload = server.recording().awaitFile(glob, timeout);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("file \"" + glob + "\" is no path or glob: " + e.getMessage());
        } catch (RecordingTimeoutException e) {
            throw timedOut("no completed upload of " + glob + " within " + timeout.toMillis() + " ms");
        } catch (IllegalStateException e) {
            throw ApiError.of(503, "the server is shutting down: " + e.getMessage(), Map.of(), Map.of());
        }
        return Reply.json(200, json -> {
            json.writeObjectFieldStart("file");
            write(json, upload);
            json.writeEndObject();
        });
    }

    private Reply awaitRecords(RecordSelection selection, int count, Duration timeout) {
        List<RecordedRequest> found;
        try {
            found = waitFor(selection, count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.of(503, "the server is shutting down", Map.of(), Map.of());
        }
        if (found.size() < count) {
            throw timedOut((count == 1 ? "no request" : "fewer than " + count + " requests (" + found.size() + ")")
                    + " matching " + selection + " within " + timeout.toMillis() + " ms");
        }
        return Reply.json(200, json -> {
            json.writeArrayFieldStart("requests");
            for (RecordedRequest record : found) {
                json.writeRawValue(record.toJson());
            }
            json.writeEndArray();
        });
    }

    /**
     * Waits for records: subscribed before looking at what is recorded already, so none falls between the two; a
     * record seen both ways counts once (by its sequence number).
     */
    private List<RecordedRequest> waitFor(RecordSelection selection, int count, Duration timeout)
            throws InterruptedException {
        TreeMap<Long, RecordedRequest> found = new TreeMap<>();
        Recording recording = server.recording();
        AutoCloseable subscription = recording.subscribe(record -> {
            if (selection.test(record)) {
                synchronized (found) {
                    found.put(record.sequence(), record);
                    found.notifyAll();
                }
            }
        });
        try {
            for (RecordedRequest record : recording.requests(selection.filter())) {
                if (selection.test(record)) {
                    synchronized (found) {
                        found.put(record.sequence(), record);
                    }
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (found) {
                for (long left = timeout.toNanos(); found.size() < count && left > 0;
                        left = deadline - System.nanoTime()) {
                    found.wait(Math.max(1, left / 1_000_000));
                }
                return List.copyOf(found.values()).subList(0, Math.min(count, found.size()));
            }
        } finally {
            close(subscription);
        }
    }

    private static void close(AutoCloseable subscription) {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot unsubscribe from the recording: " + e, e);
        }
    }

    /** The 408 of an await, with the last records received, as a failed await in Java lists them. */
    private ApiError timedOut(String message) {
        return timedOut(server.recording(), message, Map.of());
    }

    /**
     * The 408 of any await: the message, the last records received ({@code "received"}), and further numbers.
     *
     * @param recording the recording whose last records are listed
     * @param message what did not happen in time
     * @param numbers further fields, e.g. the count a fault rule reached
     * @return the error
     */
    static ApiError timedOut(Recording recording, String message, Map<String, Long> numbers) {
        List<RecordedRequest> all = recording.requests();
        List<String> received = all.subList(Math.max(0, all.size() - LISTED_ON_TIMEOUT), all.size()).stream()
                .map(RecordedRequest::summary).toList();
        Map<String, Object> fields = new LinkedHashMap<>(numbers);
        fields.put("received", received);
        return ApiError.of(408, message + (all.isEmpty() ? "; the server received nothing" : "; the server received "
                + all.size() + (all.size() == 1 ? " record" : " records") + ", the last are in \"received\""),
                fields, Map.of());
    }

    private static void write(JsonGenerator json, FileTransfer transfer) throws IOException {
        json.writeStringField("path", transfer.path());
        json.writeNumberField("connection", transfer.connectionId());
        Reply.optional(json, "user", transfer.user());
        json.writeNumberField("flags", transfer.flags());
        Reply.optional(json, "openedAt", transfer.openedAt());
        json.writeNumberField("reads", transfer.reads());
        json.writeNumberField("bytesRead", transfer.bytesRead());
        json.writeNumberField("writes", transfer.writes());
        json.writeNumberField("bytesWritten", transfer.bytesWritten());
        Reply.optional(json, "closeStatus", transfer.closeStatus());
    }
}
