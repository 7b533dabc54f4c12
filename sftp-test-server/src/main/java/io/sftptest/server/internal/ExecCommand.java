package io.sftptest.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.sshd.common.file.FileSystemAware;
import org.apache.sshd.common.util.threads.SshdThreadFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

import io.sftptest.server.Fault;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;

/**
 * One exec (or shell) request: recorded as an {@link SftpOperation#EXEC}, matched against the fault rules like an
 * SFTP request, run by {@link ExecCommands} over the user's files, and answered at once with its output, EOF, exit
 * status and the channel's close, whether or not the client asked for a reply to its request. Without this a
 * client that sends {@code exec} without want-reply (JSch 0.1.55's {@code ChannelExec}, used by Commons VFS to
 * probe {@code id -u}) waited for output until the idle timeout.
 *
 * <p>Runs on a thread of its own, since a hash reads whole files and a fault may hold the command.
 */
final class ExecCommand implements Command, FileSystemAware {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExecCommand.class);
    private static final String NO_SHELL = "sftp-test-server: this test server has no interactive shell; it answers "
            + "exec requests for " + String.join(", ", ExecCommands.EMULATED);
    private static final int NOT_FOUND = 127;

    /** Idle threads end after ten seconds; daemon threads, shared by all servers in this JVM. */
    private static final ExecutorService THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new SshdThreadFactory("sftp-test-server-exec"));

    private final ServerContext context;
    private final String commandLine;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private FileSystem fileSystem;
    private volatile boolean destroyed;

    /**
     * Creates the command of one channel.
     *
     * @param context the server's shared state
     * @param commandLine the exec request's command line, or null for a shell request
     */
    ExecCommand(ServerContext context, String commandLine) {
        this.context = context;
        this.commandLine = commandLine;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void setFileSystem(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        RequestInfo request = newRequest(context, channel.getServerSession(), commandLine);
        THREADS.execute(() -> serve(channel, env, request));
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
    }

    private void serve(ChannelSession channel, Environment env, RequestInfo request) {
        ServerSession session = channel.getServerSession();
        BooleanSupplier wanted = () -> !destroyed && channel.isOpen() && session.isOpen();
        try {
            FaultMatch match = context.faults().active() ? context.faults().match(request) : null;
            if (match == null) {
                answer(request, perform(session, env));
            } else {
                applyFault(request, match, channel, env, wanted);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("exec {} on connection {} ended early: {}", request.command, request.connectionId, e.toString());
        } finally {
            request.durationNanos = System.nanoTime() - request.startNanos;
            for (ServerObserver observer : context.observers()) {
                observer.requestCompleted(request);
            }
            closeFileSystem();
        }
    }

    /** Applies a fired fault rule around the command, as {@link FaultInjector} does around an SFTP request. */
    private void applyFault(RequestInfo request, FaultMatch match, ChannelSession channel, Environment env,
            BooleanSupplier wanted) throws IOException {
        Fault fault = match.fault();
        boolean after = match.after();
        request.fault = fault + (after ? " after" : "");
        ExecCommands.Result result = after ? perform(channel.getServerSession(), env) : null;
        switch (fault.kind()) {
            case NONE -> answer(request, result != null ? result : perform(channel.getServerSession(), env));
            case EXIT_STATUS -> {
                byte[] message = fault.message() == null ? new byte[0]
                        : (fault.message() + "\n").getBytes(StandardCharsets.UTF_8);
                answer(request, result == null ? new ExecCommands.Result(new byte[0], message, fault.exitStatus())
                        : new ExecCommands.Result(result.out(), concat(result.err(), message), fault.exitStatus()));
            }
            case DISCONNECT, CLOSE_CHANNEL -> {
                observe(context, request);
                if (result != null) {
                    write(result);
                }
                if (fault.kind() == Fault.Kind.DISCONNECT) {
                    channel.getServerSession().close(true);
                } else {
                    channel.close(false);
                }
            }
            case DELAY, HANG -> {
                if (fault.kind() == Fault.Kind.DELAY) {
                    Parking.parkUntil(System.nanoTime() + fault.duration().toNanos(), wanted);
                } else {
                    Parking.awaitRelease(match.released(), fault.duration(), wanted);
                }
                if (!wanted.getAsBoolean()) {
                    observe(context, request); // cut off while held: recorded without an exit status
                    return;
                }
                answer(request, result != null ? result : perform(channel.getServerSession(), env));
            }
            default -> throw new IllegalStateException(fault + " cannot apply to EXEC; FaultRule refuses it");
        }
    }

    private ExecCommands.Result perform(ServerSession session, Environment env) {
        if (commandLine == null) {
            return new ExecCommands.Result(new byte[0], (NO_SHELL + "\n").getBytes(StandardCharsets.UTF_8),
                    NOT_FOUND);
        }
        UserAccount account = context.users().get(session.getUsername());
        UserFiles files = UserFiles.of(fileSystem, AuthEvents.homeDirectory(session, account), account);
        return ExecCommands.run(commandLine, session.getUsername(), files, name -> switch (name) {
            case "HOME", "PWD" -> files.home().toString();
            case "USER", "LOGNAME" -> session.getUsername();
            case "SHELL" -> "/bin/sh";
            default -> env.getEnv().get(name);
        }, in);
    }

    /** Records the request, then sends its output, EOF, exit status and the channel's close. */
    private void answer(RequestInfo request, ExecCommands.Result result) throws IOException {
        request.exitStatus = result.exitStatus();
        request.status = result.exitStatus() == 0 ? SftpStatus.OK : SftpStatus.FAILURE;
        String stderr = new String(result.err(), StandardCharsets.UTF_8).strip();
        request.message = stderr.isEmpty() ? null
                : stderr.substring(0, Math.min(stderr.length(), RecordedRequest.MAX_EXEC_MESSAGE));
        observe(context, request);
        write(result);
        exit.onExit(result.exitStatus());
    }

    private void write(ExecCommands.Result result) throws IOException {
        out.write(result.out());
        out.flush();
        err.write(result.err());
        err.flush();
    }

    private void closeFileSystem() {
        try {
            if (fileSystem != null) {
                fileSystem.close();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // a rooted view over the server's filesystem: nothing of the server's closes with it
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    // ------------------------------------------------------------------ shared with the refusal of no-exec

    /** A new EXEC record of a session's channel: index 0 on its connection, as connection events. */
    static RequestInfo newRequest(ServerContext context, ServerSession session, String commandLine) {
        RequestInfo request = new RequestInfo();
        request.operation = SftpOperation.EXEC;
        request.command = commandLine;
        request.connectionId = ConnectionRegistry.idOf(session);
        request.user = session.getUsername();
        request.startNanos = System.nanoTime();
        request.time = Instant.now();
        request.sequence = context.nextSequence();
        return request;
    }

    /** Hands a request to the observers before its answer goes out, so a test that waits for the answer finds it. */
    static void observe(ServerContext context, RequestInfo request) {
        for (ServerObserver observer : context.observers()) {
            observer.replying(request);
        }
    }
}
