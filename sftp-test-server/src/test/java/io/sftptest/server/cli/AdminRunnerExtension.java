package io.sftptest.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.jcraft.jsch.JSchException;

import io.sftptest.server.TestClients;

/**
 * One in-process runner with its admin API on ({@code --port 0 --admin-port 0 --quiet --user alice:secret} plus the
 * options given) for a test class, reset over the API before each test and stopped cleanly after the class. The
 * lines after the Admin line stay in {@link #out()}.
 */
final class AdminRunnerExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final Supplier<List<String>> options;
    private Runner runner;
    private AdminClient admin;
    private int sftpPort;

    /** Options computed when the class starts, e.g. from a static {@code @TempDir}. */
    AdminRunnerExtension(Supplier<List<String>> options) {
        this.options = options;
    }

    AdminRunnerExtension() {
        this(List::of);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--admin-port", "0", "--quiet", "--user",
                "alice:secret"));
        args.addAll(options.get());
        runner = new Runner(args.toArray(String[]::new));
        sftpPort = Runner.port(runner.out.next());
        admin = AdminClient.fromLine(runner.out.next());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        admin.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        runner.stopCleanly();
    }

    AdminClient admin() {
        return admin;
    }

    int sftpPort() {
        return sftpPort;
    }

    LineQueue out() {
        return runner.out;
    }

    /** JSch as alice:secret on the runner's port. */
    TestClients.Jsch sftp() throws JSchException {
        return TestClients.jsch("127.0.0.1", sftpPort, "alice", "secret");
    }
}
