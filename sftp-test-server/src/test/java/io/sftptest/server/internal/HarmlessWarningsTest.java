package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;

import org.apache.sshd.common.SshException;
import org.junit.jupiter.api.Test;

/** Which errors count as the client dropping its connection: those only, the rest stays MINA's warning. */
class HarmlessWarningsTest {
    @Test
    void takesAResetOrABrokenPipeAsTheClientDroppingItsConnection() {
        assertThat(HarmlessWarnings.isConnectionDropped(new IOException("Connection reset"))).isTrue();
        assertThat(HarmlessWarnings.isConnectionDropped(new SocketException("Connection reset by peer"))).isTrue();
        assertThat(HarmlessWarnings.isConnectionDropped(new IOException("Broken pipe"))).isTrue();
    }

    @Test
    void leavesProtocolErrorsAndOtherIoErrorsToMinasWarning() {
        // MINA's own errors say what the peer got wrong, even when their text reads like a reset
        assertThat(HarmlessWarnings.isConnectionDropped(new SshException("Connection reset"))).isFalse();
        assertThat(HarmlessWarnings.isConnectionDropped(new SshException("Unable to negotiate key exchange"))).isFalse();
        assertThat(HarmlessWarnings.isConnectionDropped(new ConnectException("Connection refused"))).isFalse();
        assertThat(HarmlessWarnings.isConnectionDropped(new EOFException())).isFalse();
        assertThat(HarmlessWarnings.isConnectionDropped(new IOException("No space left on device"))).isFalse();
        assertThat(HarmlessWarnings.isConnectionDropped(new IllegalStateException("Connection reset"))).isFalse();
    }
}
