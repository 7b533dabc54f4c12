package io.sftptest.server.internal.probe;

import java.util.ArrayList;
import java.util.List;

import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Change;
import io.sftptest.server.internal.personality.PersonalityFile.Extension;
import io.sftptest.server.internal.personality.PersonalityFile.Sizes;
import io.sftptest.server.internal.personality.PersonalityFile.Ssh;

/** A personality file in words, one line per point, for the person who ran the probe. */
public final class ProbeReport {
    private static final int LABEL = 30;

    private final List<String> lines = new ArrayList<>();

    private ProbeReport() {
    }

    /**
     * Describes a file.
     *
     * @param file the file
     * @return the lines, without trailing newlines
     */
    public static List<String> render(PersonalityFile file) {
        ProbeReport report = new ProbeReport();
        report.all(file);
        return report.lines;
    }

    private void all(PersonalityFile file) {
        if (file.probe() != null) {
            line("Server", file.probe().target() + (file.probe().readOnly() ? " (read-only probe)" : ""));
            line("Host key", file.probe().hostKey());
        }
        ssh(file.ssh());
        if (file.sftp() != null) {
            line("SFTP versions accepted", file.sftp().versions() == null ? null : file.sftp().versions().toString());
            if (file.sftp().noiseBeforeVersion() != null) {
                line("Before the SFTP version", file.sftp().noiseBeforeVersion().length() + " characters of other output "
                        + "(a login script?): clients fail with \"Received message too long\"");
            }
            if (file.sftp().extensions() != null) {
                List<String> extensions = new ArrayList<>();
                for (Extension extension : file.sftp().extensions()) {
                    extensions.add(extension.name() + (extension.answer() == null ? ""
                            : extension.answer().isOk() ? " (works)" : " (" + Statuses.describe(extension.answer())
                                    + ")"));
                }
                line("Extensions", String.join(", ", extensions));
            }
        }
        sizes(file.sizes());
        if (file.attributes() != null) {
            line("SETSTAT (a modification time)", change(file.attributes().setstat(), "applied", "ignored (OK, nothing "
                    + "changes)"));
            line("FSETSTAT", change(file.attributes().fsetstat(), "applied", "ignored (OK, nothing changes)"));
        }
        if (file.rename() != null) {
            line("RENAME onto an existing name", change(file.rename().ontoExisting(), "replaces it",
                    "OK, but nothing replaced"));
            line("posix-rename onto existing", change(file.rename().posixOntoExisting(), "replaces it",
                    "OK, but nothing replaced"));
        }
        if (file.writes() != null) {
            line("APPEND", change(file.writes().append(), "appends", "ignored: writes land at the offset sent"));
            line("Overwrite (TRUNC)", change(file.writes().overwrite(), "replaces the content", "OK, content kept"));
        }
        if (file.names() != null) {
            line("Names", file.names().caseSensitive() == null ? null
                    : file.names().caseSensitive() ? "case-sensitive" : "case-insensitive");
            line("Real paths", file.names().realpathForm());
        }
        if (file.links() != null && file.links().symlink() != null) {
            line("Symbolic links", file.links().symlink().isOk() ? "work, " + file.links().argumentOrder()
                    + " argument order" : Statuses.describe(file.links().symlink()));
        }
        if (file.errors() != null) {
            line("Stat of a missing file", answer(file.errors().statMissing()));
            line("Open of a missing file", answer(file.errors().openMissing()));
            line("Mkdir of an existing dir", answer(file.errors().mkdirExisting()));
            line("Rmdir of a non-empty dir", answer(file.errors().rmdirNotEmpty()));
            line("Open of a directory", answer(file.errors().openDirectory()));
            line("Read of that directory", answer(file.errors().readDirectory()));
        }
        if (file.probe() != null && !file.probe().incomplete().isEmpty()) {
            lines.add("Not finished:");
            file.probe().incomplete().forEach(reason -> lines.add("  " + reason));
        }
    }

    private void ssh(Ssh ssh) {
        if (ssh == null) {
            return;
        }
        line("Identification", ssh.identification());
        line("Banner", ssh.banner() == null ? "(none)" : ssh.banner().strip().replace("\n", " / "));
        line("Key exchanges", join(ssh.keyExchanges()));
        line("Host key algorithms", join(ssh.hostKeyAlgorithms()));
        line("Ciphers", join(ssh.ciphers()));
        line("MACs", join(ssh.macs()));
        line("Compression", join(ssh.compressions()));
        line("User key algorithms", join(ssh.userKeyAlgorithms()));
    }

    private void sizes(Sizes sizes) {
        if (sizes == null) {
            return;
        }
        if (sizes.read() != null) {
            line("Largest READ answer", sizes.read().answered() + " bytes (asked for " + sizes.read().asked() + ")");
        }
        if (sizes.write() != null) {
            PersonalityFile.TooLarge tooLarge = sizes.write().tooLarge();
            line("Largest WRITE accepted", sizes.write().largestAccepted() + " bytes" + (tooLarge == null ? ""
                    : "; " + tooLarge.bytes() + " bytes: " + (tooLarge.closesChannel() ? "the server closed the channel"
                            : Statuses.describe(tooLarge.answer()))));
        }
        if (sizes.readdir() != null) {
            line("READDIR", "at most " + sizes.readdir().largestReply() + " entries per answer ("
                    + sizes.readdir().entries() + " listed)");
        }
        if (sizes.limits() != null) {
            line("limits@openssh.com", "packet " + sizes.limits().maxPacketLength() + ", read "
                    + sizes.limits().maxReadLength() + ", write " + sizes.limits().maxWriteLength() + ", open handles "
                    + sizes.limits().maxOpenHandles());
        }
    }

    private static String change(Change change, String effect, String noEffect) {
        if (change == null) {
            return null;
        }
        if (!change.answer().isOk()) {
            return "refused: " + Statuses.describe(change.answer());
        }
        return Boolean.TRUE.equals(change.effect()) ? effect : noEffect;
    }

    private static String answer(Answer answer) {
        return answer == null ? null : Statuses.describe(answer);
    }

    private static String join(List<String> names) {
        return names == null ? null : String.join(", ", names);
    }

    private void line(String label, String value) {
        if (value == null) {
            return;
        }
        StringBuilder line = new StringBuilder(label);
        while (line.length() < LABEL) {
            line.append(' ');
        }
        lines.add(line.append(' ').append(value).toString());
    }
}
