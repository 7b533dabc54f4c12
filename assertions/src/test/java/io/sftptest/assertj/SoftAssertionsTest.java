package io.sftptest.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

import io.sftptest.server.Recording;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.SftpTestServer;

class SoftAssertionsTest {
    @Test
    void collectsEveryFailureAndReportsThemTogether() {
        try (SftpTestServer server = SftpTestServer.builder().build()) {
            server.putFile("/out/a.csv", "x");
            SftpSoftAssertions softly = new SftpSoftAssertions();

            softly.assertThat(server).received(SftpOperation.OPEN).once()
                    .received(SftpOperation.REMOVE).never()
                    .receivedNoRequests();
            softly.assertThat(server).hasFile("/out/missing.csv").hasContent("y");
            softly.assertThat(server).hasFile("/out/a.csv").hasContent("y").hasSize(1);
            softly.assertThat(server).hasDirectory("/nope").isEmpty();
            softly.assertThat(Recording.of(Records.request(1, SftpOperation.STAT, "/a", SftpStatus.NO_SUCH_FILE)))
                    .received(SftpOperation.STAT).answered(SftpStatus.OK);
            softly.assertThat(Records.request(1, SftpOperation.STAT, "/a")).hasPath("/b").hasUser("alice");

            assertThat(softly.errorsCollected()).extracting(Throwable::getMessage).satisfiesExactly(
                    open -> assertThat(open).startsWith("\nExpecting server to have received:\n  OPEN\nexactly 1 time"),
                    missing -> assertThat(missing).startsWith("\nExpecting server to have file:\n  /out/missing.csv"),
                    missingAgain -> assertThat(missingAgain).startsWith("\nExpecting server to have file:"),
                    content -> assertThat(content).startsWith("\nExpecting file /out/a.csv to have content:"),
                    directory -> assertThat(directory).startsWith("\nExpecting server to have directory:\n  /nope"),
                    directoryAgain -> assertThat(directoryAgain).startsWith("\nExpecting server to have directory:"),
                    answered -> assertThat(answered).startsWith("\nExpecting server to have answered every:"),
                    path -> assertThat(path).contains("to have path:\n  /b"));
        }
    }

    @Test
    void assertSoftlyFailsWithAllTheFailures() {
        Recording recording = Recording.of(Records.request(1, SftpOperation.MKDIR, "/out"));

        MultipleFailuresError error = catchThrowableOfType(MultipleFailuresError.class,
                () -> SftpSoftAssertions.assertSoftly(softly -> {
                    softly.assertThat(recording).received(SftpOperation.RMDIR).once();
                    softly.assertThat(recording).received(SftpOperation.MKDIR).path("/Out").once();
                }));

        assertThat(error.getFailures()).hasSize(2);
        assertThat(error.getFailures().get(1)).hasMessageContaining("Near misses:\n  #1.1 alice MKDIR /out : OK");
    }

    @Test
    void returningToTheServerFromAFailedFileAssertionStaysSoft() {
        try (SftpTestServer server = SftpTestServer.builder().build()) {
            server.putFile("/out/a.csv", "x");
            SftpSoftAssertions softly = new SftpSoftAssertions();

            softly.assertThat(server).hasFile("/out/a.csv").hasContent("y").returnToServer()
                    .hasDirectory("/out").isEmpty().returnToServer()
                    .hasNoFile("/out/a.csv");

            assertThat(softly.errorsCollected()).extracting(Throwable::getMessage).satisfiesExactly(
                    content -> assertThat(content).startsWith("\nExpecting file /out/a.csv to have content:"),
                    empty -> assertThat(empty).startsWith("\nExpecting directory /out to be empty"),
                    noFile -> assertThat(noFile).startsWith("\nExpecting server to have no file:"));
        }
    }

    @Test
    void passesSilentlyWhenEverythingHolds() {
        Recording recording = Recording.of(Records.request(1, SftpOperation.MKDIR, "/out"));

        assertThatCode(() -> SftpSoftAssertions.assertSoftly(softly -> softly.assertThat(recording)
                .received(SftpOperation.MKDIR).once().receivedNothingElse())).doesNotThrowAnyException();
    }
}
