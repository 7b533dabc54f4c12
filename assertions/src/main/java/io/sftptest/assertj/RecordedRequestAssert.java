package io.sftptest.assertj;

import java.util.Objects;

import org.assertj.core.api.AbstractAssert;

import io.sftptest.server.AuthOutcome;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * Assertions on one {@link RecordedRequest}. Start with
 * {@link SftpAssertions#assertThat(RecordedRequest)}.
 *
 * <pre>{@code
 * RecordedRequest open = server.recording().awaitRequest(RequestFilter.operation(SftpOperation.OPEN), timeout);
 * assertThat(open).hasPath("/out/a.csv").hasUser("alice").answered(SftpStatus.OK);
 * }</pre>
 */
public class RecordedRequestAssert extends AbstractAssert<RecordedRequestAssert, RecordedRequest> {

    /**
     * Creates the assertion; prefer {@link SftpAssertions#assertThat(RecordedRequest)}.
     *
     * @param actual the record
     */
    public RecordedRequestAssert(RecordedRequest actual) {
        super(actual, RecordedRequestAssert.class);
    }

    /**
     * Verifies the operation.
     *
     * @param expected the operation
     * @return this assertion
     */
    public RecordedRequestAssert hasOperation(SftpOperation expected) {
        return check("operation", expected, record().operation());
    }

    /**
     * Verifies the path exactly as the client sent it.
     *
     * @param expected the path
     * @return this assertion
     */
    public RecordedRequestAssert hasPath(String expected) {
        return check("path", expected, record().path());
    }

    /**
     * Verifies the target path of a rename or link.
     *
     * @param expected the path
     * @return this assertion
     */
    public RecordedRequestAssert hasTargetPath(String expected) {
        return check("target path", expected, record().targetPath());
    }

    /**
     * Verifies the user.
     *
     * @param expected the user name
     * @return this assertion
     */
    public RecordedRequestAssert hasUser(String expected) {
        return check("user", expected, record().user());
    }

    /**
     * Verifies the connection the request came on.
     *
     * @param expected the connection id
     * @return this assertion
     */
    public RecordedRequestAssert isOnConnection(long expected) {
        return check("connection", expected, record().connectionId());
    }

    /**
     * Verifies the status the server answered.
     *
     * @param expected the status
     * @return this assertion
     */
    public RecordedRequestAssert answered(SftpStatus expected) {
        isNotNull();
        if (actual.status() != expected) {
            throw failure("%s", "\nExpecting request:\n  " + actual.summary() + "\nto have been answered:\n  "
                    + expected + "\nbut it was answered:\n  " + actual.status());
        }
        return myself;
    }

    /**
     * Verifies that the server answered OK (or with data).
     *
     * @return this assertion
     */
    public RecordedRequestAssert succeeded() {
        return answered(SftpStatus.OK);
    }

    /**
     * Verifies the status message answered.
     *
     * @param expected the message
     * @return this assertion
     */
    public RecordedRequestAssert hasMessage(String expected) {
        return check("message", expected, record().message());
    }

    /**
     * Verifies the number of file bytes the request moved.
     *
     * @param expected the bytes read or written
     * @return this assertion
     */
    public RecordedRequestAssert hasBytes(long expected) {
        return check("bytes", expected, record().bytes());
    }

    /**
     * Verifies the offset of a read or write.
     *
     * @param expected the offset
     * @return this assertion
     */
    public RecordedRequestAssert hasOffset(long expected) {
        return check("offset", expected, record().offset());
    }

    /**
     * Verifies that the open flags include the given {@code SSH_FXF_*} bits, e.g.
     * {@code RecordedRequest.FXF_WRITE | RecordedRequest.FXF_CREAT}.
     *
     * @param bits the bits that must be set
     * @return this assertion
     */
    public RecordedRequestAssert hasFlags(int bits) {
        isNotNull();
        if ((actual.flags() & bits) != bits) {
            throw failure("%s", "\nExpecting request:\n  " + actual.summary() + "\nto have the open flags:\n  0x"
                    + Integer.toHexString(bits) + "\nbut it has:\n  0x" + Integer.toHexString(actual.flags()));
        }
        return myself;
    }

    /**
     * Verifies the permissions the client sent (SETSTAT, FSETSTAT, MKDIR, OPEN).
     *
     * @param expected in {@code ls} form, e.g. {@code rw-r--r--}
     * @return this assertion
     */
    public RecordedRequestAssert hasPermissions(String expected) {
        isNotNull();
        return check("permissions", expected,
                actual.attributes() == null ? null : actual.attributes().permissionString());
    }

    /**
     * Verifies the method of an authentication attempt ({@code AUTH}).
     *
     * @param expected e.g. {@code publickey}, {@code password}, {@code keyboard-interactive}
     * @return this assertion
     */
    public RecordedRequestAssert hasAuthMethod(String expected) {
        return check("authentication method", expected, record().authMethod());
    }

    /**
     * Verifies what the server answered to an authentication attempt ({@code AUTH}), e.g.
     * {@link AuthOutcome#PARTIAL_SUCCESS} for a public key accepted when a password must follow.
     *
     * @param expected the outcome
     * @return this assertion
     */
    public RecordedRequestAssert hasAuthOutcome(AuthOutcome expected) {
        return check("authentication outcome", expected, record().authOutcome());
    }

    /**
     * Verifies the client address of a {@code CONNECT}.
     *
     * @param expected address and port, e.g. {@code 127.0.0.1:50312}
     * @return this assertion
     */
    public RecordedRequestAssert hasClientAddress(String expected) {
        return check("client address", expected, record().clientAddress());
    }

    private RecordedRequest record() {
        isNotNull();
        return actual;
    }

    private RecordedRequestAssert check(String what, Object expected, Object value) {
        if (!Objects.equals(expected, value)) {
            throw failure("%s", "\nExpecting request:\n  " + actual.summary() + "\nto have " + what + ":\n  "
                    + expected + "\nbut it has:\n  " + value);
        }
        return myself;
    }
}
