package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.util.List;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Limits;
import io.sftptest.server.internal.personality.PersonalityFile.Read;
import io.sftptest.server.internal.personality.PersonalityFile.Readdir;
import io.sftptest.server.internal.personality.PersonalityFile.TooLarge;
import io.sftptest.server.internal.personality.PersonalityFile.Write;
import io.sftptest.server.internal.probe.Reply.Name;

/** The sizes a server honours: one big READ, WRITEs of growing size, and how many entries a READDIR answer holds. */
final class LimitChecks {
    /** What one READ asks for: more than any server's cap seen in the field (OpenSSH: 255 KiB). */
    static final int READ_ASKED = 1024 * 1024;

    /**
     * The WRITE sizes tried, in order: what clients send (32 KiB to 128 KiB), OpenSSH's largest (255 KiB), then
     * 1 MiB, beyond what most servers take.
     */
    static final List<Integer> WRITE_SIZES = List.of(32 * 1024, 64 * 1024, 128 * 1024, 255 * 1024, 1024 * 1024);

    /** Files listed: one more than OpenSSH's 100 entries per answer. */
    static final int LISTED_FILES = 101;

    private final ProbeConnection connection;
    private final String scratch;

    LimitChecks(ProbeConnection connection, String scratch) {
        this.connection = connection;
        this.scratch = scratch;
    }

    /** Lists a directory of {@value #LISTED_FILES} empty files that the check creates. */
    Readdir readdir() throws IOException {
        String directory = scratch + "/listing";
        FileChecks.require(connection.mkdir(directory), "creating " + directory);
        for (int i = 0; i < LISTED_FILES; i++) {
            byte[] handle = connection.open(String.format("%s/file-%03d", directory, i),
                    ProbeConnection.WRITE | ProbeConnection.CREAT | ProbeConnection.TRUNC).handle();
            connection.close(handle);
        }
        return count(connection.listInBatches(directory));
    }

    /**
     * Lists an existing directory (read-only probes).
     *
     * @param directory the directory
     * @return the entries and the largest answer
     * @throws IOException when the listing fails
     */
    Readdir readdirOf(String directory) throws IOException {
        return count(connection.listInBatches(directory));
    }

    private static Readdir count(List<List<Name>> batches) {
        int entries = 0;
        int largest = 0;
        for (List<Name> batch : batches) {
            entries += batch.size();
            largest = Math.max(largest, batch.size());
        }
        return new Readdir(entries, largest);
    }

    /** One READ of {@value #READ_ASKED} bytes at the start of a larger file. */
    Read read() throws IOException {
        String file = scratch + "/read-size.bin";
        byte[] content = new byte[READ_ASKED + 1];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        connection.put(file, content);
        byte[] handle = connection.open(file, ProbeConnection.READ).handle();
        try {
            return new Read(READ_ASKED, connection.read(handle, 0, READ_ASKED).data().length);
        } finally {
            connection.close(handle);
        }
    }

    /** WRITEs of {@link #WRITE_SIZES} in turn, until one is not accepted. Last: it may end the channel. */
    Write write() throws IOException {
        String file = scratch + "/write-size.bin";
        byte[] handle = connection.open(file, ProbeConnection.WRITE | ProbeConnection.CREAT | ProbeConnection.TRUNC)
                .handle();
        int largest = 0;
        long offset = 0;
        for (int size : WRITE_SIZES) {
            Answer answer;
            try {
                answer = connection.write(handle, offset, new byte[size]);
            } catch (ChannelClosedException closed) {
                return new Write(largest, new TooLarge(size, true, null));
            }
            if (!answer.isOk()) {
                connection.close(handle);
                return new Write(largest, new TooLarge(size, false, answer));
            }
            largest = size;
            offset += size;
        }
        connection.close(handle);
        return new Write(largest, null);
    }

    /** The server's own statement of its limits. */
    Limits limits() throws IOException {
        Reply reply = connection.extended("limits@openssh.com", b -> {
        });
        Buffer body = reply.extendedReply();
        return new Limits(body.getLong(), body.getLong(), body.getLong(), body.getLong());
    }

    static boolean isStatus(Reply reply, int code) {
        return reply.type() == SftpConstants.SSH_FXP_STATUS && reply.answer().status() == code;
    }
}
