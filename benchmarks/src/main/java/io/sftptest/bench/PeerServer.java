package io.sftptest.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.stefanbirkner.fakesftpserver.lambda.FakeSftpServer;

/**
 * The second reference: the peer test fixture fake-sftp-server-lambda, a MINA SSHD server over an
 * in-memory filesystem. It only runs inside {@link FakeSftpServer#withSftpServer}, so this class
 * runs that lambda on its own thread and holds it open until {@link #close()}. It authenticates
 * any password while no user is registered, has no public key authentication, and cannot hold a
 * file over 16,617,852 bytes.
 */
final class PeerServer implements AutoCloseable {
    /** Any password will do: the peer accepts every one while no user is registered. */
    static final String PASSWORD = "bench";
    /** The largest transfer the peer's in-memory filesystem holds, with room to spare. */
    static final long MAX_FILE_SIZE = 15L << 20;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CompletableFuture<FakeSftpServer> running = new CompletableFuture<>();
    private final Thread thread;

    private PeerServer() {
        thread = new Thread(() -> {
            try {
                FakeSftpServer.withSftpServer(server -> {
                    running.complete(server);
                    stop.await();
                });
            } catch (Exception e) {
                running.completeExceptionally(e);
            }
        }, "fake-sftp-server-lambda");
        thread.setDaemon(true);
    }

    static PeerServer start() {
        PeerServer peer = new PeerServer();
        peer.thread.start();
        peer.server();
        return peer;
    }

    FakeSftpServer server() {
        try {
            return running.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake-sftp-server-lambda did not start", e);
        }
    }

    int port() {
        return server().getPort();
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
