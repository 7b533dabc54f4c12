package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.sftptest.server.SftpTestServer;

class StartupWarningsTest {
    @Test
    void saysNothingForLoopback() {
        assertThat(StartupWarnings.check(new InetSocketAddress("127.0.0.1", 2222))).isEmpty();
        assertThat(StartupWarnings.check(new InetSocketAddress("::1", 2222))).isEmpty();
    }

    @Test
    void warnsWhenBoundBeyondLoopback() {
        // checked on the address only: binding 0.0.0.0 in a test would expose the port
        InetSocketAddress all = new InetSocketAddress("0.0.0.0", 2222);
        assertThat(StartupWarnings.check(all)).singleElement().asString()
                .contains("listens on 0.0.0.0:2222").contains("bind it to 127.0.0.1");
        String log = captureStandardError(() -> StartupWarnings.log(all, LoggerFactory.getLogger(SftpTestServer.class)));
        assertThat(log).contains("WARN").contains("listens on 0.0.0.0:2222");
    }

    private static String captureStandardError(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
