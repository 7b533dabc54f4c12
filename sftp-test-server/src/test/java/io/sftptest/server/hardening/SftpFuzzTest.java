package io.sftptest.server.hardening;

import static org.apache.sshd.sftp.common.SftpConstants.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.BufferUtils;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Test;

import io.sftptest.server.SftpTestServer;

/**
 * Sends well-framed SFTP requests with random field values, truncations and flipped bytes, and
 * checks that each one gets a reply or a closed channel, never silence; afterwards the server still
 * serves a normal client and the files outside the fuzzed user's root are intact.
 *
 * <p>Reproducible: the seed is fixed ({@code -Dsftptest.fuzz.seed=N} to change it) and the run is
 * bounded by {@code -Dsftptest.fuzz.millis} (default 3000) and a request count.
 */
class SftpFuzzTest {
    private static final long SEED = Long.getLong("sftptest.fuzz.seed", 20_261_125L);
    private static final long MILLIS = Long.getLong("sftptest.fuzz.millis", 3_000L);
    private static final int MAX_REQUESTS = Integer.getInteger("sftptest.fuzz.requests", 5_000);
    private static final int[] TYPES = {SSH_FXP_OPEN, SSH_FXP_CLOSE, SSH_FXP_READ, SSH_FXP_WRITE, SSH_FXP_LSTAT,
        SSH_FXP_FSTAT, SSH_FXP_SETSTAT, SSH_FXP_FSETSTAT, SSH_FXP_OPENDIR, SSH_FXP_READDIR, SSH_FXP_REMOVE,
        SSH_FXP_MKDIR, SSH_FXP_RMDIR, SSH_FXP_REALPATH, SSH_FXP_STAT, SSH_FXP_RENAME, SSH_FXP_READLINK,
        SSH_FXP_SYMLINK, SSH_FXP_LINK, SSH_FXP_BLOCK, SSH_FXP_UNBLOCK, SSH_FXP_EXTENDED, SSH_FXP_INIT, 0, 2, 99, 255};
    private static final String[] EXTENSIONS = {"posix-rename@openssh.com", "statvfs@openssh.com",
        "fstatvfs@openssh.com", "hardlink@openssh.com", "fsync@openssh.com", "lsetstat@openssh.com",
        "limits@openssh.com", "expand-path@openssh.com", "copy-file", "copy-data", "check-file-handle",
        "check-file-name", "md5-hash", "md5-hash-handle", "space-available", "home-directory", "users-groups-by-id@openssh.com", "nonsense"};
    private static final String[] PATHS = {"/", ".", "..", "/..", "/../..", "/a", "/a/b.txt", "a/../../x", "/d",
        "/d/e", "/link", "~", "/seed/kept.txt", "/../seed/kept.txt", "/tmp", "\u0000", "a\u0000b", "\u00e9",
        "e\u0301", "\u65e5\u672c", "/\n\t", ""};

    @Test
    void answersOrClosesOnEveryRandomRequestAndKeepsServing() throws Exception {
        Random random = new Random(SEED);
        SshClient client = RawSftp.startClient();
        try (SftpTestServer server = Health.builder().user("fuzz", "fuzz").userRootDirectory("fuzz", "/fuzz")
                .file("/fuzz/a/b.txt", "fuzz me").directory("/fuzz/d").start()) {
            Map<String, Integer> outcomes = new TreeMap<>();
            List<String> handles = new ArrayList<>();
            ClientSession session = RawSftp.login(client, server, "fuzz", "fuzz");
            RawSftp sftp = newChannel(session, random, handles);
            long deadline = System.nanoTime() + Duration.ofMillis(MILLIS).toNanos();
            int sent = 0;
            while (System.nanoTime() < deadline && sent < MAX_REQUESTS) {
                int id = sent++;
                byte[] packet = randomPacket(random, id, handles);
                sftp.sendRaw(packet);
                Buffer reply;
                try {
                    reply = sftp.reply(Duration.ofSeconds(10));
                } catch (IOException silence) {
                    throw new AssertionError("no reply and no close for request #" + id + " (seed " + SEED + "): "
                            + BufferUtils.toHex(':', packet), silence);
                }
                if (reply == null) {
                    count(outcomes, "channel closed");
                    sftp.close();
                    if (!session.isOpen()) {
                        count(outcomes, "connection closed");
                        session = RawSftp.login(client, server, "fuzz", "fuzz");
                    }
                    sftp = newChannel(session, random, handles);
                    continue;
                }
                int type = reply.getUByte();
                int replyId = reply.getInt();
                assertThat(replyId).as("reply id (seed %d)", SEED).isEqualTo(id);
                count(outcomes, type == SSH_FXP_STATUS ? "status " + reply.getInt() : "reply type " + type);
                if (type == SSH_FXP_HANDLE) {
                    handles.add(reply.getString(StandardCharsets.ISO_8859_1));
                }
            }
            sftp.close();
            session.close(true);
            System.out.println("fuzz seed " + SEED + ": " + sent + " requests, outcomes " + outcomes);
            assertThat(sent).isGreaterThan(50);
            Health.assertServes(client, server);
            assertThat(server.connections()).hasSizeLessThanOrEqualTo(1);
        } finally {
            client.stop();
        }
    }

    private static RawSftp newChannel(ClientSession session, Random random, List<String> handles) throws IOException {
        handles.clear();
        RawSftp sftp = RawSftp.openOn(session);
        sftp.init(random.nextInt(3) == 0 ? 4 + random.nextInt(3) : 3);
        return sftp;
    }

    private static void count(Map<String, Integer> outcomes, String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    private static byte[] randomPacket(Random random, int id, List<String> handles) {
        Buffer body = new ByteArrayBuffer();
        int type = TYPES[random.nextInt(TYPES.length)];
        body.putByte((byte) type);
        body.putInt(id);
        if (random.nextInt(4) == 0) {
            randomFields(random, body, handles);
        } else {
            typedFields(random, type, body, handles);
        }
        byte[] payload = body.getCompactData();
        if (random.nextInt(10) == 0 && payload.length > 5) {
            payload = java.util.Arrays.copyOf(payload, 5 + random.nextInt(payload.length - 5)); // truncated
        }
        if (random.nextInt(10) == 0 && payload.length > 5) {
            payload[5 + random.nextInt(payload.length - 5)] ^= (byte) (1 << random.nextInt(8)); // flipped bit
        }
        Buffer packet = new ByteArrayBuffer();
        packet.putBytes(payload); // uint32 length + payload: a well-formed frame
        return packet.getCompactData();
    }

    /** Fields of the right kinds for the type, with random values. */
    private static void typedFields(Random random, int type, Buffer body, List<String> handles) {
        switch (type) {
            case SSH_FXP_OPEN -> {
                body.putString(path(random));
                body.putInt(random.nextInt(0x40));
                attributes(random, body);
            }
            case SSH_FXP_CLOSE, SSH_FXP_FSTAT, SSH_FXP_READDIR -> body.putString(handle(random, handles));
            case SSH_FXP_READ -> {
                body.putString(handle(random, handles));
                body.putLong(interestingLong(random));
                body.putInt(interestingInt(random));
            }
            case SSH_FXP_WRITE -> {
                body.putString(handle(random, handles));
                body.putLong(interestingLong(random));
                body.putBytes(randomBytes(random, random.nextInt(2048)));
            }
            case SSH_FXP_FSETSTAT -> {
                body.putString(handle(random, handles));
                attributes(random, body);
            }
            case SSH_FXP_SETSTAT, SSH_FXP_MKDIR -> {
                body.putString(path(random));
                attributes(random, body);
            }
            case SSH_FXP_RENAME, SSH_FXP_SYMLINK, SSH_FXP_LINK -> {
                body.putString(path(random));
                body.putString(path(random));
                if (type == SSH_FXP_LINK) {
                    body.putBoolean(random.nextBoolean());
                }
            }
            case SSH_FXP_EXTENDED -> {
                body.putString(random.nextBoolean() ? path(random) : handle(random, handles));
                if (random.nextBoolean()) {
                    body.putString(path(random));
                }
            }
            default -> body.putString(path(random));
        }
    }

    private static void randomFields(Random random, Buffer body, List<String> handles) {
        int fields = 1 + random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            switch (random.nextInt(7)) {
                case 0 -> body.putString(path(random));
                case 1 -> body.putString(handle(random, handles));
                case 2 -> body.putInt(interestingInt(random));
                case 3 -> body.putLong(interestingLong(random));
                case 4 -> body.putBytes(randomBytes(random, random.nextInt(64)));
                case 5 -> body.putByte((byte) random.nextInt(256));
                default -> body.putInt(random.nextInt(0x100));
            }
        }
    }

    private static void attributes(Random random, Buffer body) {
        switch (random.nextInt(4)) {
            case 0 -> body.putInt(0);
            case 1 -> {
                body.putInt(SSH_FILEXFER_ATTR_SIZE);
                body.putLong(interestingLong(random));
            }
            case 2 -> {
                body.putInt(SSH_FILEXFER_ATTR_PERMISSIONS);
                body.putInt(interestingInt(random));
            }
            default -> body.putInt(interestingInt(random)); // flags promising fields that are missing
        }
    }

    private static String path(Random random) {
        return random.nextInt(5) == 0 ? randomText(random) : PATHS[random.nextInt(PATHS.length)];
    }

    private static String handle(Random random, List<String> handles) {
        return handles.isEmpty() || random.nextInt(4) == 0 ? randomText(random)
                : handles.get(random.nextInt(handles.size()));
    }

    private static int interestingInt(Random random) {
        int[] values = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFF_FFF0, 32_768, 65_536};
        return random.nextBoolean() ? values[random.nextInt(values.length)] : random.nextInt();
    }

    private static long interestingLong(Random random) {
        long[] values = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 36, 1L << 31, 4096};
        return random.nextBoolean() ? values[random.nextInt(values.length)] : random.nextLong();
    }

    private static String randomText(Random random) {
        return new String(randomBytes(random, random.nextInt(40)), StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
