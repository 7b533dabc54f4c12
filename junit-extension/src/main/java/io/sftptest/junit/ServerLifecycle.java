package io.sftptest.junit;

/**
 * How long a server started by {@link SftpServerTest @SftpServerTest} or {@link SftpServerExtension} lives.
 */
public enum ServerLifecycle {
    /**
     * One server for the test class (and its {@code @Nested} classes): started before {@code @BeforeAll}, so
     * its port is known in static context, closed after the class; its files, connections and recording are
     * reset before each test.
     */
    PER_CLASS,
    /** A fresh server for each test (each invocation of a parameterized or repeated test), closed after it. */
    PER_METHOD
}
