package io.sftptest.server.cli;

import static io.sftptest.server.cli.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.sftptest.server.cli.AdminClient.RawResponse;
import io.sftptest.server.cli.AdminClient.Response;
import io.sftptest.server.cli.internal.AdminServer;

/**
 * Bad input to the admin API: every refusal is a 4xx with a one-line message that names what is wrong, and changes
 * nothing the server holds. Also the token, and where the API listens.
 */
class AdminApiInputTest {
    @RegisterExtension
    static final AdminRunnerExtension RUNNER = new AdminRunnerExtension();

    private final AdminClient admin = RUNNER.admin();

    @BeforeEach
    void seed() {
        admin.put("files/seed/kept.txt", "kept".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusesEveryRequestWithoutTheTokenOrWithAnotherOne() {
        // the token with its first character changed (never equal to it, whatever the random token starts with)
        String other = (admin.token.charAt(0) == 'A' ? "B" : "A") + admin.token.substring(1);
        for (String path : List.of("", "faults", "files/seed/kept.txt", "recording", "openapi.json", "no/such/route")) {
            for (String authorization : List.of("", "Bearer " + other, "Bearer " + admin.token.substring(1),
                    "Basic " + admin.token, "Bearer")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(admin.base.resolve(path));
                if (!authorization.isEmpty()) {
                    request.header("Authorization", authorization);
                }
                Response response = admin.send(request.GET());
                assertThat(response.status()).as("GET /%s with \"%s\"", path, authorization).isEqualTo(401);
                assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"sftp-test-server\"");
                assertThat(response.error()).startsWith("missing or wrong token: send the header "
                        + "\"Authorization: Bearer TOKEN\"");
                assertThat(response.text()).doesNotContain(admin.token).doesNotContain(other);
            }
        }
        Response deleted = admin.send(HttpRequest.newBuilder(admin.base.resolve("files/seed/kept.txt")).DELETE());
        assertThat(deleted.status()).isEqualTo(401);
        assertThat(admin.get("files/seed/kept.txt").text()).as("nothing touched").isEqualTo("kept");
        assertThat(admin.send(admin.request("faults").header("Authorization", "bearer  " + admin.token)
                .GET()).status()).as("the scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void answersMalformedJsonWithWhereItBroke() {
        Response truncated = admin.post("faults", "{\"rule\": \"OPEN");
        assertThat(truncated.status()).isEqualTo(400);
        assertThat(truncated.error()).startsWith("malformed JSON at line 1, column 15: Unexpected end-of-input");
        assertThat(admin.post("faults", "{\"rule\": \"OPEN none\"} {}").error())
                .startsWith("malformed JSON at line 1, column").contains("more after the object");
        assertThat(admin.post("faults", "[\"OPEN none\"]").error()).startsWith("the body is not a JSON object");
        assertThat(admin.post("faults", "").error()).startsWith("the body is empty: send a JSON object, e.g. "
                + "{\"rule\": \"OPEN /in/*.csv status=FAILURE once\"}");
        assertThat(admin.post("faults", "{\"rule\": \"OPEN none\", \"rule\": \"STAT none\"}").error())
                .contains("Duplicate field 'rule'");
        assertThat(admin.get("faults").json().path("faults")).isEmpty();
    }

    @Test
    void refusesUnknownFieldsAndValuesOfTheWrongType() {
        assertThat(admin.post("faults", "{\"rul\": \"OPEN none\"}").error()).isEqualTo("unknown field \"rul\": use "
                + "rule, e.g. {\"rule\": \"OPEN /in/*.csv status=FAILURE once\"}");
        assertThat(admin.post("faults", "{\"rule\": 5}").error()).isEqualTo("\"rule\" must be a string, was 5");
        assertThat(admin.post("faults", "{\"rule\": {\"op\": \"OPEN\"}}").error())
                .isEqualTo("\"rule\" must be a string, a number or a boolean, not an object or array");
        assertThat(admin.post("faults", "{}").error()).startsWith("\"rule\" is missing");
        assertThat(admin.post("recording/await", json("file", "/a", "timeoutMs", 1.5)).error())
                .isEqualTo("\"timeoutMs\" must be a whole number, was 1.5");
        assertThat(admin.post("recording/await", json("file", "/a", "timeoutMs", 0)).error())
                .isEqualTo("\"timeoutMs\" must be from 1 to 600000, was 0");
        assertThat(admin.post("recording/await", json("file", "/a", "operation", "OPEN")).error())
                .startsWith("\"file\" waits for a completed upload and takes no operation");
        assertThat(admin.post("recording/await", json("timeoutMs", 10)).error()).startsWith("say what to wait for");
        assertThat(admin.post("recording/await", json("operation", "OPN")).error())
                .startsWith("unknown operation \"OPN\": use one or more of INIT, OPEN,");
        assertThat(admin.get("faults").json().path("faults")).isEmpty();
    }

    @Test
    void refusesABadFaultAwaitOrReleaseAndChangesNothing() {
        long id = admin.addFault("OPEN /never status=FAILURE");
        String await = "faults/" + id + "/await";
        assertThat(admin.post(await, json("fired", 0)).error()).isEqualTo("\"fired\" must be from 1 to 2147483647, "
                + "was 0");
        assertThat(admin.post(await, json("fired", 1.5)).error()).isEqualTo("\"fired\" must be a whole number, was "
                + "1.5");
        assertThat(admin.post(await, json("fired", "2")).error()).isEqualTo("\"fired\" must be a whole number, was "
                + "\"2\"");
        assertThat(admin.post(await, json("times", 2)).error()).isEqualTo("unknown field \"times\": use fired, "
                + "timeoutMs, e.g. {\"fired\": 1, \"timeoutMs\": 5000}");
        assertThat(admin.post(await, json("timeoutMs", 600_001)).error()).isEqualTo("\"timeoutMs\" must be from 1 to "
                + "600000, was 600001");
        assertThat(admin.post(await, "{\"fired\": ").error()).startsWith("malformed JSON at line 1");
        assertThat(admin.post(await + "?fired=1", "").error()).isEqualTo("unknown query parameter \"fired\" for POST "
                + "/faults/" + id + "/await: it takes none");
        assertThat(admin.post("faults/" + (id + 100) + "/await", "").error()).isEqualTo("no fault rule " + (id + 100)
                + ": GET /faults lists the rules");
        assertThat(admin.post("faults/x/release", "").error()).startsWith("fault rule id \"x\" is not a number");
        assertThat(admin.post("faults/" + (id + 100) + "/release", "").status()).isEqualTo(404);
        Response get = admin.get(await);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        assertThat(admin.get("faults").json().path("faults")).singleElement().satisfies(rule -> {
            assertThat(rule.path("id").asLong()).isEqualTo(id);
            assertThat(rule.path("fired").asLong()).isZero();
        });
    }

    @Test
    void answersABadRuleWithTheMessageTheCommandLineGivesAndAddsNothing() {
        for (String rule : List.of("OPEN /in status=NOPE", "OPEN /in bogus", "WRITE shortRead=10",
                "OPEN message=\"unclosed", "CONNECT,OPEN refuse", "")) {
            Response refused = admin.post("faults", json("rule", rule));
            assertThat(refused.status()).as(rule).isEqualTo(400);
            StringWriter err = new StringWriter();
            int code = SftpServerCli.run(new String[] {"--port", "0", "--fault", rule},
                    new PrintWriter(new StringWriter()), new PrintWriter(err, true));
            assertThat(code).isEqualTo(2);
            assertThat(err.toString().lines().findFirst()).as("the command line's message for %s", rule)
                    .hasValue("sftp-test-server: --fault " + refused.error());
        }
        assertThat(admin.get("faults").json().path("faults")).as("nothing half-added").isEmpty();
        long id = admin.addFault("OPEN none");
        assertThat(admin.get("faults").json().path("faults")).singleElement()
                .satisfies(rule -> assertThat(rule.path("id").asLong()).isEqualTo(id));
    }

    @Test
    void refusesPathsThatCouldNameAnotherPlaceAndTouchesNothing() {
        List<String> refused = List.of("/files/../etc/passwd", "/files/seed/../../x", "/files/%2e%2e/x",
                "/files/seed/%2E%2E/%2e%2e/x", "/files/seed%2f..%2f..%2fx", "/files/seed/./kept.txt",
                "/files//etc/passwd", "/files/seed//kept.txt", "/files/C:/Windows/x", "/files/c:%5Cwindows",
                "/files/seed%5C..%5Cx", "/files/..%5Cx", "/files/%00x", "/files/%C0%AE%C0%AE/x");
        List<String> answers = new ArrayList<>();
        for (String target : refused) {
            RawResponse directory = admin.raw("PUT", target + "/", Map.of("Content-Length", "0"), new byte[0]);
            assertThat(directory.status()).as("PUT %s/: %s", target, directory.body()).isEqualTo(400);
            answers.add(directory.error());
        }
        for (String method : List.of("PUT", "GET", "DELETE")) {
            for (String target : refused) {
                RawResponse response = rawWithBody(method, target);
                assertThat(response.status()).as("%s %s: %s", method, target, response.body()).isEqualTo(400);
                answers.add(response.error());
            }
            // malformed percent-encoding: the JDK's HTTP server refuses the request line itself (its own 400 page)
            // and closes without reading a body; a socket closed with unread bytes is reset, and the reset may
            // discard the 400 before this client reads it, so these requests carry none
            for (String target : List.of("/files/seed/%zz", "/files/seed/%")) {
                RawResponse refusedLine = admin.raw(method, target, Map.of("Content-Length", "0"), new byte[0]);
                assertThat(refusedLine.status()).as("%s %s", method, target).isEqualTo(400);
            }
        }
        assertThat(answers).allSatisfy(error -> assertThat(error).startsWith("path \"/files/").contains(" refused: "));
        assertThat(admin.get("files/?list").json().path("entries")).singleElement()
                .satisfies(e -> assertThat(e.path("name").asText()).isEqualTo("seed"));
        assertThat(admin.get("files/seed?list").json().path("entries")).hasSize(1);
        assertThat(admin.get("files/seed/kept.txt").text()).isEqualTo("kept");
        assertThat(admin.raw("GET", "/files/../etc/passwd", Map.of(), new byte[0]).error())
                .isEqualTo("path \"/files/../etc/passwd\" refused: \"..\" segments are not accepted: write the path "
                        + "from the root without them, e.g. /files/in/a.csv");
    }

    @Test
    void refusesBodiesOverTheLimitBeforeChangingAnything() {
        Response json = admin.post("faults", "{\"rule\": \"" + "x".repeat(70_000) + "\"}");
        assertThat(json.status()).isEqualTo(413);
        assertThat(json.error()).startsWith("a fault rule body may have at most 65536 bytes, this one has 70012");

        byte[] overLimit = new byte[64 * 1024 * 1024 + 1];
        RawResponse declared = admin.raw("PUT", "/files/big.bin", Map.of("Content-Length",
                String.valueOf(overLimit.length)), overLimit);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.error()).isEqualTo("a file written through the admin API may have at most 67108864 "
                + "bytes, this one has 67108865 bytes: upload larger ones over SFTP, or serve a directory with --root");

        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i <= 64; i++) {
            chunked.writeBytes(("100000\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.writeBytes(chunk);
            chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        RawResponse streamed = admin.raw("PUT", "/files/new/big.bin", Map.of("Transfer-Encoding", "chunked"),
                chunked.toByteArray());
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.error()).contains("this one has more");

        assertThat(admin.get("files/?list").json().path("entries")).as("no file and no directory was created")
                .singleElement().satisfies(e -> assertThat(e.path("name").asText()).isEqualTo("seed"));
        assertThat(admin.put("files/exactly-the-limit.bin", new byte[64 * 1024 * 1024]).status()).isEqualTo(201);
        admin.delete("files/exactly-the-limit.bin");
    }

    @Test
    void answersUnknownRoutesWith404ListingTheRoutesAndOtherMethodsWith405() {
        Response unknown = admin.get("fault");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).startsWith("no route GET /fault: the routes are GET /, GET /openapi.json, "
                + "POST /reset, POST /faults,");
        List<String> routes = new ArrayList<>();
        unknown.json().path("routes").forEach(route -> routes.add(route.asText()));
        assertThat(routes).contains("POST /recording/await", "DELETE /connections/{id}", "PUT /files/{path...}",
                "PUT /files/{path...}/", "POST /faults/{id}/await", "POST /faults/{id}/release");

        Response wrongMethod = admin.send(admin.request("reset").GET());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
        assertThat(wrongMethod.error()).isEqualTo("GET is not allowed on /reset: use POST");
        Response put = admin.send(admin.request("faults/1").PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(put.header("Allow")).isEqualTo("GET, DELETE");
    }

    @Test
    void refusesUnknownQueryParametersAndBadValues() {
        assertThat(admin.get("recording?opertion=OPEN").error()).isEqualTo("unknown query parameter \"opertion\" "
                + "for GET /recording: use connection, connectionEvents, format, last, operation, path, since, status, "
                + "user");
        assertThat(admin.get("recording?operation=OPEN&operation=WRITE").error())
                .startsWith("query parameter \"operation\" given twice");
        assertThat(admin.get("recording?since=-1").error()).isEqualTo("since must be a whole number from 0 up, was "
                + "\"-1\"");
        assertThat(admin.get("recording?status=GONE").error()).startsWith("unknown status \"GONE\": use one of OK,");
        assertThat(admin.get("recording?format=xml").error()).startsWith("format must be json");
        assertThat(admin.get("recording?connectionEvents=no").error())
                .isEqualTo("connectionEvents must be true or false, was \"no\"");
        assertThat(admin.get("recording?path=/in/%5Ba").error()).startsWith("path \"/in/[a\" is no glob: ");
        assertThat(admin.get("faults?all").error()).endsWith(": it takes none");
        assertThat(admin.get("faults/first").error()).startsWith("fault rule id \"first\" is not a number from 1 up");
        assertThat(admin.delete("connections/-2").error()).startsWith("connection id \"-2\" is not a number");
        assertThat(admin.get("files/seed/kept.txt?list").error())
                .isEqualTo("/seed/kept.txt is not a directory: GET /files/seed/kept.txt without ?list reads it");
        assertThat(admin.get("files/nowhere?list").status()).isEqualTo(404);
    }

    @Test
    void listensOnLoopbackUnlessAdminHostSaysOtherwise() {
        assertThat(admin.base.getHost()).isEqualTo("127.0.0.1");
        assertThat(AdminServer.warnings(InetAddress.getLoopbackAddress(), 0)).isEmpty();
    }

    @Test
    void warnsBeforeListeningBeyondLoopbackAndFailsCleanlyWhenTheAddressIsNotLocal() throws Exception {
        // checked on the address: binding 0.0.0.0 in a test would expose the port
        assertThat(AdminServer.warnings(InetAddress.getByName("0.0.0.0"), 8080)).singleElement().asString()
                .startsWith("the admin API listens on 0.0.0.0:8080 (--admin-host), which other machines can reach");
        // 192.0.2.1 is TEST-NET-1, never local: the runner warns, then cannot bind, and stops with exit code 1
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        Runner beyond;
        int code;
        try {
            beyond = new Runner("--port", "0", "--admin-port", "0", "--admin-host", "192.0.2.1");
            code = beyond.exitCode();
        } finally {
            System.setErr(original);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN")
                .contains("the admin API listens on 192.0.2.1:0 (--admin-host), which other machines can reach");
        assertThat(code).isEqualTo(1);
        assertThat(beyond.err()).startsWith("sftp-test-server: --admin-port 0: cannot listen on 192.0.2.1:0: ");
    }

    @Test
    void refusesAdminOptionsThatCannotWork() {
        assertOptionError(List.of("--admin-token", "0123456789abcdef"), "--admin-token needs --admin-port: add e.g. "
                + "--admin-port 0");
        assertOptionError(List.of("--admin-host", "127.0.0.1"), "--admin-host needs --admin-port");
        assertOptionError(List.of("--admin-port", "70000"), "--admin-port 70000 is no port: use 1 to 65535, or 0 for "
                + "a free one");
        assertOptionError(List.of("--admin-port", "0", "--admin-token", "short-secret"), "--admin-token: the token "
                + "has 12 characters, at least 16 are needed");
        assertOptionError(List.of("--admin-port", "0", "--admin-token", "with blanks in the token"),
                "--admin-token: the token has a blank or a non-ASCII character at 5");
        assertOptionError(List.of("--admin-port", "0", "--admin-host", "no-such-host.invalid"),
                "--admin-host: unknown host \"no-such-host.invalid\"");
    }

    @Test
    void usesTheTokenGivenWithAdminToken() throws Exception {
        String token = "given-token-0123456789";
        try (Runner given = new Runner("--port", "0", "--admin-port", "0", "--quiet", "--admin-token", token)) {
            given.out.next();
            AdminClient client = AdminClient.fromLine(given.out.next());
            assertThat(client.token).isEqualTo(token);
            JsonNode info = client.get("").json();
            assertThat(info.path("users").toString()).isEqualTo("[\"user\"]");
            given.stopCleanly();
        }
    }

    private RawResponse rawWithBody(String method, String target) {
        byte[] body = method.equals("PUT") ? "evil".getBytes(StandardCharsets.UTF_8) : new byte[0];
        return admin.raw(method, target, Map.of("Content-Length", String.valueOf(body.length)), body);
    }

    private static void assertOptionError(List<String> options, String message) {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(options);
        StringWriter err = new StringWriter();
        int code = SftpServerCli.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(code).as("exit code for %s", options).isEqualTo(2);
        assertThat(err.toString()).as("message for %s", options).startsWith("sftp-test-server: " + message);
        int token = options.indexOf("--admin-token");
        if (token >= 0) {
            assertThat(err.toString()).as("the token is not repeated").doesNotContain(options.get(token + 1));
        }
    }
}
