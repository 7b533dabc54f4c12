package io.sftptest.server.cli.internal;

import java.util.List;
import java.util.Map;

/**
 * A refused admin request: the HTTP status and the one-line message that names what is wrong and how to fix it,
 * answered as {@code {"error": MESSAGE}} (plus the extra lists, e.g. the routes on a 404). Thrown before anything the
 * server holds is changed.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, List<String>> lists;
    private final transient Map<String, String> headers;

    private ApiError(int status, String message, Map<String, List<String>> lists, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.lists = lists;
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

    /** Any status, with extra lists in the body (e.g. {@code "routes"}) and extra headers (e.g. {@code Allow}). */
    static ApiError of(int status, String message, Map<String, List<String>> lists, Map<String, String> headers) {
        return new ApiError(status, message, lists, headers);
    }

    int status() {
        return status;
    }

    Map<String, List<String>> lists() {
        return lists;
    }

    Map<String, String> headers() {
        return headers;
    }
}
