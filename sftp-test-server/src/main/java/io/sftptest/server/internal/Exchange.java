package io.sftptest.server.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.apache.sshd.common.util.buffer.Buffer;

import io.sftptest.server.AppliedFault;
import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpOperation;
import io.sftptest.server.SftpStatus;
import io.sftptest.server.event.FileSystemEvent;

/**
 * One request on its way through the {@link RequestPipeline}: the decoded request and what the steps decided
 * about it so far (the answer, the fault applied, how the exchange ends). Each step is handed the exchange
 * explicitly; it is confined to the session's SFTP thread.
 */
final class Exchange {
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
    private final Instant time = Instant.now();
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

    Exchange(SftpRequest request, Buffer buffer, int packetLength, long connectionId, String user, long sequence,
            long indexInConnection) {
        this.request = request;
        this.buffer = buffer;
        this.packetLength = packetLength;
        this.connectionId = connectionId;
        this.user = user;
        this.sequence = sequence;
        this.indexInConnection = indexInConnection;
        this.transferLength = (int) Math.min(Integer.MAX_VALUE, Math.max(0, request.length()));
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
                fault);
    }
}
