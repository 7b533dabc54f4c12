package io.sftptest.server.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.AppliedFault;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.event.FileSystemEvent;

/**
 * Serves the SFTP requests of one session, each through the same steps, in this order:
 *
 * <pre>
 * decode ─▶ limits ─▶ fault rules (before) ─▶ listeners (before)
 *        ─▶ perform (MINA, or virtual mode) ─▶ listeners (after) ─▶ fault rules (after)
 *        ─▶ status mapped to the client's version ─▶ reply ─▶ record ─▶ send ─▶ end
 * </pre>
 *
 * Each step is a method below, handed the {@link Exchange} explicitly. A step that decides the answer (a fault's
 * status, a listener's status) skips the steps up to the faults after it; a fault that cuts the connection or
 * channel skips the answer. Every answer leaves through {@link #reply}, and every request is recorded once,
 * before its answer goes out or before the cut. Confined to the session's SFTP thread.
 */
final class RequestPipeline {
    private final TestSftpSubsystem sftp;
    private final ServerContext context;
    private final long connectionId;
    private final String user;
    private final FileSystemEvents listeners;
    private final FaultEffects faults;
    /** The client's path of each open handle, for the requests that name the handle. */
    private final Map<String, String> handlePaths = new HashMap<>();
    private long requestsOnConnection;
    /** Set once a fault ended this channel or connection: what the client sends after it is dropped. */
    private boolean ended;

    RequestPipeline(TestSftpSubsystem sftp, ServerContext context, long connectionId, String user) {
        this.sftp = sftp;
        this.context = context;
        this.connectionId = connectionId;
        this.user = user;
        this.listeners = new FileSystemEvents(context.events(), sftp, connectionId, user);
        this.faults = new FaultEffects(sftp::connectionOpen);
    }

    /** Serves one request: the steps, top to bottom. */
    void serve(Buffer buffer, int length, int type, int id) throws IOException {
        if (ended) {
            return;
        }
        Exchange exchange = decode(buffer, length, type, id);
        ConnectionRegistry.SERVING.set(connectionId); // a listener that disconnects it must not wait for itself
        try {
            limits(exchange);
            FaultMatch fault = matchFault(exchange);
            if (faults.applyBefore(exchange, fault) && listeners.fireBefore(exchange)) {
                perform(exchange);
                listeners.fireAfter(exchange);
            }
            faults.applyAfter(exchange, fault);
            if (answers(exchange)) {
                mapStatus(exchange);
                Buffer packet = reply(exchange);
                record(exchange);
                sftp.transmit(packet);
            }
            end(exchange);
        } finally {
            try {
                completed(exchange);
            } finally {
                ConnectionRegistry.SERVING.remove();
            }
        }
    }

    // ------------------------------------------------------------------ the steps

    /**
     * Decodes the packet once into the request every later step reads, as far as the steps that take part will
     * read it: listeners see everything, a write's data too; the recording, fault rules and virtual mode every
     * field; a server that records nothing and has neither rules nor listeners only the operation.
     */
    private Exchange decode(Buffer buffer, int length, int type, int id) {
        EventHub events = context.events();
        SftpCodec.Detail detail = events.hasListeners() ? SftpCodec.Detail.FIELDS_AND_DATA
                : events.virtual() || !context.requestRecorders().isEmpty() || !context.requestListeners().isEmpty()
                        || FaultRuleSet.anyRequestRule(context.faultRules()) ? SftpCodec.Detail.FIELDS
                        : SftpCodec.Detail.OPERATION;
        SftpRequest request = SftpCodec.decode(buffer, type, id, sftp.getVersion(), handlePaths, detail);
        boolean observed = detail != SftpCodec.Detail.OPERATION;
        // a request nothing records or watches takes no sequence number: the recorded ones stay dense
        return new Exchange(request, buffer, length, connectionId, user, observed ? context.nextSequence() : 0,
                ++requestsOnConnection, observed);
    }

    /**
     * Lowers a READ to the server's cap ({@link ServerContext#maxReadLength()}) before anything else reads it:
     * fault rules and listeners then see, and a throttle paces, the read as the server performs it; the record
     * keeps the length the client asked for. A server that ignores the append flag
     * ({@link ServerContext#appendIgnored()}) opens such a file for plain writing; the record keeps the flags sent.
     */
    private void limits(Exchange exchange) {
        int cap = context.maxReadLength();
        SftpOperation operation = exchange.request().operation();
        if (cap > 0 && operation == SftpOperation.READ && exchange.transferLength() > cap) {
            exchange.shortenTransfer(cap);
        } else if (operation == SftpOperation.OPEN && context.appendIgnored()) {
            SftpCodec.ignoreAppend(exchange.buffer(), sftp.getVersion());
        }
    }

    /** Finds the fault rule that fires on the request, if any (INIT never meets a rule). */
    private FaultMatch matchFault(Exchange exchange) {
        FaultRuleSet[] rules = context.faultRules();
        return FaultRuleSet.anyRequestRule(rules) ? FaultRuleSet.match(rules, exchange.request(), user) : null;
    }

    /** Performs the operation: MINA on the filesystem, or the answer listeners supplied (virtual mode). */
    private void perform(Exchange exchange) throws IOException {
        if (listeners.performsVirtually(exchange)) {
            listeners.performVirtually(exchange);
        } else {
            sftp.performWithMina(exchange);
        }
    }

    /** Whether the exchange is answered, or ends without an answer (cut off, or the connection closed). */
    private static boolean answers(Exchange exchange) {
        Exchange.Ending ending = exchange.ending();
        return (ending == Exchange.Ending.ANSWER || ending == Exchange.Ending.ANSWER_THEN_DISCONNECT)
                && exchange.reply() != null;
    }

    /**
     * Maps the answer's status to one the client's SFTP version knows, with the builder's message for the status
     * unless a listener or fault chose the message.
     */
    private void mapStatus(Exchange exchange) {
        Map<SftpStatus, String> messages = context.statusMessages();
        if (exchange.reply() instanceof Reply.Status status) {
            String message = status.explicit() ? status.message()
                    : messages.getOrDefault(status.status(), status.message());
            exchange.answer(new Reply.Status(status.status().forVersion(sftp.getVersion()), message,
                    status.explicit()));
        } else if (exchange.reply() instanceof Reply.Mina mina) {
            SftpCodec.rewriteStatus(mina.packet(), sftp.getVersion(), messages);
        }
    }

    /**
     * Encodes the answer, closes what an operation opened when its answer was replaced by an error, and keeps
     * the path of a handle it returns.
     */
    private Buffer reply(Exchange exchange) {
        Reply reply = exchange.reply();
        int id = exchange.request().id();
        Buffer buffer = exchange.buffer();
        Buffer packet;
        if (reply instanceof Reply.Mina mina) {
            packet = mina.packet();
        } else if (reply instanceof Reply.Status status) {
            releaseOpened(exchange);
            packet = SftpCodec.status(buffer, id, status.status(), status.message());
        } else if (reply instanceof Reply.Handle handle) {
            packet = SftpCodec.handle(buffer, id, handle.handle());
        } else if (reply instanceof Reply.Data data) {
            packet = SftpCodec.data(buffer, id, data.data(), data.length());
        } else if (reply instanceof Reply.Attributes attributes) {
            packet = SftpCodec.attributes(buffer, id, attributes.attributes(), sftp.getVersion());
        } else {
            Reply.Names names = (Reply.Names) reply;
            packet = SftpCodec.names(buffer, id, names.names(), names.attributes(), names.endOfList(),
                    sftp.getVersion(), sftp.getServerSession());
        }
        if (exchange.observed()) { // what the record and the paths of later requests need
            SftpCodec.ReplySummary summary = SftpCodec.summary(packet);
            exchange.sent(summary);
            SftpRequest request = exchange.request();
            if (summary.type() == SftpConstants.SSH_FXP_HANDLE && request.path() != null) {
                handlePaths.put(summary.handle(), request.path());
            } else if (request.operation() == SftpOperation.CLOSE && summary.status() == SftpStatus.OK) {
                handlePaths.remove(request.handle());
            }
        }
        return packet;
    }

    /** Closes the handle the operation opened, once its answer became a status (a listener's, or a fault's). */
    private void releaseOpened(Exchange exchange) {
        String handle = exchange.virtualOutcome() != null ? exchange.virtualOutcome().handle() : null;
        if (exchange.virtualOutcome() == null && exchange.performed() instanceof Reply.Mina mina) {
            handle = SftpCodec.summary(mina.packet()).handle();
        }
        if (handle != null && !listeners.releaseVirtual(handle)) {
            sftp.closeHandleQuietly(handle);
        }
    }

    /** Hands the request to the recording, once: before the answer goes out, or before the cut. */
    private void record(Exchange exchange) {
        if (!exchange.isRecorded()) {
            context.record(exchange::toRecord);
        }
    }

    /** Ends the channel or connection where a fault says so; the request is recorded before the cut. */
    private void end(Exchange exchange) {
        switch (exchange.ending()) {
            case DISCONNECT, ANSWER_THEN_DISCONNECT -> {
                record(exchange);
                ended = true;
                sftp.getServerSession().close(true);
            }
            case CLOSE_CHANNEL -> {
                record(exchange);
                ended = true;
                sftp.getServerChannelSession().close(false);
            }
            case NONE -> ended = true;
            default -> {
                // answered: the channel goes on
            }
        }
    }

    /** Records a request that got no answer, and tells the request listeners it is done. */
    private void completed(Exchange exchange) {
        record(exchange);
        context.requestCompleted(exchange::toRecord);
    }

    /**
     * One request on its way through the {@link RequestPipeline}: the decoded request and what the steps decided
     * about it so far (the answer, the fault applied, how the exchange ends). Each step is handed the exchange
     * explicitly; it is confined to the session's SFTP thread.
     */
    static final class Exchange {
        /** How the exchange ends once the operation's answer is decided. */
        enum Ending {
            /** The answer is sent. */
            ANSWER,
            /** The answer is sent, then the connection is dropped (a byte limit reached by a read). */
            ANSWER_THEN_DISCONNECT,
            /** The connection is dropped without an answer. */
            DISCONNECT,
            /** The SFTP channel is closed without an answer. */
            CLOSE_CHANNEL,
            /** Nothing is sent: the connection closed while the request waited. */
            NONE
        }

        private final SftpRequest request;
        private final Buffer buffer;
        private final int packetLength;
        private final long connectionId;
        private final String user;
        private final long sequence;
        private final long indexInConnection;
        private final Instant time;
        private final long startNanos = System.nanoTime();
        private int transferLength;
        private Reply reply;
        private Reply performed;
        private Ending ending = Ending.ANSWER;
        private AppliedFault fault;
        private FileSystemEvent beforeEvent;
        private FileSystemEvents.Outcome virtualOutcome;
        private SftpCodec.ReplySummary sent;
        private boolean recorded;
        private final boolean observed;

        Exchange(SftpRequest request, Buffer buffer, int packetLength, long connectionId, String user, long sequence,
                long indexInConnection, boolean observed) {
            this.request = request;
            this.buffer = buffer;
            this.packetLength = packetLength;
            this.connectionId = connectionId;
            this.user = user;
            this.sequence = sequence;
            this.indexInConnection = indexInConnection;
            this.time = observed ? Instant.now() : null; // only a record shows it
            this.transferLength = (int) Math.min(Integer.MAX_VALUE, Math.max(0, request.length()));
            this.observed = observed;
        }

        /** Whether anything records, watches or fails this request, so that its fields were decoded. */
        boolean observed() {
            return observed;
        }

        SftpRequest request() {
            return request;
        }

        /** The request's buffer: MINA reads it when it performs the request, and writes its reply into it. */
        Buffer buffer() {
            return buffer;
        }

        int packetLength() {
            return packetLength;
        }

        long connectionId() {
            return connectionId;
        }

        String user() {
            return user;
        }

        /** The bytes a read or write moves as the server performs it (after limits and faults shortened it). */
        int transferLength() {
            return transferLength;
        }

        /** Shortens a read or write: the request's length field is rewritten, so that MINA moves fewer bytes. */
        void shortenTransfer(int length) {
            SftpCodec.setTransferLength(buffer, length);
            transferLength = length;
        }

        /** The data a write writes as the server performs it: cut when a fault shortened the write. */
        byte[] writeData() {
            byte[] data = request.data();
            return data != null && data.length > transferLength ? Arrays.copyOf(data, transferLength) : data;
        }

        Reply reply() {
            return reply;
        }

        void answer(Reply answer) {
            this.reply = answer;
        }

        /** Takes MINA's reply as the answer: what it wrote when it performed the request. */
        void minaReplied(Buffer packet) {
            this.performed = new Reply.Mina(packet);
            this.reply = performed;
        }

        /** MINA's reply to the operation as it performed it, whatever replaced it since; null when MINA did not. */
        Reply performed() {
            return performed;
        }

        Ending ending() {
            return ending;
        }

        void end(Ending how) {
            this.ending = how;
        }

        AppliedFault fault() {
            return fault;
        }

        void applied(AppliedFault applied) {
            this.fault = applied;
        }

        /** The event listeners saw before the operation, or null when no event was fired. */
        FileSystemEvent beforeEvent() {
            return beforeEvent;
        }

        void beforeEvent(FileSystemEvent event) {
            this.beforeEvent = event;
        }

        /** What virtual mode answered, before the listeners' after phase turns it into the reply; else null. */
        FileSystemEvents.Outcome virtualOutcome() {
            return virtualOutcome;
        }

        void virtualOutcome(FileSystemEvents.Outcome outcome) {
            this.virtualOutcome = outcome;
        }

        /** Notes what the reply that goes out says, for the record. */
        void sent(SftpCodec.ReplySummary summary) {
            this.sent = summary;
        }

        boolean isRecorded() {
            return recorded;
        }

        /**
         * Returns the record of this request as far as it went: with the answer once it was sent, without one when
         * the request was cut off.
         */
        RecordedRequest toRecord() {
            recorded = true;
            SftpStatus status = sent == null ? null : sent.status();
            String handle = sent != null && sent.handle() != null ? sent.handle() : request.handle();
            long bytes = sent == null ? 0 : sent.dataLength();
            if (status == SftpStatus.OK && request.length() > 0 && request.operation() == SftpOperation.WRITE) {
                bytes = request.length();
            }
            return new RecordedRequest(sequence, time, connectionId, indexInConnection, user, request.operation(),
                    request.extension(), request.path(), request.targetPath(), handle, request.offset(),
                    request.length(), request.openFlags(), request.attributes(), status,
                    sent == null ? null : sent.message(), bytes, Duration.ofNanos(System.nanoTime() - startNanos),
                    fault, null, null, null);
        }
    }
}
