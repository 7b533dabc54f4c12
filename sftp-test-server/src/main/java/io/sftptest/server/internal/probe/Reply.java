package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;

/**
 * One SFTP v3 answer, read after its type and request id.
 *
 * @param type the {@code SSH_FXP_*} type
 * @param body the rest of the packet
 */
record Reply(int type, Buffer body) {

    /** A file's attributes as far as the probe looks at them; null where the server sent none. */
    record Attrs(Long size, Integer permissions, Long mtime) {
        boolean isDirectory() {
            return permissions != null && (permissions & 0170000) == 0040000;
        }
    }

    /** One entry of an {@code SSH_FXP_NAME} answer. */
    record Name(String filename, String longname, Attrs attrs) {
    }

    /**
     * The answer as a status: the status itself, or OK for a handle, data, name or attributes answer.
     *
     * @return the answer
     */
    Answer answer() {
        if (type == SftpConstants.SSH_FXP_STATUS) {
            Buffer copy = new ByteArrayBuffer(body.array(), body.rpos(), body.available());
            Answer answer = SftpChannel.readStatus(copy);
            // the text of an OK ("Success", "") is no behaviour a client acts on
            return answer.isOk() ? Answer.ok() : answer;
        }
        return Answer.ok();
    }

    boolean isOk() {
        return answer().isOk();
    }

    /**
     * The handle of an {@code SSH_FXP_HANDLE} answer.
     *
     * @return the handle
     * @throws IOException for any other answer, with its status and message
     */
    byte[] handle() throws IOException {
        expect(SftpConstants.SSH_FXP_HANDLE, "a handle");
        return body.getBytes();
    }

    /**
     * The data of an {@code SSH_FXP_DATA} answer.
     *
     * @return the bytes
     * @throws IOException for any other answer
     */
    byte[] data() throws IOException {
        expect(SftpConstants.SSH_FXP_DATA, "data");
        return body.getBytes();
    }

    /**
     * The entries of an {@code SSH_FXP_NAME} answer.
     *
     * @return the entries
     * @throws IOException for any other answer
     */
    List<Name> names() throws IOException {
        expect(SftpConstants.SSH_FXP_NAME, "names");
        int count = body.getInt();
        List<Name> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String filename = body.getString(StandardCharsets.UTF_8);
            String longname = body.getString(StandardCharsets.UTF_8);
            names.add(new Name(filename, longname, readAttrs(body)));
        }
        return names;
    }

    /**
     * The attributes of an {@code SSH_FXP_ATTRS} answer.
     *
     * @return the attributes
     * @throws IOException for any other answer
     */
    Attrs attrs() throws IOException {
        expect(SftpConstants.SSH_FXP_ATTRS, "attributes");
        return readAttrs(body);
    }

    /**
     * The payload of an {@code SSH_FXP_EXTENDED_REPLY}.
     *
     * @return the rest of the packet
     * @throws IOException for any other answer
     */
    Buffer extendedReply() throws IOException {
        expect(SftpConstants.SSH_FXP_EXTENDED_REPLY, "an extended reply");
        return body;
    }

    private void expect(int expected, String what) throws IOException {
        if (type == expected) {
            return;
        }
        if (type == SftpConstants.SSH_FXP_STATUS) {
            Answer answer = answer();
            throw new UnexpectedAnswerException(answer, "expected " + what + ", the server answered "
                    + Statuses.describe(answer));
        }
        throw new IOException("expected " + what + ", the server answered packet type " + type);
    }

    private static Attrs readAttrs(Buffer buffer) {
        int flags = buffer.getInt();
        Long size = null;
        Integer permissions = null;
        Long mtime = null;
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_SIZE) != 0) {
            size = buffer.getLong();
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_UIDGID) != 0) {
            buffer.getInt();
            buffer.getInt();
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_PERMISSIONS) != 0) {
            permissions = buffer.getInt();
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_ACMODTIME) != 0) {
            buffer.getUInt();
            mtime = buffer.getUInt();
        }
        if ((flags & SftpConstants.SSH_FILEXFER_ATTR_EXTENDED) != 0) {
            int count = buffer.getInt();
            for (int i = 0; i < count; i++) {
                buffer.getString();
                buffer.getString();
            }
        }
        return new Attrs(size, permissions, mtime);
    }

    /** A status where another answer was expected. */
    static final class UnexpectedAnswerException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Answer answer;

        UnexpectedAnswerException(Answer answer, String message) {
            super(message);
            this.answer = answer;
        }

        Answer answer() {
            return answer;
        }
    }
}
