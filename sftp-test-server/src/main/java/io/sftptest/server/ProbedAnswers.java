package io.sftptest.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.sftptest.server.event.DirCreateEvent;
import io.sftptest.server.event.DirRemoveEvent;
import io.sftptest.server.event.FileOpenEvent;
import io.sftptest.server.event.FileRenameEvent;
import io.sftptest.server.event.FileSystemEvent;
import io.sftptest.server.event.FileWriteEvent;
import io.sftptest.server.event.GetAttributesEvent;
import io.sftptest.server.event.SetAttributesEvent;
import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Change;
import io.sftptest.server.internal.personality.PersonalityFile.TooLarge;

/**
 * Answers as the probed server answered, in the situations a personality file recorded: its status codes and
 * messages verbatim for a missing file, an existing or full directory, a directory opened as a file; attribute
 * changes refused or ignored; a rename onto an existing name refused or replacing; an overwrite or append refused; a
 * WRITE larger than it took refused. Each answer comes before the operation, so nothing happens that the probed
 * server would not have done; a situation the file does not hold is left to the server.
 */
final class ProbedAnswers implements SftpServerListener {
    private static final int APPEND_FLAG = 0x4;
    private static final int TRUNC_FLAG = 0x10;

    private final PersonalityFile.Errors errors;
    private final PersonalityFile.Attributes attributes;
    private final PersonalityFile.Rename rename;
    private final PersonalityFile.Writes writes;
    private final PersonalityFile.Write write;

    private ProbedAnswers(PersonalityFile file) {
        this.errors = file.errors();
        this.attributes = file.attributes();
        this.rename = file.rename();
        this.writes = file.writes();
        this.write = file.sizes() == null ? null : file.sizes().write();
    }

    /**
     * The listener for a file, or null when the file records none of these situations.
     *
     * @param file the file
     * @param limitations receives a line for each recorded status code this server cannot send (a vendor's own)
     * @return the listener, or null
     */
    static ProbedAnswers of(PersonalityFile file, List<String> limitations) {
        ProbedAnswers answers = new ProbedAnswers(file);
        answers.answers().filter(a -> a.status() >= SftpStatus.values().length).forEach(a -> limitations.add(
                "errors: the probed server answered status code " + a.status() + " (\"" + a.message() + "\"), which no "
                        + "draft names; this server answers FAILURE with the same message"));
        boolean any = file.errors() != null || file.attributes() != null || file.rename() != null
                || file.writes() != null || (answers.write != null && answers.write.tooLarge() != null
                        && answers.write.tooLarge().answer() != null);
        return any ? answers : null;
    }

    private Stream<Answer> answers() {
        Stream<Answer> all = Stream.empty();
        if (errors != null) {
            all = Stream.of(errors.statMissing(), errors.openMissing(), errors.mkdirExisting(), errors.rmdirNotEmpty(),
                    errors.openDirectory(), errors.readDirectory());
        }
        return Stream.concat(all, Stream.of(change(attributes == null ? null : attributes.setstat()),
                change(attributes == null ? null : attributes.fsetstat()),
                change(rename == null ? null : rename.ontoExisting()),
                change(rename == null ? null : rename.posixOntoExisting()),
                change(writes == null ? null : writes.append()), change(writes == null ? null : writes.overwrite())))
                .filter(a -> a != null);
    }

    private static Answer change(Change change) {
        return change == null ? null : change.answer();
    }

    @Override
    public void onGetAttributes(GetAttributesEvent e) {
        if (e.beforeExec() && errors != null && e.operation() != SftpOperation.FSTAT && isMissing(e.file())) {
            refuse(e, errors.statMissing());
        }
    }

    @Override
    public void onFileOpen(FileOpenEvent e) {
        if (!e.beforeExec() || e.file() == null) {
            return;
        }
        Path file = e.file();
        boolean v3Flags = e.desiredAccess() == 0;
        if (errors != null && Files.isDirectory(file)) {
            // a server that opens a directory and fails the READ: the same answer, one request earlier
            Answer open = errors.openDirectory();
            refuse(e, open != null && open.isOk() ? errors.readDirectory() : open);
        } else if (errors != null && !e.isWriting() && isMissing(file)) {
            refuse(e, errors.openMissing());
        } else if (writes != null && v3Flags && (e.flags() & APPEND_FLAG) != 0) {
            refuse(e, refusal(writes.append()));
        } else if (writes != null && v3Flags && (e.flags() & TRUNC_FLAG) != 0 && Files.exists(file)) {
            refuse(e, refusal(writes.overwrite()));
        }
    }

    @Override
    public void onFileWrite(FileWriteEvent e) {
        if (e.beforeExec() && write != null && write.tooLarge() != null && write.tooLarge().answer() != null
                && e.data() != null && e.data().length > write.largestAccepted()) {
            TooLarge tooLarge = write.tooLarge();
            refuse(e, tooLarge.answer());
        }
    }

    @Override
    public void onSetAttributes(SetAttributesEvent e) {
        if (!e.beforeExec() || attributes == null) {
            return;
        }
        Change change = switch (e.operation()) {
            case SETSTAT -> attributes.setstat();
            case FSETSTAT -> attributes.fsetstat();
            default -> null;
        };
        if (change == null) {
            return;
        }
        if (!change.answer().isOk()) {
            refuse(e, change.answer());
        } else if (Boolean.FALSE.equals(change.effect())) {
            e.setStatusCode(SftpStatus.OK); // answered OK, and nothing changes
        }
    }

    @Override
    public void onFileRename(FileRenameEvent e) {
        if (!e.beforeExec() || rename == null || e.newFile() == null || !Files.exists(e.newFile(),
                LinkOption.NOFOLLOW_LINKS) || isSameFile(e.file(), e.newFile())) {
            return;
        }
        Change change = e.operation() == SftpOperation.RENAME ? rename.ontoExisting() : rename.posixOntoExisting();
        if (change == null) {
            return;
        }
        if (!change.answer().isOk()) {
            refuse(e, change.answer());
        } else if (Boolean.TRUE.equals(change.effect()) && e.operation() == SftpOperation.RENAME) {
            // a v3 RENAME that replaces the target, as posix-rename does: remove the target, then let it run
            try {
                Files.delete(e.newFile());
            } catch (IOException cannot) {
                e.setStatusCode(SftpStatus.FAILURE, cannot.getMessage());
            }
        }
    }

    @Override
    public void onDirCreate(DirCreateEvent e) {
        if (e.beforeExec() && errors != null && e.file() != null && Files.exists(e.file(), LinkOption.NOFOLLOW_LINKS)) {
            refuse(e, errors.mkdirExisting());
        }
    }

    @Override
    public void onDirRemove(DirRemoveEvent e) {
        if (e.beforeExec() && errors != null && e.file() != null && Files.isDirectory(e.file(),
                LinkOption.NOFOLLOW_LINKS) && !isEmpty(e.file())) {
            refuse(e, errors.rmdirNotEmpty());
        }
    }

    private static Answer refusal(Change change) {
        return change != null && !change.answer().isOk() ? change.answer() : null;
    }

    private static void refuse(FileSystemEvent e, Answer answer) {
        if (answer != null && !answer.isOk()) {
            e.setStatusCode(PersonalityFileSetup.status(answer), answer.message());
        }
    }

    private static boolean isMissing(Path file) {
        return file != null && !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    private static boolean isEmpty(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean isSameFile(Path file, Path other) {
        try {
            return file != null && Files.isSameFile(file, other);
        } catch (IOException unreadable) {
            return false;
        }
    }
}
