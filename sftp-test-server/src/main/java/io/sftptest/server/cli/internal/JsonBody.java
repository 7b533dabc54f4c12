package io.sftptest.server.cli.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * A request body: one flat JSON object of strings, whole numbers and booleans, read with Jackson's streaming
 * parser. Unknown and repeated fields are refused, so that a typo ({@code "rul"}) is an error rather than a
 * silently ignored field.
 */
final class JsonBody {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Map<String, Object> fields;

    private JsonBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * Parses a body.
     *
     * @param body the bytes (UTF-8)
     * @param allowed the field names the endpoint knows
     * @param example a valid body, for the messages
     * @return the fields
     * @throws ApiError 400 naming what is wrong
     */
    static JsonBody parse(byte[] body, Set<String> allowed, String example) {
        if (body.length == 0) {
            throw ApiError.badRequest("the body is empty: send a JSON object, e.g. " + example);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ApiError.badRequest("the body is not a JSON object: send e.g. " + example);
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                if (!allowed.contains(name)) {
                    throw ApiError.badRequest("unknown field \"" + name + "\": use " + String.join(", ",
                            new TreeSet<>(allowed)) + ", e.g. " + example);
                }
                fields.put(name, value(parser, name, parser.nextToken()));
            }
            if (parser.nextToken() != null) {
                throw ApiError.badRequest("malformed JSON " + where(parser.currentLocation())
                        + ": more after the object: send one object");
            }
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("malformed JSON " + where(e.getLocation()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + "; send e.g. " + example);
        } catch (IOException e) {
            throw ApiError.badRequest("unreadable body: " + e.getMessage());
        }
        return new JsonBody(fields);
    }

    private static Object value(JsonParser parser, String name, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() != JsonParser.NumberType.INT
                        && parser.getNumberType() != JsonParser.NumberType.LONG) {
                    throw ApiError.badRequest("\"" + name + "\" is too large a number");
                }
                yield parser.getLongValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
            case VALUE_NULL -> null;
            case VALUE_NUMBER_FLOAT -> throw ApiError.badRequest("\"" + name + "\" must be a whole number, was "
                    + parser.getText());
            default -> throw ApiError.badRequest("\"" + name + "\" must be a string, a number or a boolean, "
                    + "not an object or array");
        };
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Returns whether the field is present and not null. */
    boolean has(String name) {
        return fields.get(name) != null;
    }

    /** Returns a field's value (String, Long or Boolean), or null. */
    Object value(String name) {
        return fields.get(name);
    }

    /** Returns the field names present with a value. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * Returns a string field.
     *
     * @throws ApiError 400 when it is of another type
     */
    String string(String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw ApiError.badRequest("\"" + name + "\" must be a string, was " + value);
        }
        return (String) value;
    }

    /**
     * Returns a whole-number field, or the default when absent.
     *
     * @throws ApiError 400 when it is of another type or out of range
     */
    long number(String name, long defaultValue, long min, long max) {
        Object value = fields.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Long number)) {
            throw ApiError.badRequest("\"" + name + "\" must be a whole number, was \"" + value + "\"");
        }
        if (number < min || number > max) {
            throw ApiError.badRequest("\"" + name + "\" must be from " + min + " to " + max + ", was " + number);
        }
        return number;
    }
}
