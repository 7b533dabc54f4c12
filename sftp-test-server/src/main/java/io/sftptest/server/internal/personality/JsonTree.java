package io.sftptest.server.internal.personality;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON document read into plain values that remember their line, so that an error in a personality file can say
 * where it is. Objects are {@code Map<String, Node>} in document order, arrays {@code List<Node>}, numbers
 * {@code Long} (or {@code Double}), and strings, booleans and null as themselves.
 */
final class JsonTree {
    private JsonTree() {
    }

    /** A value and the line it starts on. */
    record Node(Object value, int line) {
    }

    /**
     * Reads one JSON value.
     *
     * @param reader the text
     * @param source the file name, for messages
     * @return the root
     * @throws IllegalArgumentException for malformed JSON, a key given twice, or text after the value
     * @throws IOException when the reader fails
     */
    static Node read(Reader reader, String source) throws IOException {
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonParser parser = factory.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException(source + ": the file is empty: a personality file is a JSON object "
                        + "starting with {\"format\": " + PersonalityFile.FORMAT + ", \"name\": ...");
            }
            Node root = value(parser, source);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException(source + ": line " + line(parser) + ": text after the end of the "
                        + "JSON object: a personality file holds one object");
            }
            return root;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Node value(JsonParser parser, String source) throws IOException {
        int line = line(parser);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                Map<String, Node> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    parser.nextToken();
                    if (fields.put(key, value(parser, source)) != null) {
                        throw new IllegalArgumentException(source + ": line " + keyLine + ": \"" + key
                                + "\" is given twice in one object: keep one");
                    }
                }
                return new Node(fields, line);
            case START_ARRAY:
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser, source));
                }
                return new Node(items, line);
            case VALUE_STRING:
                return new Node(parser.getText(), line);
            case VALUE_NUMBER_INT:
                try {
                    return new Node(parser.getLongValue(), line);
                } catch (IOException tooLarge) {
                    return new Node(parser.getDoubleValue(), line);
                }
            case VALUE_NUMBER_FLOAT:
                return new Node(parser.getDoubleValue(), line);
            case VALUE_TRUE:
                return new Node(Boolean.TRUE, line);
            case VALUE_FALSE:
                return new Node(Boolean.FALSE, line);
            case VALUE_NULL:
                return new Node(null, line);
            default:
                throw new IllegalArgumentException(source + ": line " + line + ": unexpected " + token);
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
