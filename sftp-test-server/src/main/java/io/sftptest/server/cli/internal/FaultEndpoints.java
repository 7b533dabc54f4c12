package io.sftptest.server.cli.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonGenerator;

import io.sftptest.server.FaultRule;
import io.sftptest.server.SftpTestServer;

/**
 * {@code /faults}: adds rules in the {@code --fault} grammar, lists them with their counts, removes them, waits until
 * one fired ({@link FaultRule#awaitFired}) and releases what one holds ({@link FaultRule#release()}); and the reset,
 * which removes the rules added here. Every rule gets an id that is never reused. The rules given at start
 * are listed too (origin {@code start}); they can be removed, and a reset re-creates them, as the builder's rules.
 * Changes and the reset hold one lock, so an id always names the rule it was given for.
 */
final class FaultEndpoints {
    private static final String EXAMPLE = "{\"rule\": \"OPEN /in/*.csv status=FAILURE once\"}";
    private static final String AWAIT_EXAMPLE = "{\"fired\": 1, \"timeoutMs\": 5000}";
    /**
     * How often an await looks whether its rule is still registered: {@link FaultRule#awaitFired} wakes when the rule
     * fires, not when it is removed, so it waits in slices of this length.
     */
    private static final Duration REMOVAL_CHECK = Duration.ofMillis(50);

    private final SftpTestServer server;
    private final StartRules startRules;
    private final FaultRuleGrammar grammar;
    private final Object lock = new Object();
    private final Map<Long, FaultRule> added = new LinkedHashMap<>();
    private final Map<FaultRule, String> texts = new IdentityHashMap<>();
    private final Map<FaultRule, Long> startIds = new IdentityHashMap<>();
    private long lastId;

    FaultEndpoints(SftpTestServer server, StartRules startRules, FaultRuleGrammar grammar) {
        this.server = server;
        this.startRules = startRules;
        this.grammar = grammar;
    }

    void addTo(Routes routes) {
        routes.add("POST", "/faults", this::add)
                .add("GET", "/faults", this::list)
                .add("DELETE", "/faults", this::removeAll)
                .add("GET", "/faults/{id}", this::get)
                .add("DELETE", "/faults/{id}", this::remove)
                .add("POST", "/faults/{id}/await", this::await)
                .add("POST", "/faults/{id}/release", this::release);
    }

    /** The rule as code without its count, e.g. {@code on(OPEN).path("/in/*.csv").times(1) -> status(FAILURE)}. */
    static String code(FaultRule rule) {
        return rule.toString().replaceFirst(" \\(fired \\d+x\\)$", "");
    }

    /** {@code server.reset()}: the rules added here are gone, those given at start come back with new ids. */
    void resetServer() {
        synchronized (lock) {
            server.reset();
            added.clear();
            texts.clear();
            startIds.clear();
        }
    }

    private Reply add(AdminRequest request) throws IOException {
        request.query(Set.of());
        byte[] bytes = request.body(AdminServer.MAX_JSON_BYTES, "a fault rule body", "");
        JsonBody body = JsonBody.parse(bytes, Set.of("rule"), EXAMPLE);
        String text = body.string("rule");
        if (text == null) {
            throw ApiError.badRequest("\"rule\" is missing: send e.g. " + EXAMPLE);
        }
        FaultRule rule;
        long id;
        synchronized (lock) {
            try {
                rule = grammar.register(server.faults(), text);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(e.getMessage());
            }
            id = ++lastId;
            added.put(id, rule);
            texts.put(rule, text);
        }
        return Reply.json(201, json -> write(json, id, text, rule, "api"))
                .withHeaders(Map.of("Location", "/faults/" + id));
    }

    private Reply list(AdminRequest request) {
        request.query(Set.of());
        List<Listed> rules = listed();
        return Reply.json(200, json -> {
            json.writeArrayFieldStart("faults");
            for (Listed listed : rules) {
                json.writeStartObject();
                write(json, listed.id, listed.text, listed.rule, listed.origin);
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }

    private Reply get(AdminRequest request) {
        request.query(Set.of());
        long id = id(request);
        synchronized (lock) {
            for (Listed listed : listed()) {
                if (listed.id == id) {
                    return Reply.json(200, json -> write(json, listed.id, listed.text, listed.rule, listed.origin));
                }
            }
            throw gone(id);
        }
    }

    private Reply remove(AdminRequest request) {
        request.query(Set.of());
        long id = id(request);
        Listed found = null;
        synchronized (lock) {
            for (Listed listed : listed()) {
                if (listed.id == id) {
                    found = listed;
                }
            }
            if (found == null) {
                if (id > lastId) {
                    throw gone(id);
                }
                return Reply.json(200, json -> {
                    json.writeNumberField("id", id);
                    json.writeBooleanField("removed", false);
                });
            }
            forget(found.rule);
        }
        Listed removed = found;
        return Reply.json(200, json -> {
            json.writeNumberField("id", id);
            json.writeBooleanField("removed", true);
            json.writeNumberField("fired", removed.rule.fired());
        });
    }

    /**
     * {@link FaultRule#awaitFired}: answers with the count once the rule fired often enough (at once when it already
     * had), 408 with the count reached when the time is up, 404 when the rule is or gets removed.
     */
    private Reply await(AdminRequest request) throws IOException {
        request.query(Set.of());
        long id = id(request);
        byte[] bytes = request.body(AdminServer.MAX_JSON_BYTES, "an await body", "");
        JsonBody body = bytes.length == 0 ? null : JsonBody.parse(bytes, Set.of("fired", "timeoutMs"), AWAIT_EXAMPLE);
        long count = body == null ? 1 : body.number("fired", 1, 1, Integer.MAX_VALUE);
        long timeoutMs = body == null ? RecordingEndpoints.DEFAULT_TIMEOUT_MS : body.number("timeoutMs",
                RecordingEndpoints.DEFAULT_TIMEOUT_MS, 1, RecordingEndpoints.MAX_TIMEOUT_MS);
        FaultRule rule = registered(id);
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMs).toNanos();
        try {
            while (!rule.awaitFired(count, slice(deadline))) {
                if (!isRegistered(rule)) {
                    throw ApiError.of(404, "fault rule " + id + " was removed (by DELETE /faults or POST /reset) "
                            + "after it fired " + times(rule.fired()) + ", before it fired " + times(count),
                            Map.of("fired", rule.fired()), Map.of());
                }
                if (deadline - System.nanoTime() <= 0) {
                    throw RecordingEndpoints.timedOut(server.recording(), "fault rule " + id + " fired "
                            + times(rule.fired()) + ", not " + times(count) + ", within " + timeoutMs + " ms",
                            Map.of("fired", rule.fired()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.of(503, "the server is shutting down", Map.of(), Map.of());
        }
        return Reply.json(200, json -> {
            json.writeNumberField("id", id);
            json.writeNumberField("fired", rule.fired());
        });
    }

    /** {@link FaultRule#release()}: the requests and connections the rule holds go on; later ones are held again. */
    private Reply release(AdminRequest request) {
        request.query(Set.of());
        long id = id(request);
        FaultRule rule = registered(id);
        rule.release();
        return Reply.json(200, json -> {
            json.writeNumberField("id", id);
            json.writeBooleanField("released", true);
            json.writeNumberField("fired", rule.fired());
        });
    }

    private Reply removeAll(AdminRequest request) {
        request.query(Set.of());
        int count;
        synchronized (lock) {
            List<Listed> all = listed();
            count = all.size();
            for (Listed listed : all) {
                forget(listed.rule);
            }
        }
        return Reply.json(200, json -> json.writeNumberField("removed", count));
    }

    /** The registered rule with this id; 404 when there is none. */
    private FaultRule registered(long id) {
        synchronized (lock) {
            for (Listed listed : listed()) {
                if (listed.id == id) {
                    return listed.rule;
                }
            }
            throw gone(id);
        }
    }

    private boolean isRegistered(FaultRule rule) {
        return listed().stream().anyMatch(listed -> listed.rule == rule);
    }

    private static Duration slice(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(Math.min(left, REMOVAL_CHECK.toNanos()));
    }

    private static String times(long count) {
        return count == 1 ? "once" : count + " times";
    }

    /** Removes a rule from the server and from the lists; the caller holds the lock. */
    private void forget(FaultRule rule) {
        rule.remove();
        added.values().removeIf(r -> r == rule);
        texts.remove(rule);
        startRules.removed(rule);
        startIds.remove(rule);
    }

    /** The rules the server has now, in the order it consults them: the API's, then those given at start. */
    private List<Listed> listed() {
        synchronized (lock) {
            List<FaultRule> registered = server.faults().rules();
            List<Listed> listed = new ArrayList<>();
            added.entrySet().removeIf(entry -> registered.stream().noneMatch(r -> r == entry.getValue()));
            for (Map.Entry<Long, FaultRule> entry : added.entrySet()) {
                listed.add(new Listed(entry.getKey(), texts.get(entry.getValue()), entry.getValue(), "api"));
            }
            for (StartRules.Started started : startRules.current()) {
                long id = startIds.computeIfAbsent(started.rule(), rule -> ++lastId);
                listed.add(new Listed(id, started.text(), started.rule(), "start"));
            }
            return listed;
        }
    }

    private long id(AdminRequest request) {
        String text = request.pathParameter("id");
        try {
            long id = Long.parseLong(text);
            if (id >= 1) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest("fault rule id \"" + text + "\" is not a number from 1 up: use the \"id\" that "
                + "POST /faults answered or GET /faults lists");
    }

    /** The 404 for an id that names no registered rule; the caller holds the lock. */
    private ApiError gone(long id) {
        if (id > lastId) {
            return ApiError.notFound("no fault rule " + id + ": GET /faults lists the rules");
        }
        return ApiError.notFound("fault rule " + id + " is gone: it was removed by DELETE /faults or POST /reset");
    }

    private static void write(JsonGenerator json, long id, String text, FaultRule rule, String origin)
            throws IOException {
        long fired = rule.fired();
        json.writeNumberField("id", id);
        json.writeStringField("rule", text);
        json.writeStringField("code", code(rule));
        json.writeStringField("origin", origin);
        json.writeNumberField("fired", fired);
        json.writeBooleanField("unused", fired == 0);
    }

    private record Listed(long id, String text, FaultRule rule, String origin) {
    }
}
