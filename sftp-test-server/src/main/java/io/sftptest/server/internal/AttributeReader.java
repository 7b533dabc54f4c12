package io.sftptest.server.internal;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.RecordedRequest;
import io.sftptest.server.SftpFileAttributes;

/**
 * Reads the attribute block of a request (with MINA's own decoder, for every protocol version) into
 * the recording's {@link SftpFileAttributes}, and normalises open flags to their SFTP v3 meaning.
 */
final class AttributeReader {
    private AttributeReader() {
    }

    /**
     * Reads an {@code ATTRS} block at the buffer's read position.
     *
     * @param buffer the request, positioned at the attributes
     * @param version the negotiated SFTP version
     * @return the attributes, or null when the block is empty
     */
    static SftpFileAttributes read(Buffer buffer, int version) {
        SftpFileAttributes attributes = Attributes.peek(buffer, version);
        return attributes.isEmpty() ? null : attributes;
    }

    static int v3OpenFlags(int access, int flags) {
        int v3 = 0;
        if ((access & SftpConstants.ACE4_READ_DATA) != 0) {
            v3 |= RecordedRequest.FXF_READ;
        }
        if ((access & (SftpConstants.ACE4_WRITE_DATA | SftpConstants.ACE4_APPEND_DATA)) != 0) {
            v3 |= RecordedRequest.FXF_WRITE;
        }
        if ((flags & (SftpConstants.SSH_FXF_APPEND_DATA | SftpConstants.SSH_FXF_APPEND_DATA_ATOMIC)) != 0) {
            v3 |= RecordedRequest.FXF_APPEND;
        }
        switch (flags & SftpConstants.SSH_FXF_ACCESS_DISPOSITION) {
            case SftpConstants.SSH_FXF_CREATE_NEW -> v3 |= RecordedRequest.FXF_CREAT | RecordedRequest.FXF_EXCL;
            case SftpConstants.SSH_FXF_CREATE_TRUNCATE -> v3 |= RecordedRequest.FXF_CREAT | RecordedRequest.FXF_TRUNC;
            case SftpConstants.SSH_FXF_OPEN_OR_CREATE -> v3 |= RecordedRequest.FXF_CREAT;
            case SftpConstants.SSH_FXF_TRUNCATE_EXISTING -> v3 |= RecordedRequest.FXF_TRUNC;
            default -> {
                // SSH_FXF_OPEN_EXISTING: no v3 bit
            }
        }
        return v3;
    }
}
