package io.sftptest.server;

import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * One SFTP request the server received, with the answer it sent; or one SSH connection event
 * ({@link SftpOperation#CONNECT}, {@link SftpOperation#AUTH}, {@link SftpOperation#DISCONNECT}); or one
 * {@link SftpOperation#EXEC exec or shell request}. Immutable; it holds no file data, only the number of bytes
 * moved.
 *
 * <p>Connection events have index 0 on their connection. A {@code CONNECT} carries the client's address
 * ({@link #clientAddress()}). An {@code AUTH} is one authentication attempt the server answered: its method
 * ({@link #authMethod()}, e.g. {@code publickey}) and what the server answered ({@link #authOutcome()}); its
 * status is {@link SftpStatus#OK} for {@link AuthOutcome#SUCCESS} and {@link AuthOutcome#PARTIAL_SUCCESS} (the
 * credentials were right), {@link SftpStatus#PERMISSION_DENIED} for {@link AuthOutcome#FAILURE}, and its
 * duration is the time from the client's request to the server's answer (for keyboard-interactive: from the
 * client's responses). A public-key query that the server answers with {@code SSH_MSG_USERAUTH_PK_OK} ("this key
 * would do, now sign") and the {@code none} request that asks which methods exist are no attempts: they are not
 * recorded.
 * The {@code message} of a {@code DISCONNECT} says why the server ended the connection (a failed key exchange
 * explains itself there, with the fix), null when the client closed it.
 *
 * <p>An {@code EXEC} has index 0 on its connection (it comes on a channel of its own), its command line in
 * {@link #command()} and its exit status in {@link #exitStatus()}; its status is {@link SftpStatus#OK} for exit
 * status 0, {@link SftpStatus#FAILURE} for any other, {@link SftpStatus#OP_UNSUPPORTED} when the server refused
 * the request ({@link Personality#NO_EXEC}), and null when the channel closed without an exit status (a fault);
 * its message is what the command wrote to standard error, if anything (at most
 * {@value #MAX_EXEC_MESSAGE} characters).
 *
 * @param sequence the server-wide number of the request, counting from 1 in order of arrival
 * @param time when the request arrived
 * @param connectionId the connection it came on (see {@link SftpConnection#id()})
 * @param indexInConnection the number of the request on its connection, counting from 1; 0 for
 *     connection events
 * @param user the authenticated user (for {@code AUTH}: the user name tried; for {@code CONNECT}: null)
 * @param operation the request type
 * @param extension the extension name of an {@link SftpOperation#EXTENDED} request, else null
 * @param path the path named by the request, or the path behind its handle; null when none
 * @param targetPath the second path of a rename or link, else null
 * @param handle the handle named by the request or returned by an open, else null
 * @param offset the offset of a read or write, else -1
 * @param length the length asked for by a read or sent by a write, else -1
 * @param flags the open flags of an open as SFTP v3 {@code SSH_FXF_*} bits (READ 0x1, WRITE 0x2,
 *     APPEND 0x4, CREAT 0x8, TRUNC 0x10, EXCL 0x20; translated from the desired access and
 *     disposition for v5 and v6 clients), else 0
 * @param attributes the file attributes sent with a SETSTAT, FSETSTAT, MKDIR or OPEN, else null
 * @param status the status answered ({@link SftpStatus#OK} for data, handle, name and attribute replies)
 * @param message the status message answered (for {@code DISCONNECT}: why the server ended the connection), or
 *     null
 * @param bytes the file bytes moved by a read or write
 * @param duration how long the server took to answer
 * @param fault the fault rule's effect the server applied instead of or after the operation (its text form,
 *     e.g. {@code status(FAILURE) after}, is what summaries and JSON lines show), or null when none
 * @param clientAddress the client's address and port of a {@link SftpOperation#CONNECT}, e.g.
 *     {@code 127.0.0.1:50312}; null on other records or when unknown
 * @param authMethod the SSH method of an {@link SftpOperation#AUTH}, e.g. {@code password}, {@code publickey},
 *     {@code keyboard-interactive}; else null
 * @param authOutcome what the server answered to an {@link SftpOperation#AUTH}; null on other records
 * @param command the command line of an {@link SftpOperation#EXEC} as the client sent it (e.g.
 *     {@code md5sum /in/a.csv}); null for a shell request and for every other operation
 * @param exitStatus the exit status an {@link SftpOperation#EXEC} ended with; null when the channel closed without
 *     one, and for every other operation
 */
public record RecordedRequest(long sequence, Instant time, long connectionId, long indexInConnection, String user,
        SftpOperation operation, String extension, String path, String targetPath, String handle, long offset,
        long length, int flags, SftpFileAttributes attributes, SftpStatus status, String message, long bytes,
        Duration duration, AppliedFault fault, String clientAddress, String authMethod, AuthOutcome authOutcome,
        String command, Integer exitStatus) {

    /** The most characters of standard error an {@code EXEC}'s message keeps. */
    public static final int MAX_EXEC_MESSAGE = 500;

    /** {@code SSH_FXF_READ}: opened for reading. */
    public static final int FXF_READ = 0x01;
    /** {@code SSH_FXF_WRITE}: opened for writing. */
    public static final int FXF_WRITE = 0x02;
    /** {@code SSH_FXF_APPEND}: writes append. */
    public static final int FXF_APPEND = 0x04;
    /** {@code SSH_FXF_CREAT}: created when missing. */
    public static final int FXF_CREAT = 0x08;
    /** {@code SSH_FXF_TRUNC}: truncated when present. */
    public static final int FXF_TRUNC = 0x10;
    /** {@code SSH_FXF_EXCL}: fails when present. */
    public static final int FXF_EXCL = 0x20;

    /**
     * Makes a record of anything but an {@link SftpOperation#EXEC}: no command line, no exit status.
     *
     * @param sequence see the record's components
     * @param time see the record's components
     * @param connectionId see the record's components
     * @param indexInConnection see the record's components
     * @param user see the record's components
     * @param operation see the record's components
     * @param extension see the record's components
     * @param path see the record's components
     * @param targetPath see the record's components
     * @param handle see the record's components
     * @param offset see the record's components
     * @param length see the record's components
     * @param flags see the record's components
     * @param attributes see the record's components
     * @param status see the record's components
     * @param message see the record's components
     * @param bytes see the record's components
     * @param duration see the record's components
     * @param fault see the record's components
     * @param clientAddress see the record's components
     * @param authMethod see the record's components
     * @param authOutcome see the record's components
     */
    public RecordedRequest(long sequence, Instant time, long connectionId, long indexInConnection, String user,
            SftpOperation operation, String extension, String path, String targetPath, String handle, long offset,
            long length, int flags, SftpFileAttributes attributes, SftpStatus status, String message, long bytes,
            Duration duration, AppliedFault fault, String clientAddress, String authMethod, AuthOutcome authOutcome) {
        this(sequence, time, connectionId, indexInConnection, user, operation, extension, path, targetPath, handle,
                offset, length, flags, attributes, status, message, bytes, duration, fault, clientAddress, authMethod,
                authOutcome, null, null);
    }

    /**
     * Returns whether the server answered this request with {@link SftpStatus#OK} (or data).
     *
     * @return true for a successful answer
     */
    public boolean succeeded() {
        return status == SftpStatus.OK;
    }

    /**
     * Returns whether this is an {@code OPEN} for writing (write or append flag set).
     *
     * @return true for an upload's open
     */
    public boolean isOpenForWriting() {
        return operation == SftpOperation.OPEN && (flags & (FXF_WRITE | FXF_APPEND)) != 0;
    }

    /**
     * Returns a one-line summary, e.g. {@code #1.3 alice OPEN /in/a.csv (write,create,truncate) : OK};
     * an open shows its flags, an authentication attempt its method and a partial success
     * ({@code #1.0 alice AUTH(publickey) : OK (partial success)}), an exec its command line and exit status
     * ({@code #2.0 alice EXEC md5sum /a.bin : exit 0}), a disconnection the server's reason
     * ({@code #2.0 alice DISCONNECT (disconnected by the test)}).
     *
     * @return the summary
     */
    public String summary() {
        StringBuilder line = new StringBuilder();
        line.append('#').append(connectionId).append('.').append(indexInConnection);
        if (user != null) {
            line.append(' ').append(user);
        }
        line.append(' ').append(operation);
        if (extension != null) {
            line.append('(').append(extension).append(')');
        }
        if (authMethod != null) {
            line.append('(').append(authMethod).append(')');
        }
        if (operation == SftpOperation.CONNECT) {
            if (clientAddress != null) {
                line.append(" from ").append(clientAddress);
            }
            return line.toString();
        }
        if (operation == SftpOperation.DISCONNECT) {
            if (message != null) {
                line.append(" (").append(message).append(')');
            }
            return line.toString();
        }
        if (operation == SftpOperation.EXEC) {
            return execSummary(line);
        }
        if (path != null) {
            line.append(' ').append(path);
        }
        if (targetPath != null) {
            line.append(" -> ").append(targetPath);
        }
        if (operation == SftpOperation.OPEN && flags != 0) {
            line.append(" (").append(openFlagNames(flags)).append(')');
        }
        if (offset >= 0) {
            line.append(" @").append(offset);
        }
        if (attributes != null && !attributes.isEmpty()) {
            line.append(' ').append(attributes);
        }
        if (bytes > 0) {
            line.append(' ').append(bytes).append(" bytes");
        }
        line.append(" : ").append(status == null ? "no answer" : status.name());
        if (message != null && !message.isEmpty() && status != SftpStatus.OK) {
            line.append(" (").append(message).append(')');
        }
        if (authOutcome == AuthOutcome.PARTIAL_SUCCESS) {
            line.append(" (partial success)");
        }
        if (fault != null) {
            line.append(" [fault: ").append(fault).append(']');
        }
        return line.toString();
    }

    private String execSummary(StringBuilder line) {
        line.append(' ').append(command == null ? "(shell)" : command).append(" : ");
        if (exitStatus != null) {
            line.append("exit ").append(exitStatus);
        } else {
            line.append(status == SftpStatus.OP_UNSUPPORTED ? "refused" : "no exit status");
        }
        if (message != null && !message.isEmpty()) {
            line.append(" (").append(message.strip().replace('\n', ' ')).append(')');
        }
        if (fault != null) {
            line.append(" [fault: ").append(fault).append(']');
        }
        return line.toString();
    }

    private static String openFlagNames(int flags) {
        StringJoiner names = new StringJoiner(",");
        String[] known = {"read", "write", "append", "create", "truncate", "exclusive"};
        for (int bit = 0; bit < known.length; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(known[bit]);
            }
        }
        int unknown = flags & ~((1 << known.length) - 1);
        if (unknown != 0) {
            names.add("0x" + Integer.toHexString(unknown));
        }
        return names.toString();
    }

    /**
     * Renders this record as one line of JSON, as {@link Recording#writeJsonLines(java.io.Writer)}
     * writes each record.
     *
     * @return a JSON object, without a trailing newline
     */
    public String toJson() {
        return RecordingJson.toJson(this);
    }
}
