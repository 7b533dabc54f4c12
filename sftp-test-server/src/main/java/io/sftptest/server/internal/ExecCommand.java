package io.sftptest.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

import org.apache.sshd.common.file.FileSystemAware;
import org.apache.sshd.common.util.threads.SshdThreadFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.sftptest.server.AppliedFault;
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
    private static final Logger LOG = LoggerFactory.getLogger(ExecCommand.class);
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
        ExecRecord request = new ExecRecord(context, channel.getServerSession(), commandLine);
        THREADS.execute(() -> runCommand(channel, env, request));
    }

    @Override
    public void destroy(ChannelSession channel) {
        destroyed = true;
    }

    private void runCommand(ChannelSession channel, Environment env, ExecRecord request) {
        ServerSession session = channel.getServerSession();
        BooleanSupplier wanted = () -> !destroyed && channel.isOpen() && session.isOpen();
        try {
            FaultMatch match = FaultRuleSet.match(context.faultRules(), request.request(), session.getUsername());
            if (match == null) {
                answer(request, perform(session, env));
            } else {
                applyFault(request, match, channel, env, wanted);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("exec {} on connection {} ended early: {}", commandLine, request.connectionId(), e.toString());
        } finally {
            request.completed();
            closeFileSystem();
        }
    }

    /** Applies a fired fault rule around the command, as the request pipeline's fault steps do around SFTP. */
    private void applyFault(ExecRecord request, FaultMatch match, ChannelSession channel, Environment env,
            BooleanSupplier wanted) throws IOException {
        Fault fault = match.fault();
        boolean after = match.after();
        request.applied(new AppliedFault(fault, after && !(fault instanceof Fault.None)));
        ExecCommands.Result result = after ? perform(channel.getServerSession(), env) : null;
        if (fault instanceof Fault.ExitStatus exitStatus) {
            byte[] message = exitStatus.message() == null ? new byte[0]
                    : (exitStatus.message() + "\n").getBytes(StandardCharsets.UTF_8);
            answer(request, result == null
                    ? new ExecCommands.Result(new byte[0], message, exitStatus.exitStatus())
                    : new ExecCommands.Result(result.out(), concat(result.err(), message), exitStatus.exitStatus()));
        } else if (fault instanceof Fault.Disconnect || fault instanceof Fault.CloseChannel) {
            request.record();
            if (result != null) {
                write(result);
            }
            if (fault instanceof Fault.Disconnect) {
                channel.getServerSession().close(true);
            } else {
                channel.close(false);
            }
        } else if (fault instanceof Fault.Delay || fault instanceof Fault.Hang) {
            if (fault instanceof Fault.Delay delay) {
                Parking.parkUntil(System.nanoTime() + delay.delay().toNanos(), wanted);
            } else {
                Parking.awaitRelease(match.released(), ((Fault.Hang) fault).timeout(), wanted);
            }
            if (!wanted.getAsBoolean()) {
                request.record(); // cut off while held: recorded without an exit status
                return;
            }
            answer(request, result != null ? result : perform(channel.getServerSession(), env));
        } else if (fault instanceof Fault.None) {
            answer(request, result != null ? result : perform(channel.getServerSession(), env));
        } else {
            throw new IllegalStateException(fault + " cannot apply to EXEC; FaultRule refuses it");
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
    private void answer(ExecRecord request, ExecCommands.Result result) throws IOException {
        String stderr = new String(result.err(), StandardCharsets.UTF_8).strip();
        request.exited(result.exitStatus(), stderr.isEmpty() ? null
                : stderr.substring(0, Math.min(stderr.length(), RecordedRequest.MAX_EXEC_MESSAGE)));
        request.record();
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
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    // ------------------------------------------------------------------ shared with the refusal of no-exec

    /**
     * One EXEC on its way to the recording: the request as the fault rules read it, and its outcome. Recorded once,
     * before the answer goes out (or the channel is cut); the request listeners hear of it when it ended.
     */
    static final class ExecRecord {
        private final ServerContext context;
        private final SftpRequest request;
        private final long connectionId;
        private final String user;
        private final long sequence;
        private final Instant time = Instant.now();
        private final long startNanos = System.nanoTime();
        private AppliedFault fault;
        private SftpStatus status;
        private String message;
        private Integer exitStatus;
        private boolean recorded;

        /**
         * Starts the record of an exec (or shell) request of a session: index 0 on its connection, as connection
         * events.
         *
         * @param context the server's shared state
         * @param session the session the channel belongs to
         * @param commandLine the command line, or null for a shell request
         */
        ExecRecord(ServerContext context, ServerSession session, String commandLine) {
            this.context = context;
            this.request = new SftpRequest(0, 0, SftpOperation.EXEC, null, null, null, null, -1, -1, 0, 0, 0, null,
                    null, null, commandLine);
            this.connectionId = ConnectionRegistry.idOf(session);
            this.user = session.getUsername();
            this.sequence = context.nextSequence();
        }

        SftpRequest request() {
            return request;
        }

        long connectionId() {
            return connectionId;
        }

        void applied(AppliedFault applied) {
            this.fault = applied;
        }

        /** Notes the exit status the command ends with, and its standard error. */
        void exited(int code, String stderr) {
            this.exitStatus = code;
            this.status = code == 0 ? SftpStatus.OK : SftpStatus.FAILURE;
            this.message = stderr;
        }

        /** Notes a refusal: the request was answered with a channel request failure. */
        void refused(SftpStatus refusal, String reason) {
            this.status = refusal;
            this.message = reason;
        }

        /** Hands the request to the recording, once: before its answer goes out, so a test waiting for it finds it. */
        void record() {
            if (recorded) {
                return;
            }
            recorded = true;
            context.record(this::toRecord);
        }

        /** Records a request cut off without an answer, and tells the request listeners it ended. */
        void completed() {
            record();
            context.requestCompleted(this::toRecord);
        }

        private RecordedRequest toRecord() {
            return new RecordedRequest(sequence, time, connectionId, 0, user, SftpOperation.EXEC, null, null, null,
                    null, -1, -1, 0, null, status, message, 0, Duration.ofNanos(System.nanoTime() - startNanos),
                    fault, null, null, null, request.command(), exitStatus);
        }
    }
}
