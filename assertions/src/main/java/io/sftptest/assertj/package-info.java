/**
 * AssertJ assertions on an {@link io.sftptest.server.SftpTestServer}: its files and directories, and
 * the requests it recorded. Failure messages show what the server did receive, nearest misses first.
 *
 * <pre>{@code
 * import static io.sftptest.assertj.SftpAssertions.assertThat;
 *
 * assertThat(server)
 *         .connected(1)
 *         .authenticatedAs("alice")
 *         .receivedInOrder(SftpOperation.MKDIR, SftpOperation.OPEN, SftpOperation.WRITE, SftpOperation.CLOSE)
 *         .received(SftpOperation.REMOVE).never()
 *         .uploaded("/out/a.csv");
 * assertThat(server).hasFile("/out/a.csv").hasContent("x,y\n");
 * assertThat(server).hasDirectory("/out").containsExactlyFiles("a.csv");
 * }</pre>
 *
 * <p>Entry points: {@link io.sftptest.assertj.SftpAssertions} and, for soft assertions,
 * {@link io.sftptest.assertj.SftpSoftAssertions}.
 */
package io.sftptest.assertj;
