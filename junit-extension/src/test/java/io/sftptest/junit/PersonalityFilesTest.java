package io.sftptest.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.jcraft.jsch.SftpException;

import io.sftptest.server.SftpTestServer;

/** {@code @SftpServerTest(personalityFiles = ...)}: a probed server's personality from a class-path resource. */
class PersonalityFilesTest {
    static final List<Object> observed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        observed.clear();
    }

    @SftpServerTest(users = "alice:secret", personalityFiles = "partner.personality.json")
    static class Annotated {
        @Test
        void test(SftpTestServer server) {
            observed.add(server.personalities().get(0).name());
            Sftp.put(server, "alice", "secret", "/a.txt", "a");
            observed.add(failure(() -> Sftp.run(server.host(), server.port(), "alice", "secret",
                    sftp -> sftp.chmod(0600, "/a.txt"))));
            observed.add(failure(() -> Sftp.run(server.host(), server.port(), "alice", "secret",
                    sftp -> sftp.stat("/collected.txt"))));
        }
    }

    private static String failure(Runnable call) {
        SftpException failure = Sftp.failure(call);
        return failure == null ? "no error" : failure.getMessage();
    }

    @Test
    void answersLikeThePartnerServerTheFileDescribes() {
        Kit.run(Annotated.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
        assertThat(observed).containsExactly("partner", "SSH_FX_PERMISSION_DENIED: Attribute changes are not allowed.",
                "SSH_FX_NO_SUCH_FILE: File not found: it may have been collected.");
    }

    @SftpServerTest(personalityFiles = "src/test/resources/no-such.personality.json")
    static class Missing {
        @Test
        void test() {
        }
    }

    @Test
    void aMissingFileFailsTheClassSayingWhereItLooked() {
        Kit.run(Missing.class).containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains("personalityFiles entry \"src/test/resources/no-such.personality.json\" is "
                        + "neither a class path resource nor a file (looked in ")
                        && m.contains("put the file under src/test/resources")))));
    }
}
