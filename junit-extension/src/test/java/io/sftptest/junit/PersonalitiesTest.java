package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.jcraft.jsch.SftpException;

import io.sftptest.server.Personality;
import io.sftptest.server.SftpTestServer;

/** {@code @SftpServerTest(personalities = ...)}: the named quirks, kept across the reset between tests. */
class PersonalitiesTest {
    static final List<Object> observed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        observed.clear();
    }

    @SftpServerTest(users = "alice:secret", personalities = {"no-setstat", "inbox-only=/upload"},
            directories = "/reference")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Annotated {
        @Test
        @Order(1)
        void first(SftpTestServer server) {
            observed.add(server.personalities());
            Sftp.put(server, "alice", "secret", "/upload/a.txt", "a");
            observed.add(refusal(() -> Sftp.run(server.host(), server.port(), "alice", "secret",
                    sftp -> sftp.chmod(0600, "/upload/a.txt"))));
        }

        @Test
        @Order(2)
        void secondAfterTheReset(SftpTestServer server) {
            observed.add(server.exists("/upload") && server.exists("/reference"));
            observed.add(refusal(() -> Sftp.put(server, "alice", "secret", "/a.txt", "a")));
            observed.add(server.exists("/a.txt"));
        }
    }

    private static String refusal(Runnable call) {
        SftpException failure = Sftp.failure(call);
        return failure == null ? "no error" : "status " + failure.id;
    }

    @Test
    void appliesTheNamedPersonalitiesAndKeepsThemAcrossTheReset() {
        Kit.run(Annotated.class).testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(observed).containsExactly(List.of(Personality.NO_SETSTAT, Personality.inboxOnly("/upload")),
                "status 3", true, "status 3", false);
    }

    @SftpServerTest(personalities = "sftp-v6-only", protocolVersion = 3)
    static class Overridden {
        @Test
        void test(SftpTestServer server) {
            Sftp.put(server, SftpTestServer.DEFAULT_USER, SftpTestServer.DEFAULT_PASSWORD, "/v3.txt", "JSch speaks v3");
            observed.add(server.fileContent("/v3.txt", StandardCharsets.UTF_8));
        }
    }

    @Test
    void theAnnotationsOtherAttributesOverrideAPersonality() {
        Kit.run(Overridden.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(observed).containsExactly("JSch speaks v3");
    }

    @SftpServerTest(personalities = "no-settstat")
    static class Misspelt {
        @Test
        void test() {
        }
    }

    @Test
    void aMisspeltPersonalityFailsTheClassWithTheKnownNames() {
        Kit.run(Misspelt.class).containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("unknown personality \"no-settstat\": use one of no-setstat, write-only")))));
    }

    @SftpServerTest(personalities = {"sftp-v3-only", "sftp-v6-only"})
    static class Conflicting {
        @Test
        void test() {
        }
    }

    @Test
    void conflictingPersonalitiesFailTheClass() {
        Kit.run(Conflicting.class).containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("both set the SFTP versions")))));
        assertThatThrownBy(() -> Personality.parse("sftp-v3-only=1")).hasMessageContaining("takes no parameter");
    }
}
