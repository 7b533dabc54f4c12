package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.sshd.sftp.common.SftpConstants;

import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Attributes;
import io.sftptest.server.internal.personality.PersonalityFile.Change;
import io.sftptest.server.internal.personality.PersonalityFile.Errors;
import io.sftptest.server.internal.personality.PersonalityFile.Links;
import io.sftptest.server.internal.personality.PersonalityFile.Rename;
import io.sftptest.server.internal.personality.PersonalityFile.Writes;
import io.sftptest.server.internal.probe.Reply.Attrs;

/**
 * The checks on files, each inside the scratch directory and on files it created there: the answers to common
 * failures, attribute changes, overwrite and append, rename onto an existing name, case sensitivity and symbolic
 * links.
 */
final class FileChecks {
    /** 2001-09-09T01:46:40Z: a modification time no file gets by chance. */
    static final long SETSTAT_TIME = 1_000_000_000L;

    /** 2004-11-09T11:33:20Z, for FSETSTAT. */
    static final long FSETSTAT_TIME = 1_100_000_000L;

    static final String POSIX_RENAME = "posix-rename@openssh.com";

    private final ProbeConnection connection;
    private final String scratch;

    FileChecks(ProbeConnection connection, String scratch) {
        this.connection = connection;
        this.scratch = scratch;
    }

    private String at(String name) {
        return scratch + "/" + name;
    }

    /** The answers to a missing file, an existing directory, a full directory and a directory opened as a file. */
    Errors errors() throws IOException {
        Answer mkdirExisting = connection.mkdir(scratch);
        Answer statMissing = connection.stat(at("no-such-file")).answer();
        Answer openMissing = connection.open(at("no-such-file"), ProbeConnection.READ).answer();
        String full = at("full");
        require(connection.mkdir(full), "creating " + full);
        connection.put(full + "/file.txt", "probe\n");
        Answer rmdirNotEmpty = connection.rmdir(full);
        Reply open = connection.open(full, ProbeConnection.READ);
        Answer openDirectory = open.answer();
        Answer readDirectory = null;
        if (open.type() == SftpConstants.SSH_FXP_HANDLE) {
            byte[] handle = open.handle();
            readDirectory = connection.read(handle, 0, 1024).answer();
            connection.close(handle);
        }
        return new Errors(statMissing, openMissing, mkdirExisting, rmdirNotEmpty, openDirectory, readDirectory);
    }

    /** SETSTAT and FSETSTAT of the modification time, and whether it changed. */
    Attributes attributes() throws IOException {
        String file = at("attributes.txt");
        connection.put(file, "probe\n");
        Answer setstat = connection.setTimes(file, SETSTAT_TIME);
        Change bySetstat = new Change(setstat, setstat.isOk() ? mtime(file) == SETSTAT_TIME : null);
        // a read handle: changing times needs no write access, and servers that never overwrite refuse write opens
        byte[] handle = connection.open(file, ProbeConnection.READ).handle();
        Answer fsetstat;
        try {
            fsetstat = connection.setTimes(handle, FSETSTAT_TIME);
        } finally {
            connection.close(handle);
        }
        Change byFsetstat = new Change(fsetstat, fsetstat.isOk() ? mtime(file) == FSETSTAT_TIME : null);
        return new Attributes(bySetstat, byFsetstat);
    }

    private long mtime(String file) throws IOException {
        Long mtime = connection.stat(file).attrs().mtime();
        return mtime == null ? -1 : mtime;
    }

    /** An overwrite (TRUNC) of an existing file, and an APPEND write at offset 0. */
    Writes writes() throws IOException {
        String over = at("overwrite.txt");
        connection.put(over, "the original content\n");
        Reply open = connection.open(over, ProbeConnection.WRITE | ProbeConnection.CREAT | ProbeConnection.TRUNC);
        Change overwrite;
        if (open.type() == SftpConstants.SSH_FXP_HANDLE) {
            byte[] handle = open.handle();
            Answer written = connection.write(handle, 0, bytes("new\n"));
            connection.close(handle);
            overwrite = new Change(written, Arrays.equals(connection.get(over), bytes("new\n")));
        } else {
            overwrite = new Change(open.answer(), null);
        }
        String appended = at("append.txt");
        connection.put(appended, "0123456789");
        open = connection.open(appended, ProbeConnection.WRITE | ProbeConnection.APPEND);
        Change append;
        if (open.type() == SftpConstants.SSH_FXP_HANDLE) {
            byte[] handle = open.handle();
            Answer written = connection.write(handle, 0, bytes("abc"));
            connection.close(handle);
            append = new Change(written, Arrays.equals(connection.get(appended), bytes("0123456789abc")));
        } else {
            append = new Change(open.answer(), null);
        }
        return new Writes(append, overwrite);
    }

    /** A v3 RENAME and, when advertised, posix-rename onto an existing name. */
    Rename rename(boolean posixRename) throws IOException {
        String from = at("rename-from.txt");
        String to = at("rename-to.txt");
        connection.put(from, "from\n");
        connection.put(to, "the existing target\n");
        Answer renamed = connection.rename(from, to);
        Change v3 = new Change(renamed, renamed.isOk() ? replaced(to) : null);
        Change posix = null;
        if (posixRename) {
            String posixFrom = at("posix-rename-from.txt");
            String posixTo = at("posix-rename-to.txt");
            connection.put(posixFrom, "from\n");
            connection.put(posixTo, "the existing target\n");
            Answer answer = connection.extended(POSIX_RENAME, b -> {
                b.putString(posixFrom);
                b.putString(posixTo);
            }).answer();
            posix = new Change(answer, answer.isOk() ? replaced(posixTo) : null);
        }
        return new Rename(v3, posix);
    }

    private boolean replaced(String target) throws IOException {
        return Arrays.equals(connection.get(target), bytes("from\n"));
    }

    /**
     * Whether a name in other case finds a file.
     *
     * @return false when it does (case-insensitive), true when the server answers NO_SUCH_FILE, null for another
     *         answer
     */
    Boolean caseSensitive() throws IOException {
        connection.put(at("Case.txt"), "probe\n");
        Answer answer = connection.lstat(at("cASE.TXT")).answer();
        if (answer.isOk()) {
            return false;
        }
        return answer.status() == SftpConstants.SSH_FX_NO_SUCH_FILE ? Boolean.TRUE : null;
    }

    /** SSH_FXP_SYMLINK in OpenSSH's order, then in the drafts' order. */
    Links links() throws IOException {
        String target = at("link-target.txt");
        connection.put(target, "probe\n");
        String link = at("link-1");
        Answer targetFirst = connection.symlink(target, link);
        if (targetFirst.isOk() && isLink(link)) {
            return new Links(targetFirst, Links.TARGET_FIRST);
        }
        String other = at("link-2");
        Answer linkFirst = connection.symlink(other, target);
        if (linkFirst.isOk() && isLink(other)) {
            return new Links(linkFirst, Links.LINK_FIRST);
        }
        return new Links(targetFirst.isOk() ? linkFirst : targetFirst, null);
    }

    private boolean isLink(String path) throws IOException {
        if (connection.readlink(path).isOk()) {
            return true;
        }
        Attrs attrs = connection.attrsOrNull(path);
        return attrs != null && attrs.permissions() != null && (attrs.permissions() & 0170000) == 0120000;
    }

    static void require(Answer answer, String what) throws IOException {
        if (!answer.isOk()) {
            throw new Reply.UnexpectedAnswerException(answer, what + ": the server answered "
                    + Statuses.describe(answer));
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
