package io.sftptest.server.internal.personality;

import java.util.List;
import java.util.Objects;

import io.sftptest.server.SftpStatus;

/**
 * The content of a personality file (format {@value #FORMAT}): what a probe saw a real server do, point by point,
 * as docs/PERSONALITY-FILES.md describes it. A section or a point that is null was not probed (a read-only probe, a
 * check that timed out, a file written by hand that leaves it out); the server then keeps its own behaviour there.
 *
 * @param name a short name, shown where the server lists its personalities
 * @param description what the file is, in one line
 * @param probe where and when it was probed, and what the probe could not finish; null in a file written by hand
 * @param ssh the SSH identification, banner and algorithms
 * @param sftp the SFTP versions and extensions
 * @param sizes the largest read and write, and the entries per directory read
 * @param attributes what SETSTAT and FSETSTAT do
 * @param rename what a rename onto an existing name does
 * @param writes what APPEND and an overwrite do
 * @param names case sensitivity and the form of real paths
 * @param links what a symbolic link request does
 * @param errors the answers to common failures, with the server's own messages
 */
public record PersonalityFile(String name, String description, Probe probe, Ssh ssh, Sftp sftp, Sizes sizes,
        Attributes attributes, Rename rename, Writes writes, Names names, Links links, Errors errors) {

    /** The format this code writes and reads; a file of a later format is refused with a clear message. */
    public static final int FORMAT = 1;

    /**
     * Checks the name.
     *
     * @param name not blank
     */
    public PersonalityFile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a personality file needs a name");
        }
        description = description == null ? "" : description;
    }

    /**
     * Where and when the file was probed.
     *
     * @param target the server as {@code sftp://HOST:PORT/PATH}, without the user
     * @param date when, as an ISO-8601 instant
     * @param tool the program and version that probed
     * @param readOnly whether the probe only connected, listed and stat'ed
     * @param hostKey the server's host key as {@code ALGORITHM SHA256:...}
     * @param incomplete one line per check that did not finish, with the reason; empty when every check ran
     */
    public record Probe(String target, String date, String tool, boolean readOnly, String hostKey,
            List<String> incomplete) {
        /**
         * Copies the list.
         *
         * @param target the server
         * @param date when
         * @param tool who
         * @param readOnly read-only or not
         * @param hostKey the host key
         * @param incomplete the unfinished checks
         */
        public Probe {
            incomplete = incomplete == null ? List.of() : List.copyOf(incomplete);
        }
    }

    /**
     * The SSH layer as the server offers it. Algorithm lists are in the server's order of preference, as its
     * {@code SSH_MSG_KEXINIT} sends them (pseudo-algorithms such as {@code ext-info-s} and
     * {@code kex-strict-s-v00@openssh.com} included).
     *
     * @param identification the identification string, e.g. {@code SSH-2.0-OpenSSH_9.6}
     * @param banner the text of {@code SSH_MSG_USERAUTH_BANNER}, or null when the server sent none
     * @param keyExchanges the key exchange algorithms
     * @param hostKeyAlgorithms the host key (signature) algorithms
     * @param ciphers the ciphers (the server-to-client list)
     * @param macs the MACs (the server-to-client list)
     * @param compressions the compressions (the server-to-client list)
     * @param userKeyAlgorithms the signature algorithms the server accepts for user keys ({@code server-sig-algs}),
     *        or null when it did not say
     */
    public record Ssh(String identification, String banner, List<String> keyExchanges, List<String> hostKeyAlgorithms,
            List<String> ciphers, List<String> macs, List<String> compressions, List<String> userKeyAlgorithms) {
        /**
         * Copies the lists.
         *
         * @param identification the identification
         * @param banner the banner
         * @param keyExchanges key exchanges
         * @param hostKeyAlgorithms host key algorithms
         * @param ciphers ciphers
         * @param macs MACs
         * @param compressions compressions
         * @param userKeyAlgorithms user key algorithms
         */
        public Ssh {
            keyExchanges = copy(keyExchanges);
            hostKeyAlgorithms = copy(hostKeyAlgorithms);
            ciphers = copy(ciphers);
            macs = copy(macs);
            compressions = copy(compressions);
            userKeyAlgorithms = copy(userKeyAlgorithms);
        }
    }

    /**
     * The SFTP subsystem.
     *
     * @param versions the versions the server accepted when a client asked for exactly that version
     * @param noiseBeforeVersion text the server sent before its {@code SSH_FXP_VERSION} packet (a login script's
     *        output), or null when it sent none
     * @param extensions the extensions its {@code SSH_FXP_VERSION} advertises to an SFTP v3 client, in its order
     */
    public record Sftp(List<Integer> versions, String noiseBeforeVersion, List<Extension> extensions) {
        /**
         * Copies the lists.
         *
         * @param versions versions
         * @param noiseBeforeVersion noise
         * @param extensions extensions
         */
        public Sftp {
            versions = copy(versions);
            extensions = copy(extensions);
        }

        /**
         * Finds an advertised extension.
         *
         * @param extensionName e.g. {@code posix-rename@openssh.com}
         * @return the extension, or null when it is not advertised (or the list was not probed)
         */
        public Extension extension(String extensionName) {
            if (extensions == null) {
                return null;
            }
            return extensions.stream().filter(e -> e.name().equals(extensionName)).findFirst().orElse(null);
        }
    }

    /**
     * An advertised extension and what a harmless request for it got.
     *
     * @param name the extension name
     * @param data the data advertised with it, e.g. {@code "1"}
     * @param answer the answer to a request for it ({@code OK} when it worked), or null when no request was tried
     *        (the extension only informs, as {@code newline}, or the probe knows no harmless request for it)
     */
    public record Extension(String name, String data, Answer answer) {
        /**
         * Checks the name.
         *
         * @param name the name
         * @param data the data
         * @param answer the answer
         */
        public Extension {
            Objects.requireNonNull(name, "name");
            data = data == null ? "" : data;
        }
    }

    /**
     * An SFTP answer: a status code and the server's message, verbatim.
     *
     * @param status the {@code SSH_FX_*} code
     * @param message the message, or null when it does not matter (an {@code OK})
     */
    public record Answer(int status, String message) {
        /** {@code SSH_FX_OK}. */
        public static final int OK = 0;

        /**
         * An OK answer.
         *
         * @return status 0, no message
         */
        public static Answer ok() {
            return new Answer(OK, null);
        }

        /**
         * Whether the request succeeded.
         *
         * @return true for {@code SSH_FX_OK}
         */
        public boolean isOk() {
            return status == OK;
        }
    }

    /**
     * A request that changes something, and whether the change happened.
     *
     * @param answer what the server answered
     * @param effect for an {@code OK} answer, whether the change took place (the attribute set, the target replaced,
     *        the data appended); null for a refusal
     */
    public record Change(Answer answer, Boolean effect) {
        /**
         * Checks the answer.
         *
         * @param answer the answer
         * @param effect the effect
         */
        public Change {
            Objects.requireNonNull(answer, "answer");
            if (!answer.isOk()) {
                effect = null;
            }
        }
    }

    /**
     * Sizes.
     *
     * @param read the largest READ answer
     * @param write the largest WRITE accepted
     * @param readdir the entries per READDIR answer
     * @param limits the server's own {@code limits@openssh.com} answer, or null when it has none
     */
    public record Sizes(Read read, Write write, Readdir readdir, Limits limits) {
    }

    /**
     * One READ asking for many bytes of a larger file.
     *
     * @param asked the bytes asked for
     * @param answered the bytes the answer held
     */
    public record Read(int asked, int answered) {
    }

    /**
     * WRITE requests of growing size.
     *
     * @param largestAccepted the largest data accepted
     * @param tooLarge the first size that was not accepted, or null when all were
     */
    public record Write(int largestAccepted, TooLarge tooLarge) {
    }

    /**
     * A WRITE the server did not accept.
     *
     * @param bytes its data size
     * @param closesChannel true when the server closed the SFTP channel (or the connection) instead of answering
     * @param answer the answer, when it answered
     */
    public record TooLarge(int bytes, boolean closesChannel, Answer answer) {
    }

    /**
     * Listing a directory.
     *
     * @param entries the entries listed in all (with {@code .} and {@code ..} when the server sends them)
     * @param largestReply the most entries one {@code SSH_FXP_NAME} answer held
     */
    public record Readdir(int entries, int largestReply) {
    }

    /**
     * The answer to {@code limits@openssh.com}.
     *
     * @param maxPacketLength the largest packet
     * @param maxReadLength the largest read
     * @param maxWriteLength the largest write
     * @param maxOpenHandles the most open handles, 0 for no limit
     */
    public record Limits(long maxPacketLength, long maxReadLength, long maxWriteLength, long maxOpenHandles) {
    }

    /**
     * Attribute changes (a modification time).
     *
     * @param setstat by path
     * @param fsetstat through an open handle
     */
    public record Attributes(Change setstat, Change fsetstat) {
    }

    /**
     * A rename onto an existing name.
     *
     * @param ontoExisting with SFTP v3 {@code RENAME}; the effect is whether the target was replaced
     * @param posixOntoExisting with {@code posix-rename@openssh.com}, null when it is not advertised
     */
    public record Rename(Change ontoExisting, Change posixOntoExisting) {
    }

    /**
     * Writes to an existing file.
     *
     * @param append a WRITE at offset 0 to a file opened with {@code SSH_FXF_APPEND}; the effect is whether the data
     *        went to the end
     * @param overwrite an open with {@code SSH_FXF_TRUNC} and a write; the effect is whether the content was replaced
     */
    public record Writes(Change append, Change overwrite) {
    }

    /**
     * Names.
     *
     * @param caseSensitive whether a name in another case is another name; null when not probed
     * @param realpathForm the form of the real path of the home directory: {@value #UNIX} or
     *        {@value #WINDOWS_DRIVE} ({@code /C:/...})
     */
    public record Names(Boolean caseSensitive, String realpathForm) {
        /** Real paths such as {@code /home/alice}. */
        public static final String UNIX = "unix";

        /** Real paths such as {@code /C:/Users/alice}, as Windows servers answer. */
        public static final String WINDOWS_DRIVE = "windows-drive";
    }

    /**
     * Symbolic links.
     *
     * @param symlink the answer to {@code SSH_FXP_SYMLINK}
     * @param argumentOrder when it worked, which argument the server took as the link: {@value #TARGET_FIRST}
     *        (OpenSSH's order: target path, then link path) or {@value #LINK_FIRST} (the drafts' order)
     */
    public record Links(Answer symlink, String argumentOrder) {
        /** OpenSSH's order: the target path first, then the link path. */
        public static final String TARGET_FIRST = "target-first";

        /** The drafts' order: the link path first, then the target path. */
        public static final String LINK_FIRST = "link-first";
    }

    /**
     * The answers to common failures.
     *
     * @param statMissing {@code STAT} of a name that does not exist
     * @param openMissing {@code OPEN} for reading of a name that does not exist
     * @param mkdirExisting {@code MKDIR} of an existing directory
     * @param rmdirNotEmpty {@code RMDIR} of a directory that holds a file
     * @param openDirectory {@code OPEN} for reading of a directory
     * @param readDirectory {@code READ} through the handle of a directory, when {@code openDirectory} was OK
     */
    public record Errors(Answer statMissing, Answer openMissing, Answer mkdirExisting, Answer rmdirNotEmpty,
            Answer openDirectory, Answer readDirectory) {
    }

    /**
     * Names a status code after the protocol.
     *
     * @param code an {@code SSH_FX_*} code
     * @return e.g. {@code PERMISSION_DENIED}, or the number for a code no draft names
     */
    public static String statusName(int code) {
        return code >= 0 && code < SftpStatus.values().length ? SftpStatus.fromCode(code).name()
                : Integer.toString(code);
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }
}
