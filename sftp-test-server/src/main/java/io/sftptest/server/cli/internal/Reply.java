package io.sftptest.server.cli.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * An admin answer: status, content type, headers and a body that is either in memory or written as it is produced
 * (a recording or a file may be large).
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param headers further headers
 * @param body writes the body
 * @param length the body's length, or -1 when it is streamed (chunked)
 */
record Reply(int status, String contentType, Map<String, String> headers, Body body, long length) {
    static final String JSON = "application/json";
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** Writes a body to the exchange's stream. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes JSON with a generator. */
    @FunctionalInterface
    interface JsonContent {
        void writeTo(JsonGenerator json) throws IOException;
    }

    /** A JSON object; {@code content} writes its fields. */
    static Reply json(int status, JsonContent content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.writeStartObject();
            content.writeTo(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render JSON: " + e, e);
        }
        bytes.write('\n');
        return bytes(status, JSON, bytes.toByteArray());
    }

    /** A body in memory. */
    static Reply bytes(int status, String contentType, byte[] content) {
        return new Reply(status, contentType, Map.of(), out -> out.write(content), content.length);
    }

    /** A body written as it is produced. */
    static Reply streamed(String contentType, Body body) {
        return new Reply(200, contentType, Map.of(), body, -1);
    }

    /** The answer to a refused request: {@code {"error": MESSAGE, ...fields}}. */
    static Reply error(ApiError error) {
        Reply reply = json(error.status(), json -> {
            json.writeStringField("error", error.getMessage());
            for (Map.Entry<String, ?> field : error.fields().entrySet()) {
                if (field.getValue() instanceof List<?> list) {
                    stringArray(json, field.getKey(), list.stream().map(String::valueOf).toList());
                } else {
                    json.writeNumberField(field.getKey(), (Long) field.getValue());
                }
            }
        });
        return reply.withHeaders(error.headers());
    }

    /** This reply with more headers. */
    Reply withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new Reply(status, contentType, Map.copyOf(all), body, length);
    }

    /** Writes {@code "name": ["a", "b"]}. */
    static void stringArray(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** Writes a string field unless the value is null. */
    static void optional(JsonGenerator json, String name, Object value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value.toString());
        }
    }
}
