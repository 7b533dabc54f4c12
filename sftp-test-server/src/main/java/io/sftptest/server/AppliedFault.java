package io.sftptest.server;

import java.util.Objects;

/**
 * The fault rule's effect that the server applied to a recorded request ({@link RecordedRequest#fault()}):
 * the effect itself, and whether it was applied after the operation was performed.
 *
 * <pre>{@code
 * RecordedRequest write = server.recording().requests(RequestFilter.operation(SftpOperation.WRITE)).get(0);
 * if (write.fault() != null && write.fault().effect() instanceof Fault.Status status) {
 *     assertEquals(SftpStatus.FAILURE, status.status());
 * }
 * }</pre>
 *
 * @param effect the effect, e.g. {@code status(FAILURE)}
 * @param after whether it was applied after the operation ({@link FaultRule.Builder#after()}): the operation
 *     happened, and the answer was replaced, delayed or cut off
 */
public record AppliedFault(Fault effect, boolean after) {
    /**
     * Checks the effect.
     *
     * @param effect the effect
     * @param after whether it was applied after the operation
     */
    public AppliedFault {
        Objects.requireNonNull(effect, "effect");
    }

    /**
     * Returns the text form the summary lines and the JSON lines show, e.g. {@code status(FAILURE) after}.
     *
     * @return the effect's factory call, followed by {@code after} when it was applied after the operation
     */
    @Override
    public String toString() {
        return effect + (after ? " after" : "");
    }
}
