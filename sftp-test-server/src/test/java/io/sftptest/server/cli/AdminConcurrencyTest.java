package io.sftptest.server.cli;

import static io.sftptest.server.cli.AdminClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.sftptest.server.TestClients;
import io.sftptest.server.cli.AdminClient.Response;

/**
 * Several test workers calling the admin API at once (as pytest-xdist workers sharing one runner would): no write is
 * lost or mixed, every rule keeps its own id, and a waiting await holds up nobody.
 */
class AdminConcurrencyTest {
    private static final int WORKERS = 8;

    @RegisterExtension
    static final AdminRunnerExtension RUNNER = new AdminRunnerExtension();

    private final AdminClient admin = RUNNER.admin();
    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(WORKERS);
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void keepsEveryFileOfConcurrentWritersWholeAndUnmixed() throws Exception {
        int filesEach = 25;
        List<Callable<Void>> writers = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            writers.add(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < filesEach; i++) {
                    assertThat(admin.put("files/shared/dir" + (i % 3) + "/w" + worker + "-" + i + ".txt",
                            content(worker, i)).status()).isIn(200, 201);
                    assertThat(admin.put("files/shared/contended.txt", content(worker, i)).status()).isIn(200, 201);
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(writers, 60, TimeUnit.SECONDS)) {
            done.get();
        }
        for (int worker = 0; worker < WORKERS; worker++) {
            for (int i = 0; i < filesEach; i++) {
                assertThat(admin.get("files/shared/dir" + (i % 3) + "/w" + worker + "-" + i + ".txt").body())
                        .isEqualTo(content(worker, i));
            }
        }
        String contended = admin.get("files/shared/contended.txt").text();
        assertThat(contended).as("one writer's content, whole").matches("(worker \\d+ file \\d+\\n){200}");
        assertThat(contended.lines().distinct()).hasSize(1);
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(sftp.sftp().ls("/shared/dir0")).hasSize(2 + WORKERS * 9);
        }
    }

    @Test
    void createsADirectoryThatSeveralWorkersAskForOnceAndTellsOneOfThemItCreatedIt() throws Exception {
        for (int round = 0; round < 10; round++) {
            String directory = "files/round" + round + "/a/b/";
            CyclicBarrier start = new CyclicBarrier(WORKERS);
            List<Callable<Integer>> makers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                makers.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return admin.put(directory, new byte[0]).status();
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> done : pool.invokeAll(makers, 60, TimeUnit.SECONDS)) {
                statuses.add(done.get());
            }
            assertThat(statuses).as("round %s", round).containsOnlyOnce(201).containsOnly(201, 200);
        }
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            assertThat(sftp.sftp().stat("/round9/a/b").isDir()).isTrue();
        }
    }

    @Test
    void givesEachConcurrentlyAddedRuleItsOwnIdAndRemovesThemAllConcurrently() throws Exception {
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        Map<Long, String> rules = new ConcurrentHashMap<>();
        List<Callable<Void>> adders = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            adders.add(() -> {
                for (int i = 0; i < 20; i++) {
                    String rule = "STAT /w" + worker + "/" + i + " status=FAILURE";
                    long id = admin.addFault(rule);
                    assertThat(ids.add(id)).as("id %s given twice", id).isTrue();
                    rules.put(id, rule);
                    assertThat(admin.get("faults").status()).isEqualTo(200);
                }
                return null;
            });
        }
        for (Future<Void> done : pool.invokeAll(adders, 60, TimeUnit.SECONDS)) {
            done.get();
        }
        JsonNode listed = admin.get("faults").json().path("faults");
        assertThat(listed).hasSize(WORKERS * 20);
        listed.forEach(rule -> assertThat(rule.path("rule").asText()).isEqualTo(rules.get(rule.path("id").asLong())));

        List<Callable<Boolean>> removers = new ArrayList<>();
        for (long id : ids) {
            removers.add(() -> admin.delete("faults/" + id).json().path("removed").asBoolean());
        }
        for (Future<Boolean> removed : pool.invokeAll(removers, 60, TimeUnit.SECONDS)) {
            assertThat(removed.get()).isTrue();
        }
        assertThat(admin.get("faults").json().path("faults")).isEmpty();
    }

    @Test
    void neverLetsAnIdNameAnotherRuleWhileResetsRunBetweenAdds() throws Exception {
        Map<Long, String> given = new ConcurrentHashMap<>();
        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS - 1; w++) {
            int worker = w;
            workers.add(() -> {
                for (int i = 0; i < 15; i++) {
                    String rule = "OPEN /w" + worker + "/" + i + " none";
                    given.put(admin.addFault(rule), rule);
                }
                return null;
            });
        }
        workers.add(() -> {
            for (int i = 0; i < 10; i++) {
                admin.reset();
            }
            return null;
        });
        for (Future<Void> done : pool.invokeAll(workers, 60, TimeUnit.SECONDS)) {
            done.get();
        }
        Set<Long> seen = new HashSet<>();
        for (Map.Entry<Long, String> entry : given.entrySet()) {
            Response rule = admin.get("faults/" + entry.getKey());
            if (rule.status() == 200) {
                assertThat(rule.json().path("rule").asText()).isEqualTo(entry.getValue());
                seen.add(entry.getKey());
            } else {
                assertThat(rule.status()).isEqualTo(404);
                assertThat(rule.error()).endsWith("is gone: it was removed by DELETE /faults or POST /reset");
            }
        }
        List<Long> listed = new ArrayList<>();
        admin.get("faults").json().path("faults").forEach(rule -> listed.add(rule.path("id").asLong()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(seen);
    }

    @Test
    void holdsUpNoOtherRequestWhileManyAwaitsWait() throws Exception {
        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(admin.sendAsync(admin.request("recording/await").POST(HttpRequest.BodyPublishers.ofString(
                    json("file", "/out/done.csv", "timeoutMs", 60_000)))));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(admin.get("faults").status()).as("answered while the awaits wait").isEqualTo(200);
        }
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        try (TestClients.Jsch sftp = RUNNER.sftp()) {
            sftp.sftp().mkdir("/out");
            sftp.upload("/out/done.csv", new byte[] {1});
        }
        for (CompletableFuture<Response> done : waiting) {
            Response response = done.get(30, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(response.json().path("file").path("path").asText()).isEqualTo("/out/done.csv");
        }
    }

    private static byte[] content(int worker, int file) {
        return ("worker " + worker + " file " + file + "\n").repeat(200).getBytes(StandardCharsets.UTF_8);
    }
}
