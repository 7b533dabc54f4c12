package io.sftptest.assertj;

import java.util.function.Consumer;

import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.Recording;
import io.sftptest.server.SftpTestServer;

/**
 * Soft assertions on an SFTP test server: every failure is collected, and {@link #assertAll()}
 * reports them together. Works like AssertJ's {@code SoftAssertions}, also with its
 * {@code SoftAssertionsExtension} ({@code @InjectSoftAssertions SftpSoftAssertions softly}).
 *
 * <pre>{@code
 * SftpSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(server).received(SftpOperation.OPEN).path("/out/a.csv").once();
 *     softly.assertThat(server).hasFile("/out/a.csv").hasContent("x,y\n");
 * });
 * }</pre>
 */
public class SftpSoftAssertions extends AbstractSoftAssertions {

    /** Creates an empty collector of failures. */
    public SftpSoftAssertions() {
    }

    /**
     * Runs soft assertions and fails with all their failures at the end.
     *
     * @param softly the assertions
     */
    public static void assertSoftly(Consumer<SftpSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(SftpSoftAssertions.class, softly);
    }

    /**
     * Starts soft assertions on a server.
     *
     * @param server the server
     * @return the assertion
     */
    public SftpServerAssert assertThat(SftpTestServer server) {
        SftpServerAssert assertion = proxy(SftpServerAssert.class, SftpTestServer.class, server);
        assertion.collectInto(this);
        return assertion;
    }

    /**
     * Starts soft assertions on a recording.
     *
     * @param recording the recording
     * @return the assertion
     */
    public RecordingAssert assertThat(Recording recording) {
        return proxy(RecordingAssert.class, Recording.class, recording);
    }

    /**
     * Starts soft assertions on one recorded request.
     *
     * @param request the record
     * @return the assertion
     */
    public RecordedRequestAssert assertThat(RecordedRequest request) {
        return proxy(RecordedRequestAssert.class, RecordedRequest.class, request);
    }
}
