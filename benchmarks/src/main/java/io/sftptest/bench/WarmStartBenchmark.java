package io.sftptest.bench;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import com.github.stefanbirkner.fakesftpserver.lambda.FakeSftpServer;

import io.sftptest.server.SftpTestServer;

/**
 * A per-test server's whole life in a warm JVM: build and start a default server, connect, read its SSH
 * identification line, close. {@code peer} is the same for the peer fixture fake-sftp-server-lambda (a bare MINA
 * server), the reference measured in the same run. Sample time, so the report has the median (p0.50) and p0.90.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WarmStartBenchmark {

    /**
     * Start, identification line, close.
     *
     * @throws IOException when the server does not answer
     */
    @Benchmark
    public void ours() throws IOException {
        try (SftpTestServer server = SftpTestServer.builder().start()) {
            StartToFirstConnection.readBanner(server.port());
        }
    }

    /**
     * The same for the peer fixture.
     *
     * @throws Exception when it does not answer
     */
    @Benchmark
    public void peer() throws Exception {
        FakeSftpServer.withSftpServer(server -> StartToFirstConnection.readBanner(server.getPort()));
    }
}
