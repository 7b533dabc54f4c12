package io.sftptest.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the runner's admin API for tests: {@code java.net.http.HttpClient} for ordinary requests, and a raw
 * socket for requests no well-behaved client would send (unnormalised paths, a declared length without the body).
 */
final class AdminClient {
    private static final Pattern ADMIN_LINE = Pattern.compile("Admin on (http://\\S+/) token (\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    final URI base;
    final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Reads the base URI and the token from the runner's {@code Admin on http://HOST:PORT/ token TOKEN} line. */
    static AdminClient fromLine(String line) {
        Matcher matcher = ADMIN_LINE.matcher(line);
        assertThat(matcher.matches()).as("an Admin line: %s", line).isTrue();
        return new AdminClient(URI.create(matcher.group(1)), matcher.group(2));
    }

    /** An answer. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + text(), e);
            }
        }

        /** The {@code error} of a refused request. */
        String error() {
            return json().path("error").asText();
        }

        List<String> lines() {
            return text().lines().toList();
        }

        /** The JSON lines of {@code GET /recording}, parsed. */
        List<JsonNode> records() {
            return lines().stream().map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }).toList();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response put(String path, byte[] content) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Adds a fault rule and returns its id. */
    long addFault(String rule) {
        Response response = post("faults", JSON.createObjectNode().put("rule", rule).toString());
        assertThat(response.status()).as("POST /faults %s: %s", rule, response.text()).isEqualTo(201);
        return response.json().path("id").asLong();
    }

    /** POST /reset, checked. */
    void reset() {
        Response response = post("reset", "");
        assertThat(response.status()).as("POST /reset: %s", response.text()).isEqualTo(200);
    }

    /** A request with the token; {@code path} is relative to the base, e.g. {@code faults/1}. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    CompletableFuture<Response> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Response(r.statusCode(), r.headers(), r.body()));
    }

    /**
     * Sends a request byte for byte, as written, over a socket; returns the status and the body.
     *
     * @param method the method
     * @param rawTarget the request target exactly as sent, e.g. {@code /files/../etc/passwd}
     * @param headers further headers (the token is added)
     * @param body the body, written after the headers; may be empty
     */
    RawResponse raw(String method, String rawTarget, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + rawTarget + " HTTP/1.1\r\n");
            head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            head.append("Authorization: Bearer ").append(token).append("\r\n");
            head.append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            int bodyStart = text.indexOf("\r\n\r\n");
            return new RawResponse(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        } catch (IOException e) {
            throw new UncheckedIOException("raw " + method + " " + rawTarget + ": " + e, e);
        }
    }

    /** What {@link #raw} read. */
    record RawResponse(int status, String body) {
        String error() {
            try {
                return JSON.readTree(body).path("error").asText();
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    static String json(Object... namesAndValues) {
        var node = JSON.createObjectNode();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], JSON.valueToTree(namesAndValues[i + 1]));
        }
        return node.toString();
    }
}
