package io.sftptest.server.cli;

import static io.sftptest.server.cli.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SftpException;

import io.sftptest.server.Await;
import io.sftptest.server.TestClients;
import io.sftptest.server.cli.AdminClient.Response;

/**
 * Every endpoint of the runner's admin API, called with {@code java.net.http.HttpClient} while JSch talks SFTP to the
 * same runner: what each endpoint does to the server, and what an SFTP client then sees.
 */
class AdminApiTest {
    private static final String START_RULE = "STAT /start/* status=PERMISSION_DENIED";

    @TempDir
    static Path temp;

    @RegisterExtension
    static final AdminRunnerExtension RUNNER = new AdminRunnerExtension(() -> List.of("--record-json",
            temp.resolve("requests.jsonl").toString(), "--fault", START_RULE));

    private final AdminClient admin = RUNNER.admin();
    private final int sftpPort = RUNNER.sftpPort();

    @Test
    void printsTheAdminLineAfterTheListeningLineAndThenTheStartupLines() throws Exception {
        assertThat(admin.base.toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        assertThat(admin.token).as("a generated token").matches("[A-Za-z0-9_-]{43}");
        assertThat(RUNNER.out().next()).isEqualTo("User alice, password secret");
        assertThat(RUNNER.out().next()).isEqualTo("Fault on(STAT).path(\"/start/*\") -> status(PERMISSION_DENIED)");
        assertThat(RUNNER.out().next()).startsWith("Host key ");
    }

    @Test
    void describesTheServerItControls() {
        JsonNode info = admin.get("").json();
        assertThat(info.path("sftp").asText()).isEqualTo("sftp://127.0.0.1:" + sftpPort + "/");
        assertThat(info.path("port").asInt()).isEqualTo(sftpPort);
        assertThat(info.path("users").toString()).isEqualTo("[\"alice\"]");
        assertThat(info.path("hostKey").path("fingerprint").asText()).startsWith("SHA256:");
        assertThat(info.path("hostKey").path("knownHostsLine").asText()).startsWith("[127.0.0.1]:" + sftpPort + " ");
        assertThat(info.path("admin").asText()).isEqualTo(admin.base.toString());
    }

    @Test
    void addsARuleInTheFaultGrammarThatFailsTheNextMatchingRequestAndCountsIt() throws Exception {
        admin.put("files/in/a.csv", "x,y\n".getBytes(StandardCharsets.UTF_8));
        Response added = admin.post("faults", json("rule", "OPEN /in/*.csv status=FAILURE message=\"quota\" once"));
        assertThat(added.status()).isEqualTo(201);
        long id = added.json().path("id").asLong();
        assertThat(added.header("Location")).isEqualTo("/faults/" + id);
        assertThat(added.json().path("code").asText())
                .isEqualTo("on(OPEN).path(\"/in/*.csv\").times(1) -> status(FAILURE, \"quota\")");
        assertThat(added.json().path("origin").asText()).isEqualTo("api");
        assertThat(added.json().path("unused").asBoolean()).isTrue();

        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            SftpException failed = catchThrowableOfType(() -> sftp.download("/in/a.csv"), SftpException.class);
            assertThat(failed).as("the first download fails").isNotNull();
            assertThat(failed.id).isEqualTo(4);
            assertThat(failed.getMessage()).contains("quota");
            assertThat(sftp.download("/in/a.csv")).as("once: the second succeeds").asString().isEqualTo("x,y\n");
        }

        JsonNode rule = admin.get("faults/" + id).json();
        assertThat(rule.path("fired").asLong()).isEqualTo(1);
        assertThat(rule.path("unused").asBoolean()).isFalse();
        assertThat(rule.path("rule").asText()).isEqualTo("OPEN /in/*.csv status=FAILURE message=\"quota\" once");
    }

    @Test
    void listsTheAddedRulesBeforeThoseGivenAtStartInTheOrderTheServerConsultsThem() {
        long first = admin.addFault("STAT /start/a status=NO_SUCH_FILE");
        long second = admin.addFault("CONNECT refuse once");
        JsonNode faults = admin.get("faults").json().path("faults");
        assertThat(faults).hasSize(3);
        assertThat(faults.get(0).path("id").asLong()).isEqualTo(first);
        assertThat(faults.get(1).path("id").asLong()).isEqualTo(second);
        assertThat(faults.get(1).path("code").asText()).isEqualTo("onConnection().times(1) -> refuse()");
        assertThat(faults.get(2).path("rule").asText()).isEqualTo(START_RULE);
        assertThat(faults.get(2).path("origin").asText()).isEqualTo("start");
    }

    @Test
    void triesTheAddedRuleBeforeTheRuleGivenAtStart() throws Exception {
        admin.addFault("STAT /start/* status=NO_SUCH_FILE once");
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(catchThrowableOfType(() -> sftp.sftp().stat("/start/x"), SftpException.class).id)
                    .as("the added rule").isEqualTo(2);
            assertThat(catchThrowableOfType(() -> sftp.sftp().stat("/start/x"), SftpException.class).id)
                    .as("then the start rule").isEqualTo(3);
        }
    }

    @Test
    void removesOneRuleAndAgainWithoutAnErrorButRefusesAnIdNeverGiven() throws Exception {
        long id = admin.addFault("OPEN status=FAILURE");
        Response removed = admin.delete("faults/" + id);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("removed").asBoolean()).isTrue();
        assertThat(removed.json().path("fired").asLong()).isZero();

        Response again = admin.delete("faults/" + id);
        assertThat(again.status()).as("DELETE is idempotent").isEqualTo(200);
        assertThat(again.json().path("removed").asBoolean()).isFalse();
        assertThat(admin.get("faults/" + id).error()).isEqualTo("fault rule " + id
                + " is gone: it was removed by DELETE /faults or POST /reset");

        Response never = admin.delete("faults/" + (id + 1000));
        assertThat(never.status()).isEqualTo(404);
        assertThat(never.error()).isEqualTo("no fault rule " + (id + 1000) + ": GET /faults lists the rules");

        admin.put("files/a.txt", new byte[] {1});
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(sftp.download("/a.txt")).as("the removed rule no longer fires").containsExactly(1);
        }
    }

    @Test
    void holdsAnUploadInAHangRuleUntilTheTestHasAwaitedItAndReleasesIt() throws Exception {
        long id = admin.addFault("WRITE /out/* hang once");
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.sftp().mkdir("/out");
            CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(sftp, "/out/held.csv", "1,2\n"));

            Response fired = admin.post("faults/" + id + "/await", json("fired", 1, "timeoutMs", 30_000));
            assertThat(fired.status()).as(fired.text()).isEqualTo(200);
            assertThat(fired.json().path("id").asLong()).isEqualTo(id);
            assertThat(fired.json().path("fired").asLong()).isEqualTo(1);
            assertThat(upload).as("the upload is held").isNotDone();
            assertThat(admin.get("files/out/held.csv").body()).as("opened, nothing written yet").isEmpty();
            assertThat(admin.post("recording/await", json("file", "/out/held.csv", "timeoutMs", 1)).status())
                    .as("no completed upload").isEqualTo(408);

            Response released = admin.post("faults/" + id + "/release", "");
            assertThat(released.status()).as(released.text()).isEqualTo(200);
            assertThat(released.json().path("released").asBoolean()).isTrue();
            upload.get(30, TimeUnit.SECONDS);
            assertThat(admin.get("files/out/held.csv").text()).isEqualTo("1,2\n");
            assertThat(admin.post("recording/await", json("file", "/out/held.csv", "timeoutMs", 30_000)).json()
                    .path("file").path("closeStatus").asText()).isEqualTo("OK");
        }
    }

    @Test
    void holdsAConnectionInItsKeyExchangeUntilReleased() throws Exception {
        long id = admin.addFault("CONNECT stallKeyExchange once");
        CompletableFuture<TestClients.Jsch> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return RUNNER.sftp();
            } catch (JSchException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(admin.post("faults/" + id + "/await", "").json().path("fired").asLong())
                .as("no body: once, within the default timeout").isEqualTo(1);
        assertThat(connecting).isNotDone();
        admin.post("faults/" + id + "/release", "");
        try (TestClients.Jsch sftp = connecting.get(30, TimeUnit.SECONDS)) {
            assertThat(sftp.session().isConnected()).isTrue();
        }
    }

    @Test
    void answersAFaultAwaitAtOnceWhenTheRuleFiredOftenEnoughAnd408WithTheCountReachedWhenNot() throws Exception {
        long id = admin.addFault("STAT /probe status=FAILURE");
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            catchThrowableOfType(() -> sftp.sftp().stat("/probe"), SftpException.class);
        }
        Response already = admin.post("faults/" + id + "/await", json("fired", 1, "timeoutMs", 1));
        assertThat(already.status()).as(already.text()).isEqualTo(200);

        Response notYet = admin.post("faults/" + id + "/await", json("fired", 2, "timeoutMs", 50));
        assertThat(notYet.status()).isEqualTo(408);
        assertThat(notYet.json().path("fired").asLong()).isEqualTo(1);
        assertThat(notYet.error()).startsWith("fault rule " + id + " fired once, not 2 times, within 50 ms; the "
                + "server received ");
        List<String> received = new ArrayList<>();
        notYet.json().path("received").forEach(line -> received.add(line.asText()));
        assertThat(received).anySatisfy(line -> assertThat(line).contains("STAT /probe : FAILURE"));
        assertThat(admin.get("faults/" + id).json().path("fired").asLong()).as("nothing changed").isEqualTo(1);
    }

    @Test
    void endsAFaultAwaitWith404WhenItsRuleIsRemovedWhileItWaits() throws Exception {
        long id = 0;
        Response removed = null;
        // nothing shows that the await has reached the server: when the removal overtook it, it found the rule gone
        // (404 "is gone"), and the test tries again with a new rule
        for (int attempt = 0; attempt < 20 && (removed == null || removed.error().endsWith(" is gone: it was "
                + "removed by DELETE /faults or POST /reset")); attempt++) {
            id = admin.addFault("OPEN /never/* status=FAILURE");
            CompletableFuture<Response> waiting = admin.sendAsync(admin.request("faults/" + id + "/await")
                    .POST(HttpRequest.BodyPublishers.ofString(json("fired", 1, "timeoutMs", 60_000))));
            for (int i = 0; i < 5; i++) {
                assertThat(admin.get("faults/" + id).status()).isEqualTo(200);
            }
            assertThat(waiting).isNotDone();
            admin.delete("faults/" + id);
            removed = waiting.get(120, TimeUnit.SECONDS);
        }
        assertThat(removed.status()).as(removed.text()).isEqualTo(404);
        assertThat(removed.error()).isEqualTo("fault rule " + id + " was removed (by DELETE /faults or POST /reset) "
                + "after it fired 0 times, before it fired once");
        assertThat(removed.json().path("fired").asLong()).isZero();
        assertThat(admin.post("faults/" + id + "/await", "").error()).isEqualTo("fault rule " + id + " is gone: it "
                + "was removed by DELETE /faults or POST /reset");
        assertThat(admin.post("faults/" + id + "/release", "").status()).isEqualTo(404);
    }

    @Test
    void removesEveryRuleIncludingThoseGivenAtStartUntilTheNextReset() throws Exception {
        admin.addFault("OPEN status=FAILURE");
        Response removed = admin.delete("faults");
        assertThat(removed.json().path("removed").asInt()).isEqualTo(2);
        assertThat(admin.get("faults").json().path("faults")).isEmpty();
        assertThat(admin.delete("faults").json().path("removed").asInt()).as("idempotent").isZero();
        admin.put("files/start/x", new byte[] {7});
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(sftp.sftp().stat("/start/x").getSize()).isEqualTo(1);
        }

        admin.reset();
        JsonNode faults = admin.get("faults").json().path("faults");
        assertThat(faults).singleElement().satisfies(rule -> {
            assertThat(rule.path("rule").asText()).isEqualTo(START_RULE);
            assertThat(rule.path("fired").asLong()).isZero();
        });
    }

    @Test
    void resetDropsConnectionsDeletesFilesClearsTheRecordingAndAddedRulesAndRecreatesTheStartRules()
            throws Exception {
        admin.addFault("MKDIR status=FAILURE");
        TestClients.Jsch sftp = RUNNER.sftp();
        try {
            sftp.upload("/a.txt", new byte[] {1, 2});
            catchThrowableOfType(() -> sftp.sftp().stat("/start/y"), SftpException.class);
            long startRule = admin.get("faults").json().path("faults").get(1).path("id").asLong();
            assertThat(admin.get("faults/" + startRule).json().path("fired").asLong()).isEqualTo(1);

            assertThat(admin.post("reset", "").json().path("reset").asBoolean()).isTrue();

            Await.await("the connection dropped", () -> !sftp.session().isConnected(), Duration.ofSeconds(10));
            assertThat(admin.get("files/?list").json().path("entries")).isEmpty();
            assertThat(admin.get("recording").text()).isEmpty();
            JsonNode faults = admin.get("faults").json().path("faults");
            assertThat(faults).singleElement().satisfies(rule -> {
                assertThat(rule.path("origin").asText()).isEqualTo("start");
                assertThat(rule.path("fired").asLong()).as("fresh count").isZero();
                assertThat(rule.path("id").asLong()).as("a new id for the new rule").isGreaterThan(startRule);
            });
            assertThat(admin.get("faults/" + startRule).status()).isEqualTo(404);
        } finally {
            sftp.close();
        }
    }

    @Test
    void writesReadsListsAndDeletesFilesThatSftpClientsSee() throws Exception {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Response created = admin.put("files/in/deep/all-bytes.bin", binary);
        assertThat(created.status()).as("created, with its directories").isEqualTo(201);
        assertThat(created.json().path("size").asInt()).isEqualTo(256);
        assertThat(admin.put("files/in/deep/all-bytes.bin", binary).status()).as("replaced").isEqualTo(200);
        assertThat(admin.put("files/in/name%20with%20blanks+plus.txt", new byte[0]).status()).isEqualTo(201);

        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(sftp.download("/in/deep/all-bytes.bin")).isEqualTo(binary);
            assertThat(sftp.sftp().stat("/in/name with blanks+plus.txt").getSize()).isZero();
            sftp.upload("/in/uploaded.csv", "1,2\n".getBytes(StandardCharsets.UTF_8));
        }

        Response read = admin.get("files/in/uploaded.csv");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(read.text()).isEqualTo("1,2\n");
        assertThat(admin.get("files/in/deep/all-bytes.bin").body()).isEqualTo(binary);

        JsonNode listing = admin.get("files/in?list").json();
        assertThat(listing.path("path").asText()).isEqualTo("/in");
        List<String> entries = new ArrayList<>();
        listing.path("entries").forEach(e -> entries.add(e.path("name").asText() + ":" + e.path("type").asText()
                + (e.has("size") ? ":" + e.path("size").asInt() : "")));
        assertThat(entries).containsExactly("deep:directory", "name with blanks+plus.txt:file:0",
                "uploaded.csv:file:4");

        Response missing = admin.get("files/in/uploaded.cvs");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).isEqualTo("no file /in/uploaded.cvs on the server; /in has deep, "
                + "name with blanks+plus.txt, uploaded.csv");
        assertThat(admin.get("files/in").error()).isEqualTo("/in is a directory: GET /files/in?list lists it");

        Response deleted = admin.delete("files/in/uploaded.csv");
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
        assertThat(admin.delete("files/in/uploaded.csv").json().path("deleted").asBoolean()).as("idempotent")
                .isFalse();
        assertThat(admin.delete("files/in").json().path("deleted").asBoolean()).as("a directory tree").isTrue();
        assertThat(admin.get("files/?list").json().path("entries")).isEmpty();
    }

    @Test
    void createsAnEmptyDirectoryWithItsParentsThatSftpClientsSeeAndAgainWithoutAnError() throws Exception {
        Response created = admin.put("files/out/new%20dir/", new byte[0]);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.json().path("path").asText()).isEqualTo("/out/new dir");
        assertThat(created.json().path("created").asBoolean()).isTrue();
        Response again = admin.send(admin.request("files/out/new%20dir/").PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(again.status()).as("idempotent").isEqualTo(200);
        assertThat(again.json().path("created").asBoolean()).isFalse();
        assertThat(admin.put("files/out/", new byte[0]).json().path("created").asBoolean()).as("a parent")
                .isFalse();
        assertThat(admin.put("files/", new byte[0]).status()).as("the root").isEqualTo(200);

        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(sftp.sftp().stat("/out/new dir").isDir()).isTrue();
            List<String> names = new ArrayList<>();
            sftp.sftp().ls("/out/new dir").forEach(entry -> names.add(entry.getFilename()));
            assertThat(names).containsOnly(".", "..");
            sftp.upload("/out/new dir/a.csv", new byte[] {1});
        }
        assertThat(admin.get("files/out?list").json().path("entries")).singleElement().satisfies(entry -> {
            assertThat(entry.path("name").asText()).isEqualTo("new dir");
            assertThat(entry.path("type").asText()).isEqualTo("directory");
        });
        assertThat(admin.put("files/out/new%20dir/", new byte[0]).status()).as("a directory with a file in it")
                .isEqualTo(200);
        assertThat(admin.get("files/out/new%20dir/a.csv").body()).as("kept").containsExactly(1);
    }

    @Test
    void refusesToCreateADirectoryWhereAFileIsOrBelowAFileOrWithABody() {
        admin.put("files/in/a.csv", new byte[] {1});
        Response file = admin.put("files/in/a.csv/", new byte[0]);
        assertThat(file.status()).isEqualTo(409);
        assertThat(file.error()).isEqualTo("cannot create directory /in/a.csv: it is a file; DELETE /files/in/a.csv "
                + "first");
        Response below = admin.put("files/in/a.csv/deeper/", new byte[0]);
        assertThat(below.status()).isEqualTo(409);
        assertThat(below.error()).isEqualTo("cannot create directory /in/a.csv/deeper: /in/a.csv is a file, not a "
                + "directory");
        Response body = admin.put("files/in/new/", new byte[] {2});
        assertThat(body.status()).isEqualTo(400);
        assertThat(body.error()).isEqualTo("PUT /files/in/new/ creates a directory and takes no body: to write a "
                + "file, leave the trailing slash off (PUT /files/in/new)");
        assertThat(admin.put("files/", new byte[] {2}).error()).startsWith("PUT needs a file path after /files/");
        assertThat(admin.get("files/in?list").json().path("entries")).singleElement()
                .satisfies(entry -> assertThat(entry.path("name").asText()).isEqualTo("a.csv"));
        assertThat(admin.get("files/in/a.csv").body()).containsExactly(1);
    }

    @Test
    void refusesToWriteOverADirectoryOrBelowAFileAndChangesNothing() {
        admin.put("files/in/a.csv", new byte[] {1});
        Response overDirectory = admin.put("files/in", new byte[] {2});
        assertThat(overDirectory.status()).isEqualTo(409);
        assertThat(overDirectory.error()).startsWith("/in is a directory: PUT a file below it");
        Response belowFile = admin.put("files/in/a.csv/deeper/b.csv", new byte[] {3});
        assertThat(belowFile.status()).isEqualTo(409);
        assertThat(belowFile.error()).isEqualTo("cannot write /in/a.csv/deeper/b.csv: /in/a.csv is a file, not a "
                + "directory");
        assertThat(admin.get("files/in/a.csv").body()).containsExactly(1);
        assertThat(admin.delete("files/").status()).isEqualTo(400);
    }

    @Test
    void servesTheRecordingAsTheSameJsonObjectsAsRecordJson() throws Exception {
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.upload("/out.csv", "a\n".getBytes(StandardCharsets.UTF_8));
            sftp.sftp().mkdir("/dir");
        }
        Response recording = admin.get("recording");
        assertThat(recording.header("Content-Type")).isEqualTo("application/x-ndjson");
        List<String> lines = recording.lines();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"op\":\"CONNECT\""))
                .anySatisfy(line -> assertThat(line).contains("\"op\":\"MKDIR\"", "\"path\":\"/dir\""));
        Await.await("the JSON log has the connection's records", () -> readLines(temp.resolve("requests.jsonl")).containsAll(lines),
                Duration.ofSeconds(10));
    }

    @Test
    void filtersTheRecordingByOperationPathUserConnectionStatusAndSequence() throws Exception {
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.upload("/a.csv", new byte[] {1});
            sftp.sftp().mkdir("/out");
            sftp.upload("/out/b.csv", new byte[] {2});
            catchThrowableOfType(() -> sftp.sftp().stat("/out/none.csv"), SftpException.class);
        }
        Response opens = admin.get("recording?operation=open,WRITE&path=/out/*.csv&format=summary");
        assertThat(opens.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(opens.lines()).hasSize(2).allSatisfy(line -> assertThat(line).matches("#\\d+\\.\\d+ alice "
                + "(OPEN /out/b\\.csv \\(write,create,truncate\\)|WRITE /out/b\\.csv @0 1 bytes) : OK"));
        assertThat(opens.header("Sftp-Recording-Matched")).isEqualTo("2");

        long connection = admin.get("recording?operation=STAT").records().get(0).path("connection").asLong();
        List<String> failed = admin.get("recording?status=NO_SUCH_FILE&user=alice&connection=" + connection
                + "&format=summary").lines();
        assertThat(admin.get("recording?connection=" + (connection + 1)).text()).isEmpty();
        assertThat(failed).singleElement().asString().contains("STAT /out/none.csv : NO_SUCH_FILE");

        List<JsonNode> all = admin.get("recording").records();
        long middle = all.get(all.size() / 2).path("seq").asLong();
        List<JsonNode> after = admin.get("recording?since=" + middle).records();
        assertThat(after).isNotEmpty().allSatisfy(r -> assertThat(r.path("seq").asLong()).isGreaterThan(middle));
        assertThat(after.size()).isEqualTo(all.size() - all.size() / 2 - 1);

        Response last = admin.get("recording?connectionEvents=false&last=1&format=summary");
        assertThat(last.lines()).singleElement().asString().contains("STAT /out/none.csv");
        assertThat(admin.get("recording?connectionEvents=false").lines())
                .noneSatisfy(line -> assertThat(line).containsAnyOf("\"op\":\"CONNECT\"", "\"op\":\"AUTH\"",
                        "\"op\":\"DISCONNECT\""));
    }

    @Test
    void answersAnAwaitForAnUploadOnceItCompleted() throws Exception {
        CompletableFuture<Response> waiting = admin.sendAsync(admin.request("recording/await")
                .POST(HttpRequest.BodyPublishers.ofString(json("file", "/out/*.csv",
                        "timeoutMs", 30_000))));
        assertThat(waiting).as("nothing was uploaded yet").isNotDone();
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.sftp().mkdir("/out");
            sftp.upload("/out/report.csv", "total\n42\n".getBytes(StandardCharsets.UTF_8));
        }
        Response done = waiting.get(30, TimeUnit.SECONDS);
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        JsonNode file = done.json().path("file");
        assertThat(file.path("path").asText()).isEqualTo("/out/report.csv");
        assertThat(file.path("user").asText()).isEqualTo("alice");
        assertThat(file.path("bytesWritten").asLong()).isEqualTo(9);
        assertThat(file.path("closeStatus").asText()).isEqualTo("OK");

        Response already = admin.post("recording/await", json("file", "/out/report.csv", "timeoutMs", 1));
        assertThat(already.status()).as("an upload that already happened answers at once").isEqualTo(200);
    }

    @Test
    void answersAnAwaitForRequestsMatchingAFilterCountingOnlyThoseAfterSince() throws Exception {
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.sftp().mkdir("/one");
            long since = admin.get("recording?operation=MKDIR").records().stream()
                    .mapToLong(r -> r.path("seq").asLong()).max().orElseThrow();
            CompletableFuture<Response> waiting = admin.sendAsync(admin.request("recording/await")
                    .POST(HttpRequest.BodyPublishers.ofString(json("operation", "MKDIR", "since", since,
                            "count", 2, "timeoutMs", 30_000))));
            sftp.sftp().mkdir("/two");
            assertThat(waiting).as("one of two").isNotDone();
            sftp.sftp().mkdir("/three");
            Response done = waiting.get(30, TimeUnit.SECONDS);
            assertThat(done.status()).as(done.text()).isEqualTo(200);
            List<String> paths = new ArrayList<>();
            done.json().path("requests").forEach(r -> paths.add(r.path("path").asText()));
            assertThat(paths).containsExactly("/two", "/three");
        }
    }

    @Test
    void answers408WhenAnAwaitTimesOutListingWhatArrived() throws Exception {
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.sftp().mkdir("/in");
        }
        Response file = admin.post("recording/await", json("file", "/out/a.csv", "timeoutMs", 50));
        assertThat(file.status()).isEqualTo(408);
        assertThat(file.error()).startsWith("no completed upload of /out/a.csv within 50 ms; the server received ");
        List<String> received = new ArrayList<>();
        file.json().path("received").forEach(line -> received.add(line.asText()));
        assertThat(received).anySatisfy(line -> assertThat(line).matches("#\\d+\\.\\d+ alice MKDIR /in : OK"));

        Response filter = admin.post("recording/await", json("operation", "RENAME", "path", "/in/*", "timeoutMs",
                50));
        assertThat(filter.status()).isEqualTo(408);
        assertThat(filter.error()).startsWith("no request matching RENAME /in/* within 50 ms");
    }

    @Test
    void listsConnectionsAndDropsOneOrAll() throws Exception {
        try (TestClients.Jsch first = RUNNER.sftp(); TestClients.Jsch second = RUNNER.sftp()) {
            JsonNode connections = admin.get("connections").json().path("connections");
            assertThat(connections).hasSize(2).allSatisfy(c -> {
                assertThat(c.path("user").asText()).isEqualTo("alice");
                assertThat(c.path("authenticated").asBoolean()).isTrue();
                assertThat(c.path("remoteAddress").asText()).startsWith("127.0.0.1:");
            });
            long firstId = connections.get(0).path("id").asLong();
            Response dropped = admin.delete("connections/" + firstId);
            assertThat(dropped.json().path("disconnected").asBoolean()).isTrue();
            Await.await("the first client sees its connection closed", () -> !first.session().isConnected(),
                    Duration.ofSeconds(10));
            assertThat(second.session().isConnected()).isTrue();
            assertThat(admin.delete("connections/" + firstId).json().path("disconnected").asBoolean())
                    .as("idempotent").isFalse();

            assertThat(admin.delete("connections").json().path("disconnected").asInt()).isEqualTo(1);
            Await.await("the second client sees its connection closed", () -> !second.session().isConnected(),
                    Duration.ofSeconds(10));
            assertThat(admin.get("connections").json().path("connections")).isEmpty();
        }
    }

    private static void upload(TestClients.Jsch sftp, String path, String content) {
        try {
            sftp.upload(path, content.getBytes(StandardCharsets.UTF_8));
        } catch (SftpException e) {
            throw new IllegalStateException("upload of " + path + " failed: " + e, e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
