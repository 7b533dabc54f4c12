package io.sftptest.server.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.io.IoWriteFuture;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;

import io.sftptest.server.SftpStatus;

/**
 * How a server answers {@code exec} and {@code shell} requests on session channels: by default with
 * {@link ExecCommand} (emulated commands); with exec refused (the {@code no-exec} personality) as SFTP-only services
 * do, with a channel request failure and the channel's close at once. MINA alone has neither: with no command
 * factory it refuses silently and leaves the channel open, so a client that did not ask for a reply waits.
 * Either way the session channels are {@link SessionChannel}s.
 */
final class ExecChannels {
    /** The message of a refused request's record. */
    static final String REFUSED = "exec and shell requests are refused: this server allows SFTP only (no-exec)";

    private ExecChannels() {
    }

    /**
     * Sets up a server's answer to exec and shell requests.
     *
     * @param server the server, before it starts
     * @param context its shared state (fault rules, observers, users)
     * @param refuse true to refuse every exec and shell request
     */
    public static void install(SshServer server, ServerContext context, boolean refuse) {
        Supplier<SessionChannel> channels = refuse ? () -> new RefusingSession(context) : SessionChannel::new;
        List<ChannelFactory> factories = new ArrayList<>(server.getChannelFactories());
        factories.replaceAll(factory -> factory instanceof ChannelSessionFactory
                ? new SessionChannelFactory(channels) : factory);
        server.setChannelFactories(factories);
        if (!refuse) {
            Emulation emulation = new Emulation(context);
            server.setCommandFactory(emulation);
            server.setShellFactory(emulation);
        }
    }

    /** Makes an {@link ExecCommand} for each exec and shell request. */
    private record Emulation(ServerContext context) implements CommandFactory, ShellFactory {
        @Override
        public ExecCommand createCommand(ChannelSession channel, String command) {
            return new ExecCommand(context, command);
        }

        @Override
        public ExecCommand createShell(ChannelSession channel) {
            return new ExecCommand(context, null);
        }
    }

    /** Makes this server's session channels in place of MINA's. */
    private static final class SessionChannelFactory extends ChannelSessionFactory {
        private final Supplier<SessionChannel> channels;

        SessionChannelFactory(Supplier<SessionChannel> channels) {
            this.channels = channels;
        }

        @Override
        public Channel createChannel(Session session) {
            return channels.get();
        }
    }

    /**
     * A session channel (SFTP works) that answers exec and shell with a failure, then closes: the failure goes out
     * first (when the client asked for a reply), so the close never races it.
     */
    private static final class RefusingSession extends SessionChannel {
        private final ServerContext context;
        private boolean refused;

        RefusingSession(ServerContext context) {
            this.context = context;
        }

        @Override
        protected RequestHandler.Result handleExec(String request, Buffer buffer, boolean wantReply) {
            return refuse(buffer.getString());
        }

        @Override
        protected RequestHandler.Result handleShell(String request, Buffer buffer, boolean wantReply) {
            return refuse(null);
        }

        private RequestHandler.Result refuse(String commandLine) {
            ExecCommand.ExecRecord record = new ExecCommand.ExecRecord(context, getServerSession(), commandLine);
            record.refused(SftpStatus.OP_UNSUPPORTED, REFUSED);
            record.completed();
            refused = true;
            return RequestHandler.Result.ReplyFailure;
        }

        @Override
        protected IoWriteFuture sendResponse(Buffer buffer, String request, RequestHandler.Result result,
                boolean wantReply) throws IOException {
            IoWriteFuture sent = super.sendResponse(buffer, request, result, wantReply);
            if (refused) {
                close(false);
            }
            return sent;
        }
    }
}
