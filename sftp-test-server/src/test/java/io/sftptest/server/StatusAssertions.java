package io.sftptest.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that an {@link InteropClient} call fails with a given SFTP status. */
final class StatusAssertions {
    private StatusAssertions() {
    }

    static void assertStatus(SftpStatus expected, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(InteropClient.StatusException.class, e -> assertThat(e.status())
                        .as("SFTP status code (%s expected): %s", expected, e.getMessage())
                        .isEqualTo(expected.code()));
    }
}
