package io.sftptest.server.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.sun.net.httpserver.HttpExchange;

/**
 * One admin request as the endpoints see it: the path parameters its route captured (still percent-encoded), the
 * decoded query parameters, and the body, read at most up to a limit.
 */
final class AdminRequest {
    /**
     * How much of a refused body is still read (and thrown away) before the answer: a client that sends the whole
     * body before it reads (Python's urllib, Java's HttpClient) then gets the 413 instead of a reset connection.
     */
    private static final long DISCARDED_AT_MOST = 256L * 1024 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private final Map<String, String> query;

    AdminRequest(HttpExchange exchange, Map<String, String> pathParameters) {
        this.exchange = exchange;
        this.pathParameters = pathParameters;
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    /** Returns a path parameter as sent (percent-encoded), e.g. the {@code id} of {@code /faults/{id}}. */
    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /**
     * Returns the query parameters, refusing any the endpoint does not know.
     *
     * @param known the names the endpoint accepts
     * @return the parameters: name to decoded value ({@code ""} for a bare {@code ?list})
     * @throws ApiError 400 for an unknown parameter
     */
    Map<String, String> query(Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw ApiError.badRequest("unknown query parameter \"" + name + "\" for " + exchange.getRequestMethod()
                        + " " + exchange.getRequestURI().getRawPath() + (known.isEmpty() ? ": it takes none"
                                : ": use " + String.join(", ", new TreeSet<>(known))));
            }
        }
        return query;
    }

    /**
     * Reads the whole body, refusing one longer than a limit: at once when its declared length is longer, else as
     * soon as the limit is passed; either way nothing has been changed yet.
     *
     * @param limit the largest body accepted, in bytes
     * @param what what the body is, for the message, e.g. {@code a fault rule body}
     * @param fix what to do instead, for the message; may be empty
     * @return the bytes
     * @throws ApiError 413 when the body is longer
     */
    byte[] body(int limit, String what, String fix) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("Content-Length \"" + declared + "\" is not a number");
            }
            if (length > limit) {
                discardRest();
                throw tooLarge(what, limit, fix, length + " bytes");
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(declared == null ? 8192
                : (int) Math.min(limit, Long.parseLong(declared.strip())));
        byte[] buffer = new byte[8192];
        InputStream in = exchange.getRequestBody();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (bytes.size() + n > limit) {
                discardRest();
                throw tooLarge(what, limit, fix, "more");
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    /**
     * Refuses a request that has a body, e.g. one that creates a directory: at once when its declared length is not
     * 0, else as soon as a byte arrives.
     *
     * @param message what to say, naming the fix
     * @throws ApiError 400 when there is a body
     */
    void noBody(String message) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && !declared.strip().equals("0") || exchange.getRequestBody().read() >= 0) {
            discardRest();
            throw ApiError.badRequest(message);
        }
    }

    private void discardRest() throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[64 * 1024];
        long discarded = 0;
        for (int n = in.read(buffer); n >= 0 && discarded < DISCARDED_AT_MOST; n = in.read(buffer)) {
            discarded += n;
        }
    }

    private static ApiError tooLarge(String what, int limit, String fix, String size) {
        return ApiError.of(413, what + " may have at most " + limit + " bytes, this one has " + size
                + (fix.isEmpty() ? "" : ": " + fix), Map.of(), Map.of());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.put(name, value) != null) {
                throw ApiError.badRequest("query parameter \"" + name + "\" given twice: give it once (operation "
                        + "takes a comma-separated list, e.g. operation=OPEN,WRITE)");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("malformed percent-encoding in the query \"" + text + "\": " + e.getMessage());
        }
    }
}
