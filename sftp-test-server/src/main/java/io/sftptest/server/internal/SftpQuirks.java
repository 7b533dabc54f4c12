package io.sftptest.server.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How this server's SFTP answers differ from MINA's, where real servers differ from it in ways a personality
 * reproduces: how many names one {@code SSH_FXP_NAME} answer to a {@code READDIR} holds, whether {@code REALPATH}
 * answers Windows drive paths ({@code /C:/...}), what a login script prints before the version packet, whether a
 * v3 {@code RENAME} replaces an existing name, whether long names hide the group and other permissions as on
 * Windows, and which advertised extensions are refused. Immutable; {@link #NONE} is MINA's behaviour.
 *
 * @param readdirEntries the most names per {@code READDIR} answer: {@link #BY_SIZE} for MINA's (as many as fit in
 *        16 KiB), {@link #ALL} for the whole directory at once, or a count from 1
 * @param drive the drive letter real paths start with ({@code "C"} for {@code /C:/...}), or null for Unix paths
 * @param loginNoise the text written to the SFTP channel before the version packet, or null for none
 * @param renameOverwrites whether a {@code RENAME} without {@code SSH_FXF_RENAME_OVERWRITE} replaces an existing
 *        target, as {@code posix-rename@openssh.com} does
 * @param windowsLongNames whether the long names of listings show {@code *} for the group and other permissions
 * @param unsupportedExtensions extensions still advertised whose requests answer {@code OP_UNSUPPORTED}
 */
public record SftpQuirks(int readdirEntries, String drive, String loginNoise, boolean renameOverwrites,
        boolean windowsLongNames, Set<String> unsupportedExtensions) {
    /** {@link #readdirEntries()}: as many names as MINA fits in one answer. */
    public static final int BY_SIZE = 0;

    /** {@link #readdirEntries()}: the whole directory in one answer. */
    public static final int ALL = Integer.MAX_VALUE;

    /** MINA's behaviour everywhere. */
    public static final SftpQuirks NONE = new SftpQuirks(BY_SIZE, null, null, false, false, Set.of());

    /**
     * Checks the values.
     *
     * @param readdirEntries {@link #BY_SIZE}, {@link #ALL} or a count from 1
     * @param drive one letter, or null
     * @param loginNoise any text, or null
     * @param renameOverwrites replace on rename
     * @param windowsLongNames Windows long names
     * @param unsupportedExtensions refused extensions
     */
    public SftpQuirks {
        if (readdirEntries < 0) {
            throw new IllegalArgumentException("entries per READDIR must be at least 1, was " + readdirEntries);
        }
        if (drive != null && !drive.matches("[A-Za-z]")) {
            throw new IllegalArgumentException("a drive is one letter, e.g. C; was \"" + drive + "\"");
        }
        drive = drive == null ? null : drive.toUpperCase(Locale.ROOT);
        loginNoise = loginNoise == null || loginNoise.isEmpty() ? null : loginNoise;
        unsupportedExtensions = Set.copyOf(unsupportedExtensions);
    }

    /**
     * Returns a copy with another number of names per {@code READDIR} answer.
     *
     * @param entries {@link #BY_SIZE}, {@link #ALL} or a count from 1
     * @return the copy
     */
    public SftpQuirks withReaddirEntries(int entries) {
        return new SftpQuirks(entries, drive, loginNoise, renameOverwrites, windowsLongNames, unsupportedExtensions);
    }

    /**
     * Returns a copy whose real paths start with a drive.
     *
     * @param letter the drive letter, e.g. {@code "C"}
     * @return the copy
     */
    public SftpQuirks withDrive(String letter) {
        return new SftpQuirks(readdirEntries, Objects.requireNonNull(letter, "letter"), loginNoise, renameOverwrites,
                windowsLongNames, unsupportedExtensions);
    }

    /**
     * Returns a copy that prints text before the version packet.
     *
     * @param text the text
     * @return the copy
     */
    public SftpQuirks withLoginNoise(String text) {
        return new SftpQuirks(readdirEntries, drive, text, renameOverwrites, windowsLongNames, unsupportedExtensions);
    }

    /**
     * Returns a copy whose v3 renames replace an existing target.
     *
     * @return the copy
     */
    public SftpQuirks withRenameOverwrites() {
        return new SftpQuirks(readdirEntries, drive, loginNoise, true, windowsLongNames, unsupportedExtensions);
    }

    /**
     * Returns a copy with Windows-style long names.
     *
     * @return the copy
     */
    public SftpQuirks withWindowsLongNames() {
        return new SftpQuirks(readdirEntries, drive, loginNoise, renameOverwrites, true, unsupportedExtensions);
    }

    /**
     * Returns a copy that also refuses these advertised extensions.
     *
     * @param extensions extension names
     * @return the copy
     */
    public SftpQuirks withUnsupportedExtensions(List<String> extensions) {
        Set<String> all = new LinkedHashSet<>(unsupportedExtensions);
        all.addAll(extensions);
        return new SftpQuirks(readdirEntries, drive, loginNoise, renameOverwrites, windowsLongNames, all);
    }
}
