package io.sftptest.server.cli.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API's route table: method plus path pattern to endpoint. A pattern segment {@code {name}} captures one
 * non-empty segment; a last segment {@code {name...}} captures the rest of the path, also nothing (so
 * {@code /files/{path...}} matches {@code /files} and {@code /files/in/a.csv}); {@code {name...}/} captures only a
 * rest that ends in a slash, or nothing ({@code /files/{path...}/} matches {@code /files/in/new/}). The first route
 * that matches wins. Paths are matched as sent (percent-encoded); the endpoints decode what they capture.
 */
final class Routes {
    /** One endpoint. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(AdminRequest request) throws IOException;
    }

    /** A route and what it captured from a path. */
    record Match(Route route, Map<String, String> parameters) {
    }

    /**
     * One route.
     *
     * @param method the HTTP method
     * @param pattern the path pattern, e.g. {@code /faults/{id}}
     * @param endpoint what answers it
     */
    record Route(String method, String pattern, Endpoint endpoint) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route. */
    Routes add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, pattern, endpoint));
        return this;
    }

    /** Returns every route, in the order added. */
    List<Route> all() {
        return List.copyOf(routes);
    }

    /**
     * Finds the route of a request.
     *
     * @param method the request's method
     * @param rawPath the request's path, percent-encoded
     * @return the route and its captures
     * @throws ApiError 404 listing the routes when no pattern matches, 405 with {@code Allow} when one matches
     *         another method
     */
    Match find(String method, String rawPath) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = match(route.pattern(), rawPath);
            if (parameters != null) {
                if (route.method().equals(method)) {
                    return new Match(route, parameters);
                }
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw ApiError.of(405, method + " is not allowed on " + rawPath + ": use " + String.join(" or ", allowed),
                    Map.of(), Map.of("Allow", String.join(", ", allowed)));
        }
        List<String> list = routes.stream().map(Route::toString).toList();
        throw ApiError.of(404, "no route " + method + " " + rawPath + ": the routes are " + String.join(", ", list)
                + " (GET /openapi.json describes them)", Map.of("routes", list), Map.of());
    }

    private static Map<String, String> match(String pattern, String path) {
        String[] expected = pattern.substring(1).split("/", -1);
        String[] actual = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[] {path};
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i++) {
            String segment = expected[i];
            if (segment.startsWith("{") && segment.endsWith("...}")) {
                String rest = i >= actual.length ? "" : String.join("/", List.of(actual).subList(i, actual.length));
                // {name...}/ captures only a rest that ends in a slash (a directory), or none
                boolean directory = i == expected.length - 2 && expected[i + 1].isEmpty();
                if (directory && !rest.isEmpty() && !rest.endsWith("/")) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 4), rest);
                return parameters;
            }
            if (i >= actual.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), actual[i]);
            } else if (!segment.equals(actual[i])) {
                return null;
            }
        }
        return expected.length == actual.length ? parameters : null;
    }
}
