package io.sftptest.assertj;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.Recording;
import io.sftptest.server.SftpTestServer;

/**
 * The entry point to the AssertJ assertions on an SFTP test server. A standalone class, so its static
 * imports sit next to {@code org.assertj.core.api.Assertions.assertThat} without clashing.
 *
 * <pre>{@code
 * import static io.sftptest.assertj.SftpAssertions.assertThat;
 *
 * assertThat(server)
 *         .authenticatedAs("alice")
 *         .uploaded("/out/report.csv")
 *         .received(SftpOperation.REMOVE).never()
 *         .hasFile("/out/report.csv").hasContent("id,name\n1,alice\n");
 * }</pre>
 *
 * <p>For soft assertions, see {@link SftpSoftAssertions}.
 */
public final class SftpAssertions {
    private SftpAssertions() {
    }

    /**
     * Starts assertions on a server: its files, and the requests it received.
     *
     * @param server the server
     * @return the assertion
     */
    public static SftpServerAssert assertThat(SftpTestServer server) {
        return new SftpServerAssert(server);
    }

    /**
     * Starts assertions on a recording.
     *
     * @param recording the recording
     * @return the assertion
     */
    public static RecordingAssert assertThat(Recording recording) {
        return new RecordingAssert(recording);
    }

    /**
     * Starts assertions on one recorded request.
     *
     * @param request the record
     * @return the assertion
     */
    public static RecordedRequestAssert assertThat(RecordedRequest request) {
        return new RecordedRequestAssert(request);
    }
}
