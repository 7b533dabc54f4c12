package io.sftptest.server.cli.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * Which records a recording query or an await means: a {@link RequestFilter} ({@code operation}, {@code path},
 * {@code user}, {@code connection}, {@code status}) plus {@code since} (only records with a higher sequence number)
 * and {@code connectionEvents=false} (leave out CONNECT, AUTH and DISCONNECT). The same names work as query
 * parameters of {@code GET /recording} and as fields of {@code POST /recording/await}.
 *
 * @param filter the filter
 * @param since records after this sequence number only; 0 for all
 * @param connectionEvents whether CONNECT, AUTH and DISCONNECT records are included
 */
record RecordSelection(RequestFilter filter, long since, boolean connectionEvents) implements
        Predicate<RecordedRequest> {

    /** The names this selection reads. */
    static final Set<String> NAMES = Set.of("operation", "path", "user", "connection", "status", "since",
            "connectionEvents");

    /**
     * Reads a selection.
     *
     * @param values name to value, as text; names outside {@link #NAMES} are ignored
     * @return the selection
     * @throws ApiError 400 naming the bad value
     */
    static RecordSelection parse(Map<String, String> values) {
        RequestFilter filter = RequestFilter.any();
        String operations = values.get("operation");
        if (operations != null) {
            EnumSet<SftpOperation> set = EnumSet.noneOf(SftpOperation.class);
            for (String name : operations.split(",")) {
                set.add(operation(name.strip()));
            }
            filter = filter.operations(set);
        }
        String path = values.get("path");
        if (path != null) {
            try {
                filter = filter.path(path);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("path \"" + path + "\" is no glob: " + e.getMessage());
            }
        }
        if (values.get("user") != null) {
            filter = filter.user(values.get("user"));
        }
        if (values.get("connection") != null) {
            filter = filter.connection(number(values, "connection", 1));
        }
        String status = values.get("status");
        if (status != null) {
            filter = filter.status(Arrays.stream(SftpStatus.values()).filter(s -> s.name().equalsIgnoreCase(status))
                    .findFirst().orElseThrow(() -> ApiError.badRequest("unknown status \"" + status + "\": use one of "
                            + String.join(", ", Arrays.stream(SftpStatus.values()).map(Enum::name).toList()))));
        }
        long since = values.get("since") == null ? 0 : number(values, "since", 0);
        String events = values.getOrDefault("connectionEvents", "true");
        if (!events.equals("true") && !events.equals("false")) {
            throw ApiError.badRequest("connectionEvents must be true or false, was \"" + events + "\"");
        }
        return new RecordSelection(filter, since, events.equals("true"));
    }

    @Override
    public boolean test(RecordedRequest record) {
        return record.sequence() > since && (connectionEvents || !record.operation().isConnectionEvent())
                && filter.test(record);
    }

    /** Describes the selection, e.g. {@code OPEN /out/*.csv by alice after #12}. */
    @Override
    public String toString() {
        return filter + (since > 0 ? " after #" + since : "") + (connectionEvents ? "" : " (no connection events)");
    }

    private static SftpOperation operation(String name) {
        for (SftpOperation operation : SftpOperation.values()) {
            if (operation.name().equalsIgnoreCase(name)) {
                return operation;
            }
        }
        throw ApiError.badRequest("unknown operation \"" + name + "\": use one or more of " + String.join(", ",
                Arrays.stream(SftpOperation.values()).map(Enum::name).toList()) + ", comma-separated");
    }

    static long number(Map<String, String> values, String name, long min) {
        String text = values.get(name);
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.badRequest(name + " must be a whole number from " + min + " up, was \"" + text + "\"");
    }
}
