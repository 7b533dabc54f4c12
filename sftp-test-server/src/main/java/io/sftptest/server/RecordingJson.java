package io.sftptest.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;


/**
 * Writes records as JSON lines with Jackson's streaming generator: one object per line, absent
 * values left out, handles in hex (they are opaque bytes), and a closing
 * {@code {"truncated":true,...}} line when records were dropped.
 */
final class RecordingJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private RecordingJson() {
    }

    /**
     * Writes the records.
     *
     * @param out the target; flushed, not closed
     * @param records the records, in order
     * @param limit the recording's limit
     * @param dropped how many records were dropped at the limit
     * @throws IOException when writing fails
     */
    public static void write(Writer out, List<RecordedRequest> records, int limit, long dropped) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.setRootValueSeparator(null); // the newline is the separator
            for (RecordedRequest record : records) {
                writeRecord(json, record);
                json.flush();
                out.write('\n');
            }
            if (dropped > 0) {
                json.writeStartObject();
                json.writeBooleanField("truncated", true);
                json.writeNumberField("limit", limit);
                json.writeNumberField("dropped", dropped);
                json.writeEndObject();
                json.flush();
                out.write('\n');
            }
        }
        out.flush();
    }

    /**
     * Renders one record as one JSON object on one line, without the newline.
     *
     * @param record the record
     * @return the JSON text
     */
    public static String toJson(RecordedRequest record) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writeRecord(json, record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render a record as JSON: " + e, e);
        }
        return out.toString();
    }

    private static void writeRecord(JsonGenerator json, RecordedRequest r) throws IOException {
        json.writeStartObject();
        json.writeNumberField("seq", r.sequence());
        text(json, "time", r.time() == null ? null : r.time().toString());
        json.writeNumberField("connection", r.connectionId());
        json.writeNumberField("index", r.indexInConnection());
        text(json, "user", r.user());
        json.writeStringField("op", r.operation().name());
        text(json, "extension", r.extension());
        text(json, "path", r.path());
        text(json, "targetPath", r.targetPath());
        text(json, "handle", r.handle() == null ? null : hex(r.handle()));
        if (r.offset() >= 0) {
            json.writeNumberField("offset", r.offset());
        }
        if (r.length() >= 0) {
            json.writeNumberField("length", r.length());
        }
        if (r.flags() != 0) {
            json.writeNumberField("flags", r.flags());
        }
        if (r.attributes() != null) {
            writeAttributes(json, r.attributes());
        }
        if (r.status() != null) {
            json.writeStringField("status", r.status().name());
            json.writeNumberField("statusCode", r.status().code());
        }
        text(json, "message", r.message());
        json.writeNumberField("bytes", r.bytes());
        if (r.duration() != null) {
            json.writeNumberField("durationNanos", r.duration().toNanos());
        }
        text(json, "fault", r.fault() == null ? null : r.fault().toString());
        text(json, "clientAddress", r.clientAddress());
        text(json, "authMethod", r.authMethod());
        text(json, "authOutcome", r.authOutcome() == null ? null : r.authOutcome().name());
        text(json, "command", r.command());
        if (r.exitStatus() != null) {
            json.writeNumberField("exitStatus", r.exitStatus());
        }
        json.writeEndObject();
    }

    private static void writeAttributes(JsonGenerator json, SftpFileAttributes a) throws IOException {
        json.writeObjectFieldStart("attributes");
        text(json, "type", a.type() == null ? null : a.type().name());
        if (a.size() != null) {
            json.writeNumberField("size", a.size());
        }
        if (a.uid() != null) {
            json.writeNumberField("uid", a.uid());
        }
        if (a.gid() != null) {
            json.writeNumberField("gid", a.gid());
        }
        text(json, "owner", a.owner());
        text(json, "group", a.group());
        text(json, "permissions", a.permissionString());
        text(json, "accessTime", a.accessTime() == null ? null : a.accessTime().toString());
        text(json, "modifyTime", a.modifyTime() == null ? null : a.modifyTime().toString());
        text(json, "createTime", a.createTime() == null ? null : a.createTime().toString());
        json.writeEndObject();
    }

    private static String hex(String handle) {
        StringBuilder hex = new StringBuilder();
        for (byte b : handle.getBytes(StandardCharsets.UTF_8)) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.toString();
    }

    private static void text(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
