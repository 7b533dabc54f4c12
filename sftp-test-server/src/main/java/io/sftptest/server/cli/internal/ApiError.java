package io.sftptest.server.cli.internal;

import java.util.List;
import java.util.Map;

/**
 * A refused admin request: the HTTP status and the one-line message that names what is wrong and how to fix it,
 * answered as {@code {"error": MESSAGE, ...fields}}: some carry more fields, e.g. the routes on a 404 or the count an
 * await reached on a 408. Thrown before anything the server holds is changed.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, ?> fields;
    private final transient Map<String, String> headers;

    private ApiError(int status, String message, Map<String, ?> fields, Map<String, String> headers) {
        super(message, null, false, false);
        for (Object value : fields.values()) {
            if (!(value instanceof List<?> || value instanceof Long)) {
                throw new IllegalArgumentException("an error's fields are lists of strings or numbers, not " + value);
            }
        }
        this.status = status;
        this.fields = fields;
        this.headers = headers;
    }

    /** 400: the request is malformed or names something invalid. */
    static ApiError badRequest(String message) {
        return new ApiError(400, message, Map.of(), Map.of());
    }

    /** 404: no such resource (a file, a fault rule). */
    static ApiError notFound(String message) {
        return new ApiError(404, message, Map.of(), Map.of());
    }

    /** 409: the request is well-formed but the server's state forbids it, e.g. a path whose parent is a file. */
    static ApiError conflict(String message) {
        return new ApiError(409, message, Map.of(), Map.of());
    }

    /**
     * Any status, with extra fields in the body (lists of strings, e.g. {@code "routes"}, or {@code Long} numbers,
     * e.g. {@code "fired"}) and extra headers (e.g. {@code Allow}).
     */
    static ApiError of(int status, String message, Map<String, ?> fields, Map<String, String> headers) {
        return new ApiError(status, message, fields, headers);
    }

    int status() {
        return status;
    }

    Map<String, ?> fields() {
        return fields;
    }

    Map<String, String> headers() {
        return headers;
    }
}
