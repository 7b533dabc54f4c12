package io.sftptest.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The round trip every client version in the matrix makes against a runner with its default settings: connect,
 * put, get, list, rename, remove, and the SFTP v3 status errors a client must understand. A client API implements
 * {@link #connect(String, int, String, String)} once; each module of that API runs it against its own version.
 *
 * <pre>{@code
 * class JschRoundTripTest extends RoundTripContract {
 *     protected MatrixClient connect(String host, int port, String user, String password) throws Exception {
 *         return JschClient.connect(host, port, user, password);
 *     }
 * }
 * }</pre>
 */
public abstract class RoundTripContract {
    /** The user the runner is started with. */
    protected static final String USER = "alice";
    /** That user's password. */
    protected static final String PASSWORD = "secret";
    /** {@code SSH_FX_NO_SUCH_FILE}. */
    private static final int NO_SUCH_FILE = 2;
    /** {@code SSH_FX_FAILURE}: what a v3 client gets for statuses v3 does not define (e.g. v6's DIR_NOT_EMPTY). */
    private static final int FAILURE = 4;

    /** The system property with the runner options a module adds, e.g. {@code --legacy-algorithms}. */
    public static final String RUNNER_OPTIONS = "matrix.runner.options";

    private static RunnerProcess runner;

    /**
     * For subclasses (JUnit).
     */
    protected RoundTripContract() {
    }

    /**
     * Starts one runner for the test class: nothing but a user, plus the options in the system property
     * {@value #RUNNER_OPTIONS} (space-separated), which a module sets when its client needs the server changed.
     */
    @BeforeAll
    static void startRunner() {
        List<String> options = new ArrayList<>(List.of("--user", USER + ":" + PASSWORD));
        String extra = System.getProperty(RUNNER_OPTIONS, "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        runner = RunnerProcess.start(options.toArray(String[]::new));
    }

    /**
     * The runner of this test class.
     *
     * @return the running runner
     */
    protected static RunnerProcess runner() {
        return runner;
    }

    /** Stops the runner. */
    @AfterAll
    static void stopRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    /**
     * Connects the client under test with its default settings (a test server's host key is not checked), logged
     * in with a password.
     *
     * @param host the server's address
     * @param port the server's port
     * @param user the user
     * @param password the password
     * @return the connected client
     * @throws Exception as the client throws it
     */
    protected abstract MatrixClient connect(String host, int port, String user, String password) throws Exception;

    /**
     * Connects as {@link #connect(String, int, String, String)} does, at SFTP version 3; override for a client
     * that would negotiate a higher version by default.
     *
     * @param host the server's address
     * @param port the server's port
     * @param user the user
     * @param password the password
     * @return the connected client, at SFTP version 3
     * @throws Exception as the client throws it
     */
    protected MatrixClient connectSftpV3(String host, int port, String user, String password) throws Exception {
        return connect(host, port, user, password);
    }

    /** Connect, put, get, list, rename, remove: each answered OK, as the runner's request log shows. */
    @Test
    void putsGetsListsRenamesAndRemovesAFile() throws Exception {
        byte[] content = ("round trip of " + getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8);
        try (MatrixClient client = connect(runner.host(), runner.port(), USER, PASSWORD)) {
            client.mkdir("/trip");
            client.put("/trip/upload.txt", content);
            assertThat(client.get("/trip/upload.txt")).isEqualTo(content);
            assertThat(client.list("/trip")).containsExactly("upload.txt");
            client.rename("/trip/upload.txt", "/trip/renamed.txt");
            assertThat(client.list("/trip")).containsExactly("renamed.txt");
            client.remove("/trip/renamed.txt");
            assertThat(client.list("/trip")).isEmpty();
            client.rmdir("/trip");
        }
        runner.awaitOutput(line -> line.contains(" alice ") && line.endsWith(" /trip/upload.txt -> /trip/renamed.txt"
                + " : OK"));
        runner.awaitOutput(line -> line.endsWith(" alice REMOVE /trip/renamed.txt : OK"));
    }

    /** A download of a file that is not there fails with NO_SUCH_FILE. */
    @Test
    void getsNoSuchFileForAMissingFile() throws Exception {
        try (MatrixClient client = connect(runner.host(), runner.port(), USER, PASSWORD)) {
            Exception failure = catchException(() -> client.get("/missing.txt"));

            assertThat(failure).as("a download of a missing file").isNotNull();
            assertThat(client.statusOf(failure)).isEqualTo(NO_SUCH_FILE);
        }
    }

    /**
     * Removing a directory that is not empty is DIR_NOT_EMPTY in SFTP v6; a v3 client gets FAILURE, a status it
     * knows, with the server's message.
     */
    @Test
    void getsFailureForAStatusSftpV3DoesNotDefine() throws Exception {
        try (MatrixClient client = connectSftpV3(runner.host(), runner.port(), USER, PASSWORD)) {
            assertThat(client.sftpVersion()).isEqualTo(3);
            client.mkdir("/full");
            client.put("/full/keep.txt", new byte[] {1});

            Exception failure = catchException(() -> client.rmdir("/full"));

            assertThat(failure).as("removing a directory that is not empty").isNotNull();
            assertThat(client.statusOf(failure)).isEqualTo(FAILURE);
        }
        runner.awaitOutput(line -> line.contains(" alice RMDIR /full : "));
    }
}
