/**
 * Testcontainers integration (needs {@code org.testcontainers:testcontainers} on the classpath, which the rest of
 * the extension does not): {@link io.sftptest.junit.testcontainers.SftpTestServerContainer}, a {@code Startable}
 * for {@code @Container} fields, and {@link io.sftptest.junit.testcontainers.ContainerAddress} for clients that
 * run in containers.
 */
package io.sftptest.junit.testcontainers;
