package io.sftptest.assertj;

import io.sftptest.server.Recording;

/**
 * Assertions on a {@link Recording}, e.g. one taken from a server that is closed meanwhile, or one
 * made up in a test; the same request assertions as {@link SftpServerAssert}. Start with
 * {@link SftpAssertions#assertThat(Recording)}.
 *
 * <pre>{@code
 * assertThat(server.recording()).received(SftpOperation.OPEN).path("/in/*.csv").times(2);
 * }</pre>
 */
public class RecordingAssert extends AbstractRecordingAssert<RecordingAssert, Recording> {

    /**
     * Creates the assertion; prefer {@link SftpAssertions#assertThat(Recording)}.
     *
     * @param actual the recording
     */
    public RecordingAssert(Recording actual) {
        super(actual, RecordingAssert.class);
    }

    @Override
    protected Recording recording() {
        return actual;
    }
}
