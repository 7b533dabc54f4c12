package io.sftptest.bench;

/**
 * Started in a new JVM by the harness: measures the first server start in a JVM, from this class's
 * {@code main} to the first accepted connection (class loading, Bouncy Castle and MINA set-up).
 */
public final class FirstStart {
    private FirstStart() {
    }

    /**
     * Prints {@code first-start-ms=N}.
     *
     * @param args ignored
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        System.out.println("first-start-ms=" + StartToFirstConnection.ours());
    }
}
