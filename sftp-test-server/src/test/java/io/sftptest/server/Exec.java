package io.sftptest.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;

import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

/**
 * Runs exec and shell requests with MINA's client and waits for the channel to close.
 *
 * @param out what the command wrote to stdout
 * @param err what it wrote to stderr
 * @param exitStatus its exit status, or null when the channel closed without one
 */
record Exec(String out, String err, Integer exitStatus) {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Runs a command with no input. */
    static Exec run(ClientSession session, String command) {
        return run(session, command, null);
    }

    /** Runs a command, sending {@code stdin} (then EOF) when not null. */
    static Exec run(ClientSession session, String command, byte[] stdin) {
        try (ChannelExec channel = session.createExecChannel(command)) {
            if (stdin != null) {
                channel.setIn(new ByteArrayInputStream(stdin));
            }
            return finish(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("exec " + command + ": " + e.getMessage(), e);
        }
    }

    /** Opens a shell channel (with a pty, as {@code ssh host} does). */
    static Exec shell(ClientSession session) {
        try (ChannelShell channel = session.createShellChannel()) {
            return finish(channel);
        } catch (IOException e) {
            throw new UncheckedIOException("shell: " + e.getMessage(), e);
        }
    }

    private static Exec finish(ClientChannel channel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        channel.setOut(out);
        channel.setErr(err);
        channel.open().verify(TIMEOUT);
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT);
        if (channel.isOpen() && !channel.isClosing()) {
            throw new AssertionError("the channel did not close within " + TIMEOUT);
        }
        return new Exec(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                channel.getExitStatus());
    }
}
