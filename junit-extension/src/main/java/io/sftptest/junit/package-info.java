/**
 * JUnit Jupiter support for sftp-test-server: {@link io.sftptest.junit.SftpServerTest @SftpServerTest} for the
 * common case, {@link io.sftptest.junit.SftpServerExtension} with {@code @RegisterExtension} for full control, and
 * parameter injection of {@link io.sftptest.server.SftpTestServer}, {@link io.sftptest.junit.SftpPort @SftpPort}
 * and {@link io.sftptest.junit.SftpUri @SftpUri}.
 */
package io.sftptest.junit;
