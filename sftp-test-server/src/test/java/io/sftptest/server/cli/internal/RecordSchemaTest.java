package io.sftptest.server.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jcraft.jsch.ChannelExec;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.Fault;
import io.sftptest.server.TestClients;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpFileAttributes;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;

/**
 * The {@code Record} schema of {@code openapi.json} says exactly which keys {@link RecordedRequest#toJson()} writes
 * (the objects of {@code GET /recording}, {@code POST /recording/await} and {@code --record-json}), so that the
 * description cannot drift from the output: every key a record writes is described, with its type, and every key
 * described is written by some record of a real server.
 *
 * <p>The records come from a real server's recording: JSch connects once with a wrong password and once with the
 * right one and sends requests that carry every optional key (open flags, a handle, offsets, attributes, a rename's
 * second path, an extension, a fault with its message) and runs a command on an exec channel; then the connection
 * closes. A record with every component
 * set guards the keys no scenario here reaches yet. A new kind of record (a pseudo-operation) needs a case here,
 * which {@link #hasARealRecordOfEveryKind()} asks for.
 */
class RecordSchemaTest {
    private static final String SCHEMA_FILE = "sftp-test-server/src/main/resources/io/sftptest/server/cli/internal/"
            + "openapi.json";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document;
    private static List<RecordedRequest> records;

    @BeforeAll
    static void recordEveryKind() throws Exception {
        try (InputStream in = AdminServer.class.getResourceAsStream("openapi.json")) {
            document = JSON.readTree(in);
        }
        try (SftpTestServer server = SftpTestServer.builder().user("alice", "secret").start()) {
            server.faults().on(SftpOperation.REMOVE).path("/refused.txt")
                    .respond(Fault.status(SftpStatus.PERMISSION_DENIED, "quota exceeded"));
            server.putFile("/refused.txt", "kept");
            assertThat(catchThrowable(() -> TestClients.jsch(server.host(), server.port(), "alice", "wrong")))
                    .as("a refused password").isNotNull();
            try (TestClients.Jsch sftp = TestClients.jsch(server.host(), server.port(), "alice", "secret")) {
                sftp.upload("/a.txt", "content".getBytes(StandardCharsets.UTF_8));
                sftp.download("/a.txt");
                sftp.sftp().chmod(0640, "/a.txt");
                sftp.sftp().rename("/a.txt", "/b.txt");
                sftp.sftp().statVFS("/");
                assertThat(catchThrowable(() -> sftp.sftp().rm("/refused.txt"))).as("the fault").isNotNull();
                exec(sftp, "md5sum /b.txt");
            }
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.EXEC), Duration.ofSeconds(10));
            server.recording().awaitRequest(RequestFilter.operation(SftpOperation.DISCONNECT).user("alice"),
                    Duration.ofSeconds(10));
            records = server.recording().requests();
        }
    }

    @Test
    void describesEveryKeyAnyRecordWritesWithItsType() throws Exception {
        Set<String> problems = new LinkedHashSet<>();
        for (RecordedRequest record : records) {
            compare(JSON.readTree(record.toJson()), "Record", record.operation() + " records", problems);
        }
        assertThat(problems).as("the records of a real server against openapi.json").isEmpty();
    }

    @Test
    void describesNoKeyThatNoRecordWrites() throws Exception {
        Set<String> written = new TreeSet<>();
        for (RecordedRequest record : records) {
            JSON.readTree(record.toJson()).fieldNames().forEachRemaining(written::add);
        }
        List<String> problems = new ArrayList<>();
        schema("Record").path("properties").fieldNames().forEachRemaining(key -> {
            if (!written.contains(key)) {
                problems.add("openapi.json's Record schema describes \"" + key + "\", which no record of the real "
                        + "server wrote (it wrote " + written + "): remove it from components.schemas.Record in "
                        + SCHEMA_FILE + ", or, when only a request this test does not send writes it, add that "
                        + "request to RecordSchemaTest.recordEveryKind");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void describesEveryKeyOfARecordWithEveryComponentSetAndEveryAttribute() throws Exception {
        JsonNode full = JSON.readTree(everyComponentSet().toJson());
        Set<String> problems = new LinkedHashSet<>();
        compare(full, "Record", "records with every component set", problems);
        Set<String> attributes = new TreeSet<>();
        full.path("attributes").fieldNames().forEachRemaining(attributes::add);
        schema("Attributes").path("properties").fieldNames().forEachRemaining(key -> {
            if (!attributes.contains(key)) {
                problems.add("openapi.json's Attributes schema describes \"" + key + "\", which attributes with every "
                        + "value set do not write (they wrote " + attributes + "): remove it from "
                        + "components.schemas.Attributes in " + SCHEMA_FILE);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void writesTheRequiredKeysOnEveryRecord() throws Exception {
        List<String> required = new ArrayList<>();
        schema("Record").path("required").forEach(key -> required.add(key.asText()));
        assertThat(required).isNotEmpty();
        for (RecordedRequest record : records) {
            JsonNode written = JSON.readTree(record.toJson());
            assertThat(required).as("the required keys of %s", record.toJson()).allMatch(written::has);
        }
    }

    @Test
    void listsTheValuesOfItsEnumerationsAsTheJavaEnumsNameThem() {
        assertThat(values(schema("Record").path("properties").path("authOutcome").path("enum")))
                .containsExactlyElementsOf(names(AuthOutcome.values()));
        assertThat(values(schema("Attributes").path("properties").path("type").path("enum")))
                .containsExactlyElementsOf(names(SftpFileAttributes.Type.values()));
    }

    @Test
    void hasARealRecordOfEveryKind() {
        Set<SftpOperation> seen = new LinkedHashSet<>();
        records.forEach(record -> seen.add(record.operation()));
        assertThat(seen).as("SFTP requests").contains(SftpOperation.OPEN, SftpOperation.WRITE, SftpOperation.READ,
                SftpOperation.SETSTAT, SftpOperation.EXTENDED, SftpOperation.REMOVE);
        for (SftpOperation operation : SftpOperation.values()) {
            if (operation.packetType() < 0 && operation != SftpOperation.UNKNOWN) {
                assertThat(seen).as("no %s record among the real server's records: each kind of record must be "
                        + "compared with the schema, so add what makes one to RecordSchemaTest.recordEveryKind",
                        operation).contains(operation);
            }
        }
        assertThat(records).as("both AUTH outcomes").filteredOn(r -> r.operation() == SftpOperation.AUTH)
                .extracting(RecordedRequest::authOutcome).contains(AuthOutcome.FAILURE, AuthOutcome.SUCCESS);
    }

    /** Runs a command on an exec channel of the session, to its end. */
    private static void exec(TestClients.Jsch sftp, String command) throws Exception {
        ChannelExec exec = (ChannelExec) sftp.session().openChannel("exec");
        exec.setCommand(command);
        try (InputStream out = exec.getInputStream()) {
            exec.connect(5000);
            out.readAllBytes();
        } finally {
            exec.disconnect();
        }
    }

    /**
     * Adds a problem for each key of {@code written} the schema {@code name} does not describe or describes with
     * another type, and compares nested objects with the schemas their properties refer to.
     */
    private static void compare(JsonNode written, String name, String what, Set<String> problems) {
        JsonNode properties = schema(name).path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = written.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode described = properties.path(key);
            if (described.isMissingNode()) {
                problems.add(what + " write \"" + key + "\", but openapi.json's " + name
                        + " schema does not describe it: add \"" + key + "\" to components.schemas." + name
                        + ".properties in " + SCHEMA_FILE);
                continue;
            }
            String reference = described.path("$ref").asText();
            String referenced = reference.startsWith(SCHEMAS) ? reference.substring(SCHEMAS.length()) : null;
            String type = referenced != null ? schema(referenced).path("type").asText() : described.path("type")
                    .asText();
            if (!hasType(value, type)) {
                problems.add(what + " write \"" + key + "\" as " + value.getNodeType() + ", but "
                        + "openapi.json's " + name + " schema says " + (type.isEmpty() ? "no type" : type)
                        + ": correct components.schemas." + name + ".properties." + key + " in " + SCHEMA_FILE);
            } else if (value.isObject() && referenced == null) {
                problems.add(what + " write the object \"" + key + "\", which openapi.json's " + name + " schema "
                        + "describes without its keys: describe them in a schema of their own and refer to it "
                        + "({\"$ref\": \"" + SCHEMAS + "...\"}) in " + SCHEMA_FILE);
            } else if (value.isObject()) {
                compare(value, referenced, what + "' \"" + key + "\"", problems);
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "integer" -> value.isIntegralNumber();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }

    private static JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertThat(schema.isObject()).as("components.schemas.%s in openapi.json", name).isTrue();
        return schema;
    }

    /**
     * A record whose every component has a value (and its attributes every attribute), so that it writes every key
     * {@link RecordedRequest#toJson()} knows, also those of components added later.
     */
    private static RecordedRequest everyComponentSet() throws Exception {
        return (RecordedRequest) sample(RecordedRequest.class, "record");
    }

    private static Object sample(Class<?> type, String name) throws Exception {
        if (type == long.class || type == Long.class) {
            return 7L;
        }
        if (type == int.class || type == Integer.class) {
            return 7;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == String.class) {
            return name;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-01-02T03:04:05Z");
        }
        if (type == Duration.class) {
            return Duration.ofMillis(7);
        }
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type.isRecord()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = sample(components[i].getType(), components[i].getName());
            }
            Constructor<?> canonical = type.getDeclaredConstructor(Arrays.stream(components)
                    .map(RecordComponent::getType).toArray(Class<?>[]::new));
            return canonical.newInstance(values);
        }
        if (type.isSealed()) {
            return sample(type.getPermittedSubclasses()[0], name);
        }
        throw new AssertionError("RecordSchemaTest cannot make a " + type.getName() + " for \"" + name + "\": add "
                + "a value of that type to RecordSchemaTest.sample");
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
