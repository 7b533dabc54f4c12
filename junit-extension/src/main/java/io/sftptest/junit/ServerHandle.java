package io.sftptest.junit;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import io.sftptest.server.SftpTestServer;

/**
 * A running server in an {@code ExtensionContext.Store}: JUnit closes it with the context that holds it, also
 * when a test or a callback failed.
 */
final class ServerHandle implements AutoCloseable {
    private final ServerDeclaration declaration;
    private final SftpTestServer server;
    private final AtomicInteger testsUsing = new AtomicInteger();

    private ServerHandle(ServerDeclaration declaration, SftpTestServer server) {
        this.declaration = declaration;
        this.server = server;
    }

    static ServerHandle start(ServerDeclaration declaration) {
        declaration.validate();
        SftpTestServer server;
        try {
            server = declaration.settings().get().build();
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException("cannot build SFTP server " + declaration + ": "
                    + e.getMessage(), e);
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new ExtensionConfigurationException("cannot start SFTP server " + declaration + ": "
                    + e.getMessage(), e);
        }
        ServerHandle handle = new ServerHandle(declaration, server);
        if (declaration.owner() instanceof SftpServerExtension extension) {
            extension.started(server);
        }
        return handle;
    }

    SftpTestServer server() {
        return server;
    }

    /**
     * Marks the shared server as used by one more test; two tests at once would reset each other's files, so
     * that is refused with the fix.
     */
    AutoCloseable claimForTest(String testName) {
        if (testsUsing.incrementAndGet() > 1) {
            testsUsing.decrementAndGet();
            throw new ExtensionConfigurationException("SFTP server " + declaration + " is shared by the tests of "
                    + "its class, and \"" + testName + "\" started while another test was using it (parallel "
                    + "execution, concurrent mode); each test resets the shared server, so they would see each "
                    + "other's files. Run the class's tests one after another with @Execution(ExecutionMode."
                    + "SAME_THREAD) on the class, or give each test its own server with "
                    + "lifecycle(ServerLifecycle.PER_METHOD)");
        }
        return testsUsing::decrementAndGet;
    }

    @Override
    public void close() {
        if (declaration.owner() instanceof SftpServerExtension extension) {
            extension.stopped(server);
        }
        server.close();
    }
}
