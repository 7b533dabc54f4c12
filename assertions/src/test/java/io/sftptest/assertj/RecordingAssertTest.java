package io.sftptest.assertj;

import static io.sftptest.assertj.Records.UPLOAD;
import static io.sftptest.assertj.Records.auth;
import static io.sftptest.assertj.Records.close;
import static io.sftptest.assertj.Records.connect;
import static io.sftptest.assertj.Records.io;
import static io.sftptest.assertj.Records.open;
import static io.sftptest.assertj.Records.request;
import static io.sftptest.assertj.SftpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.Recording;
import io.sftptest.server.RequestFilter;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

class RecordingAssertTest {
    private static final String RECEIVED = "\nRequests received (6):\n"
            + "  #1.3 alice MKDIR /out : OK\n"
            + "  #1.4 alice OPEN /out/A.csv (write,create,truncate) : OK\n"
            + "  #1.5 alice WRITE /out/A.csv @0 10 bytes : OK\n"
            + "  #1.6 alice CLOSE /out/A.csv : OK\n"
            + "  #1.7 alice STAT /out/a.csv : NO_SUCH_FILE\n"
            + "  #1.8 alice REMOVE /in/old.csv : OK";

    private final Recording recording = Recording.of(
            connect(1, 1),
            auth(2, "alice", true),
            request(3, SftpOperation.MKDIR, "/out"),
            open(4, "/out/A.csv", "h1", UPLOAD),
            io(5, SftpOperation.WRITE, "/out/A.csv", "h1", 10),
            close(6, "/out/A.csv", "h1"),
            request(7, SftpOperation.STAT, "/out/a.csv", SftpStatus.NO_SUCH_FILE),
            request(8, SftpOperation.REMOVE, "/in/old.csv"));

    @Test
    void receivedPassesOnMatchingCounts() {
        assertThatCode(() -> assertThat(recording)
                .received(SftpOperation.OPEN).path("/out/*.csv").once()
                .received(SftpOperation.OPEN).times(1)
                .received(SftpOperation.WRITE).atLeast(1)
                .received(SftpOperation.WRITE).atLeastOnce()
                .received(SftpOperation.READ).never()
                .received(SftpOperation.REMOVE).path("/in/**").user("alice").connection(1).atMost(1)
                .received(RequestFilter.any().path("/out/A.csv"), Times.exactly(3)))
                .doesNotThrowAnyException();
    }

    @Test
    void receivedFailsShowingTheNearMissesWhenTheCaseDiffers() {
        assertThatThrownBy(() -> assertThat(recording).received(SftpOperation.OPEN).path("/out/a.csv").once())
                .isInstanceOf(AssertionError.class)
                .hasMessage("\nExpecting server to have received:\n"
                        + "  OPEN /out/a.csv\n"
                        + "exactly 1 time, but it received it 0 times.\n"
                        + "Near misses:\n"
                        + "  #1.4 alice OPEN /out/A.csv (write,create,truncate) : OK\n"
                        + "  #1.7 alice STAT /out/a.csv : NO_SUCH_FILE"
                        + RECEIVED);
    }

    @Test
    void receivedFailsListingTheMatchesWhenThereAreTooMany() {
        assertThatThrownBy(() -> assertThat(recording).received(SftpOperation.OPEN, SftpOperation.CLOSE).atMost(1))
                .hasMessage("\nExpecting server to have received:\n"
                        + "  OPEN or CLOSE\n"
                        + "at most 1 time, but it received it 2 times:\n"
                        + "  #1.4 alice OPEN /out/A.csv (write,create,truncate) : OK\n"
                        + "  #1.6 alice CLOSE /out/A.csv : OK");
    }

    @Test
    void neverFailsListingWhatWasReceived() {
        assertThatThrownBy(() -> assertThat(recording).received(SftpOperation.REMOVE).path("/in/*").never())
                .hasMessage("\nExpecting server not to have received:\n"
                        + "  REMOVE /in/*\n"
                        + "but it received it 1 time:\n"
                        + "  #1.8 alice REMOVE /in/old.csv : OK");
    }

    @Test
    void receivedWithoutAnyRequestSaysSo() {
        assertThatThrownBy(() -> assertThat(Recording.of(connect(1, 1))).received(SftpOperation.OPEN).times(2))
                .hasMessage("\nExpecting server to have received:\n"
                        + "  OPEN\n"
                        + "exactly 2 times, but it received it 0 times.\n"
                        + "The server received no SFTP requests.");
    }

    @Test
    void receivedInOrderAllowsOtherRequestsBetween() {
        assertThatCode(() -> assertThat(recording).receivedInOrder(SftpOperation.MKDIR, SftpOperation.OPEN,
                SftpOperation.CLOSE, SftpOperation.REMOVE)).doesNotThrowAnyException();
    }

    @Test
    void receivedInOrderFailsNamingTheRequestMissingAfterTheLastMatch() {
        assertThatThrownBy(() -> assertThat(recording).receivedInOrder(
                RequestFilter.of(SftpOperation.OPEN, "/out/A.csv"),
                RequestFilter.of(SftpOperation.CLOSE, "/out/A.csv"),
                RequestFilter.of(SftpOperation.RENAME, "/out/A.csv")))
                .hasMessage("\nExpecting server to have received in order:\n"
                        + "  OPEN /out/A.csv\n"
                        + "  CLOSE /out/A.csv\n"
                        + "  RENAME /out/A.csv\n"
                        + "but it received no:\n"
                        + "  RENAME /out/A.csv\n"
                        + "after:\n"
                        + "  #1.6 alice CLOSE /out/A.csv : OK\n"
                        + "Near misses:\n"
                        + "  #1.4 alice OPEN /out/A.csv (write,create,truncate) : OK\n"
                        + "  #1.5 alice WRITE /out/A.csv @0 10 bytes : OK\n"
                        + "  #1.6 alice CLOSE /out/A.csv : OK"
                        + RECEIVED);
    }

    @Test
    void receivedInOrderFailsWhenTheOrderIsReversed() {
        assertThatThrownBy(() -> assertThat(recording).receivedInOrder(SftpOperation.REMOVE, SftpOperation.MKDIR))
                .hasMessage("\nExpecting server to have received in order:\n"
                        + "  REMOVE\n"
                        + "  MKDIR\n"
                        + "but it received no:\n"
                        + "  MKDIR\n"
                        + "after:\n"
                        + "  #1.8 alice REMOVE /in/old.csv : OK\n"
                        + "It received it only before that:\n"
                        + "  #1.3 alice MKDIR /out : OK"
                        + RECEIVED);
    }

    @Test
    void receivedInOrderFailsWhenTheFirstNeverCame() {
        assertThatThrownBy(() -> assertThat(recording).receivedInOrder(SftpOperation.RMDIR))
                .hasMessage("\nExpecting server to have received in order:\n"
                        + "  RMDIR\n"
                        + "but it never received:\n"
                        + "  RMDIR"
                        + RECEIVED);
    }

    @Test
    void receivedNothingElsePassesWhenEveryRequestWasExpected() {
        assertThatCode(() -> assertThat(recording)
                .received(SftpOperation.MKDIR).once()
                .uploaded("/out/A.csv")
                .received(SftpOperation.STAT).answered(SftpStatus.NO_SUCH_FILE)
                .received(SftpOperation.REMOVE).path("/in/old.csv").once()
                .receivedNothingElse())
                .doesNotThrowAnyException();
    }

    @Test
    void receivedNothingElseFailsListingTheUnexpectedRequests() {
        assertThatThrownBy(() -> assertThat(recording).uploaded("/out/A.csv").receivedNothingElse())
                .hasMessage("\nExpecting server to have received nothing else, but it also received:\n"
                        + "  #1.3 alice MKDIR /out : OK\n"
                        + "  #1.7 alice STAT /out/a.csv : NO_SUCH_FILE\n"
                        + "  #1.8 alice REMOVE /in/old.csv : OK");
    }

    @Test
    void receivedNoRequestsIgnoresConnectionEvents() {
        assertThatCode(() -> assertThat(Recording.of(connect(1, 1), auth(2, "alice", true))).receivedNoRequests())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(Recording.of(connect(1, 1), request(2, SftpOperation.STAT, "/")))
                .receivedNoRequests())
                .hasMessage("\nExpecting server to have received no requests, but it received 1:\n"
                        + "  #1.2 alice STAT / : OK");
    }

    @Test
    void uploadedFailsListingTheFilesOpened() {
        assertThatThrownBy(() -> assertThat(recording).uploaded("/out/a.csv"))
                .hasMessage("\nExpecting server to have received an upload of:\n"
                        + "  /out/a.csv\n"
                        + "(opened for writing, closed with OK), but it did not.\n"
                        + "Files opened (1):\n"
                        + "  file /out/A.csv: opened for write by alice on connection 1, 1 write, 10 bytes, closed\n"
                        + "Near misses:\n"
                        + "  #1.4 alice OPEN /out/A.csv (write,create,truncate) : OK\n"
                        + "  #1.7 alice STAT /out/a.csv : NO_SUCH_FILE");
    }

    @Test
    void downloadedNeedsAReadOnlyOpenWithReads() {
        Recording download = Recording.of(open(1, "/in/a.csv", "h", 1), io(2, SftpOperation.READ, "/in/a.csv", "h", 5),
                close(3, "/in/a.csv", "h"));
        assertThatCode(() -> assertThat(download).downloaded("/in/*.csv").receivedNothingElse())
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(recording).downloaded("/out/A.csv"))
                .hasMessageStartingWith("\nExpecting server to have received a download of:\n"
                        + "  /out/A.csv\n"
                        + "(opened for reading, read, closed with OK), but it did not.\n"
                        + "Files opened (1):\n");
    }

    @Test
    void connectedCountsAcceptedConnections() {
        assertThatCode(() -> assertThat(recording).connected(1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(recording).connected(2))
                .hasMessage("\nExpecting server to have accepted 2 connections, but it accepted 1:\n"
                        + "  #1.0 CONNECT from 127.0.0.1:50000");
    }

    @Test
    void authenticatedAsNeedsASuccessfulAttempt() {
        Recording attempts = Recording.of(auth(1, "bob", false), auth(2, "alice", true));
        assertThatCode(() -> assertThat(attempts).authenticatedAs("alice")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(attempts).authenticatedAs("bob"))
                .hasMessage("\nExpecting server to have authenticated user:\n"
                        + "  \"bob\"\n"
                        + "but the authentication attempts were:\n"
                        + "  #1.0 bob AUTH(password) : PERMISSION_DENIED\n"
                        + "  #1.0 alice AUTH(password) : OK");
        assertThatThrownBy(() -> assertThat(Recording.of()).authenticatedAs("bob"))
                .hasMessage("\nExpecting server to have authenticated user:\n"
                        + "  \"bob\"\n"
                        + "but there was no authentication attempt.");
    }

    @Test
    void authenticatedAsDoesNotCountAPartialSuccess() {
        Recording attempts = Recording.of(Records.auth(1, "alice", "publickey", AuthOutcome.PARTIAL_SUCCESS));

        assertThatCode(() -> assertThat(attempts).partiallyAuthenticatedAs("alice")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(attempts).authenticatedAs("alice"))
                .hasMessage("\nExpecting server to have authenticated user:\n"
                        + "  \"alice\"\n"
                        + "but the authentication attempts were:\n"
                        + "  #1.0 alice AUTH(publickey) : OK (partial success)");
    }

    @Test
    void partiallyAuthenticatedAsNeedsAPartialSuccessOfThatUser() {
        Recording attempts = Recording.of(Records.auth(1, "alice", "publickey", AuthOutcome.PARTIAL_SUCCESS),
                Records.auth(2, "alice", "password", AuthOutcome.SUCCESS),
                Records.auth(3, "bob", "password", AuthOutcome.SUCCESS));

        assertThatCode(() -> assertThat(attempts).partiallyAuthenticatedAs("alice").authenticatedAs("alice")
                .authenticatedAs("bob")).doesNotThrowAnyException();
        assertThatThrownBy(() -> assertThat(attempts).partiallyAuthenticatedAs("bob"))
                .hasMessage("\nExpecting server to have partially authenticated user:\n"
                        + "  \"bob\"\n"
                        + "but the authentication attempts were:\n"
                        + "  #1.0 alice AUTH(publickey) : OK (partial success)\n"
                        + "  #1.0 alice AUTH(password) : OK\n"
                        + "  #1.0 bob AUTH(password) : OK");
    }

    @Test
    void answeredFailsShowingTheOtherAnswers() {
        assertThatThrownBy(() -> assertThat(recording).received(SftpOperation.STAT).answered(SftpStatus.OK))
                .hasMessage("\nExpecting server to have answered every:\n"
                        + "  STAT\n"
                        + "with OK, but it answered:\n"
                        + "  #1.7 alice STAT /out/a.csv : NO_SUCH_FILE");
        assertThatThrownBy(() -> assertThat(recording).received(SftpOperation.RENAME).answered(SftpStatus.OK))
                .hasMessage("\nExpecting server to have answered:\n"
                        + "  RENAME\n"
                        + "with OK, but it received no such request." + RECEIVED);
    }

    @Test
    void showsTheDescriptionAndTheTruncation() {
        Recording truncated = new Recording(1);
        Recording full = Recording.of(request(1, SftpOperation.STAT, "/a"), request(2, SftpOperation.STAT, "/b"));
        full.requests().forEach(r -> append(truncated, r));

        assertThatThrownBy(() -> assertThat(truncated).as("after the export").received(SftpOperation.OPEN).once())
                .hasMessage("[after the export] \nExpecting server to have received:\n"
                        + "  OPEN\n"
                        + "exactly 1 time, but it received it 0 times.\n"
                        + "Requests received (1):\n"
                        + "  #1.1 alice STAT /a : OK\n"
                        + "[the recording is truncated: it keeps 1 records and dropped 1]");
        assertThatThrownBy(() -> assertThat(truncated).isNotTruncated())
                .hasMessage("\nExpecting the recording to be complete, but it keeps 1 records and dropped 1: "
                        + "raise SftpTestServer.Builder#recordingLimit");
    }

    private static void append(Recording recording, io.sftptest.server.RecordedRequest record) {
        try {
            java.lang.reflect.Method append = Recording.class.getDeclaredMethod("append",
                    io.sftptest.server.RecordedRequest.class);
            append.setAccessible(true);
            append.invoke(recording, record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
