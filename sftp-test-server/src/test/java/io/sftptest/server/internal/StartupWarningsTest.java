package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.sftptest.server.SftpTestServer;
import io.sftptest.server.StandardError;

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
        String log = StandardError.capture(() -> StartupWarnings.log(all, LoggerFactory.getLogger(SftpTestServer.class)));
        assertThat(log).contains("WARN").contains("listens on 0.0.0.0:2222");
    }
}
