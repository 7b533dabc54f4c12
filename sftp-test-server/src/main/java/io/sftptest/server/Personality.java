package io.sftptest.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import io.sftptest.server.internal.SftpQuirks;

/**
 * A named bundle of settings, listeners and fault rules that makes the server behave like a kind of SFTP server
 * that client code meets in production, so that a test reproduces its quirk in one line:
 *
 * <pre>{@code
 * SftpTestServer server = SftpTestServer.builder()
 *         .personality(Personality.NO_SETSTAT)       // uploads work, attribute changes are refused
 *         .personality(Personality.SFTP_V3_ONLY)
 *         .start();
 * }</pre>
 *
 * <p>Each preset documents the symptom it reproduces. Personalities compose ({@link SftpTestServer.Builder#personality
 * builder.personality(a).personality(b)}); two that set the same setting differently are refused. They are built
 * from builder settings (a few, such as case-insensitive names and {@link #NO_SUCH_PATH}, reachable only through a
 * personality), {@link SftpServerListener listeners} that answer a status before the operation runs, and
 * {@link SftpTestServer.Builder#faults(Consumer) the builder's fault rules} ({@link #SLOW}), so they survive
 * {@link SftpTestServer#reset()} and show in the {@link Recording} like any other answer. A test's own
 * {@link SftpTestServer#faults() fault rules} come first: the listeners still see every request, but on a request
 * that a test's rule fires on, the personality's own fault rules (the delay and throttle of {@link #SLOW}) do not
 * apply. Define your own with
 * {@link #of(String, String, Consumer)}; pick presets by name with {@link #parse(String)} (the JUnit annotation and
 * the command line runner do).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Personality {
    /** The message of {@link #NO_SETSTAT}, as managed cloud SFTP services word it. */
    public static final String NO_SETSTAT_MESSAGE = "This server does not support operations to modify file attributes.";

    /** The read size of {@link #SMALL_READS}: 32 KiB. */
    public static final int SMALL_READ_BYTES = 32 * 1024;

    /** The inbox of {@link #INBOX_ONLY}: {@code /inbox}. */
    public static final String DEFAULT_INBOX = "/inbox";

    /** The latency of {@link #SLOW}: 100 ms per request. */
    public static final Duration SLOW_LATENCY = Duration.ofMillis(100);

    /** The bandwidth of {@link #SLOW}: 1 MiB/s. */
    public static final long SLOW_BYTES_PER_SECOND = 1024 * 1024;

    private static final String SFTP_VERSIONS = "the SFTP versions";
    private static final String SIGNATURES = "the signature algorithms and host key";
    private static final String CIPHERS = "the ciphers";
    private static final String POSIX_RENAME = "posix-rename@openssh.com";
    private static final String INBOX = "the inbox";
    private static final String READ_SIZE = "the read size";
    private static final String PACE = "the latency and bandwidth";
    private static final String ATTRIBUTE_CHANGES = "what SETSTAT and FSETSTAT do";
    private static final String RENAME_ONTO_EXISTING = "what a rename onto an existing name does";
    private static final String READDIR_BATCH = "the names per READDIR answer";
    private static final String APPEND = "what the APPEND flag does";
    private static final String REAL_PATHS = "the form of real paths";
    private static final String LOGIN_OUTPUT = "the output before the SFTP version packet";

    /** What {@link #NOISY_LOGIN} prints before the SFTP version packet, as a login script's {@code echo} would. */
    public static final String LOGIN_NOISE = "Welcome to the file exchange. Authorised use only.\n";

    /** The extensions {@link #EXTENSIONS_UNSUPPORTED} advertises and then refuses. */
    public static final List<String> UNSUPPORTED_EXTENSIONS = List.of("hardlink@openssh.com", "statvfs@openssh.com",
            "fstatvfs@openssh.com");

    /**
     * Attribute changes refused: {@code SETSTAT}, {@code FSETSTAT} and {@code lsetstat@openssh.com} answer
     * {@code PERMISSION_DENIED} with {@value #NO_SETSTAT_MESSAGE}; uploads themselves succeed. Managed cloud SFTP
     * services behave so. Symptom: a client that preserves the local modification time or permissions after an
     * upload fails although the file arrived: sshj's {@code put} by default (survives with
     * {@code getFileTransfer().setPreserveAttributes(false)}), rclone (survives with {@code --sftp-set-modtime=false}),
     * JSch's {@code chmod}/{@code setMtime}, paramiko's {@code chmod}/{@code utime}; OpenSSH {@code put -p} reports
     * the refusal ("remote fsetstat: Permission denied") and goes on; lftp ignores it silently (its {@code put} sends
     * {@code FSETSTAT}, {@code mirror -R} also {@code SETSTAT}; it prints nothing, even with {@code debug 9}, and
     * exits 0).
     */
    public static final Personality NO_SETSTAT = new Personality("no-setstat",
            "SETSTAT/FSETSTAT answer PERMISSION_DENIED \"" + NO_SETSTAT_MESSAGE + "\"; uploads succeed",
            Set.of(ATTRIBUTE_CHANGES),
            builder -> builder.listener(AttributeChanges.refused(SftpStatus.PERMISSION_DENIED, NO_SETSTAT_MESSAGE)));

    /**
     * A write-only drop box that takes every upload out of the client's reach once it is written, as boxes that hand
     * each upload on at once do: uploads (and {@code mkdir}) work; opening a file for reading and listing a directory
     * answer {@code PERMISSION_DENIED}; {@code STAT}/{@code LSTAT} and {@code SETSTAT} of a file answer
     * {@code NO_SUCH_FILE} whether the file exists or not, so they do not tell which names are taken. Directories
     * can still be stat'ed and changed (clients check that the target directory exists, and create it when it
     * does not), and the upload in progress can still get its times and mode through its handle ({@code FSETSTAT}:
     * OpenSSH {@code put -p}, lftp). A client that writes can still tell a taken name from a free one by creating it
     * exclusively or renaming onto it.
     *
     * <p>The evidence: paramiko's {@code put}, which stats the file it wrote unless {@code confirm=False}, got "No
     * such file" from a host "that has disabled stating of put files" (paramiko/paramiko#134) and from drop boxes
     * that move uploads away at once (paramiko/paramiko#1843). A box that refuses the stat instead
     * ({@code PERMISSION_DENIED}, as ProFTPD with {@code <Limit READ>} does) is one fault rule on {@code STAT} away.
     *
     * <p>Symptom: a client that stats or re-reads what it uploaded (to check the size, to resume, to verify) fails
     * although the upload worked: paramiko's {@code put} ("[Errno 2] No such file"; survives with
     * {@code confirm=False}), rclone (it sets the modification time and stats after every upload); OpenSSH
     * {@code put}, lftp and curl upload fine, and their listings fail.
     */
    public static final Personality WRITE_ONLY = new Personality("write-only",
            "uploads work; reading a file and listing a directory answer PERMISSION_DENIED; stat and setstat of a file "
                    + "answer NO_SUCH_FILE, whether it exists or not",
            Set.of(), builder -> builder.listener(new WriteOnly()));

    /**
     * Never overwrites: any open of an existing file for writing (truncating, appending, or resuming at an offset)
     * and renaming onto an existing name answer {@code PERMISSION_DENIED}; new files and deletes work. Requests without
     * an event ({@code copy-file} and other extensions) are not checked. Symptom: re-running an upload job, or
     * uploading to a temporary name and renaming it onto the final one a second time, fails.
     */
    public static final Personality NO_OVERWRITE = new Personality("no-overwrite",
            "writing to an existing file or renaming onto an existing name answers PERMISSION_DENIED",
            Set.of(RENAME_ONTO_EXISTING), builder -> builder.listener(new NoOverwrite()));

    /**
     * Plain SFTP v3 rename only: the server does not offer {@code posix-rename@openssh.com} (requests for it answer
     * {@code OP_UNSUPPORTED}), so a rename onto an existing name fails with {@code FAILURE}, as SFTP v3 specifies,
     * where OpenSSH's server would replace the target. (A v5+ client that sends {@code SSH_FXF_RENAME_OVERWRITE}
     * still replaces it, as the later drafts allow.) Symptom: "rename the temporary file onto the final name"
     * works against OpenSSH and fails here the second time (OpenSSH {@code sftp rename}, JSch {@code rename}).
     */
    public static final Personality NO_POSIX_RENAME = new Personality("no-posix-rename",
            "no posix-rename@openssh.com: a rename onto an existing name fails (SFTP v3 semantics)",
            Set.of(RENAME_ONTO_EXISTING), builder -> builder.disableExtension(POSIX_RENAME));

    /**
     * Uploads only into {@value #DEFAULT_INBOX}: see {@link #inboxOnly(String)}.
     */
    public static final Personality INBOX_ONLY = inboxOnly(DEFAULT_INBOX);

    /**
     * An SFTP v3-only server (most servers in the field): clients that ask for a later version get v3, and every
     * status code is one v3 knows ({@code FILE_ALREADY_EXISTS}, {@code NO_SUCH_PATH}, {@code DIR_NOT_EMPTY}... arrive
     * as {@code FAILURE} or {@code NO_SUCH_FILE}). Symptom: client code that branches on a v4+ status code.
     */
    public static final Personality SFTP_V3_ONLY = new Personality("sftp-v3-only",
            "SFTP version 3 only, with v3 status codes", Set.of(SFTP_VERSIONS), builder -> builder.protocolVersion(3));

    /**
     * An SFTP v6-only server: a client must negotiate version 6 (and use its OPEN access masks, its attribute
     * layout and its status codes); v3 clients such as OpenSSH's {@code sftp}, JSch and sshj are refused at
     * {@code SSH_FXP_INIT}. Symptom: a client that assumes v3 cannot talk to it; one that negotiates (MINA's) gets
     * v6 semantics.
     */
    public static final Personality SFTP_V6_ONLY = new Personality("sftp-v6-only",
            "SFTP version 6 only: v3 clients are refused", Set.of(SFTP_VERSIONS),
            builder -> builder.protocolVersions(6, 6));

    /**
     * {@code NO_SUCH_PATH} for a missing directory: a request on a path whose directory does not exist
     * ({@code OPEN /nodir/x.txt}, {@code STAT /a/b/c}, {@code MKDIR}, {@code OPENDIR}, {@code REMOVE}, a
     * {@code RENAME} from or into it...) answers {@code NO_SUCH_PATH} to a client of SFTP v4 or later, where this
     * server, like most, answers {@code NO_SUCH_FILE}. A missing name in a directory that exists is still
     * {@code NO_SUCH_FILE}, and v3 clients (OpenSSH {@code sftp}, curl, rclone, paramiko, JSch, sshj) get
     * {@code NO_SUCH_FILE} for both, as v3 has no other code: together with {@link #SFTP_V3_ONLY} this preset
     * changes nothing.
     *
     * <p>The evidence: the drafts define the code from version 4 on, "the file path does not exist or is invalid"
     * (<a href="https://datatracker.ietf.org/doc/html/draft-ietf-secsh-filexfer-03">draft-ietf-secsh-filexfer-03</a>);
     * Titan FTP Server lists it among the codes it implements
     * (<a href="http://www.southrivertech.com/support/titanftp/v7/webhelp/sftp_return_codes_overview.htm">SFTP
     * return codes</a>); MikroTik answers a stat in a missing directory with it
     * (<a href="https://github.com/tenstad/terraform-provider-remote/pull/265">tenstad/terraform-provider-remote#265</a>;
     * that client speaks v3, so MikroTik sends it to v3 clients too, which this preset does not). The v4–v6
     * servers met most (ProFTPD's {@code mod_sftp}, Erlang's {@code ssh_sftpd}, Apache MINA SSHD, Maverick) never
     * send it.
     *
     * <p>Symptom: code that treats only {@code NO_SUCH_FILE} as "missing" fails where it would create what is
     * missing. MINA's SFTP {@code FileSystem} maps only {@code NO_SUCH_FILE} to {@code NoSuchFileException}, so its
     * {@code Files.createDirectories("/a/b/c")} fails when three or more levels are missing ("SFTP error
     * (SSH_FX_NO_SUCH_PATH): No such path" from the stat of {@code /a/b}); lftp prints "No such path". Only clients
     * that negotiate v4 or later trip: MINA's {@code SftpClient} and {@code FileSystem}, lftp.
     */
    public static final Personality NO_SUCH_PATH = new Personality("no-such-path",
            "a request on a path whose directory does not exist answers NO_SUCH_PATH to SFTP v4+ clients "
                    + "(NO_SUCH_FILE to v3 clients)",
            Set.of(), builder -> builder.noSuchPath());

    /**
     * RSA with SHA-1 only, as servers from before OpenSSH 7.2 (2016): an RSA host key that signs with
     * {@code ssh-rsa} only, and RSA user keys accepted with {@code ssh-rsa} signatures only (no
     * {@code rsa-sha2-256}/{@code -512}); Ed25519 and ECDSA user keys still work. Symptom: OpenSSH 8.8+ refuses the
     * server ("no matching host key type found. Their offer: ssh-rsa") until the client re-enables it
     * ({@code -o HostKeyAlgorithms=+ssh-rsa}); with an RSA user key it also needs
     * {@code -o PubkeyAcceptedAlgorithms=+ssh-rsa}, or the login fails with "Permission denied (password,publickey)";
     * lftp (through OpenSSH) fails too; libssh2 (curl), rclone and paramiko still accept it. The RSA host
     * key is generated once per JVM; an RSA host key given to the builder is kept (as the only one).
     */
    public static final Personality SSH_RSA_ONLY = new Personality("ssh-rsa-only",
            "host key ssh-rsa (RSA with SHA-1) only; RSA user keys with ssh-rsa signatures only", Set.of(SIGNATURES),
            builder -> {
                HostKey rsa = builder.hostKeys() == null ? null : builder.hostKeys().stream()
                        .filter(key -> "ssh-rsa".equals(key.algorithm())).findFirst().orElse(null);
                builder.hostKey(rsa != null ? rsa : CachedRsa.KEY);
                builder.signatures("ssh-rsa", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
                        "ecdsa-sha2-nistp521");
            });

    /**
     * CBC ciphers only ({@code aes128-cbc}, {@code aes192-cbc}, {@code aes256-cbc}) with the MACs of their time
     * ({@code hmac-sha2-256}, {@code hmac-sha2-512}, {@code hmac-sha1}; no encrypt-then-MAC), as old servers and
     * some appliances. Symptom: OpenSSH 7.4+ offers no CBC cipher by default ("no matching cipher found") until
     * the client names one ({@code -c aes128-cbc}); lftp (through OpenSSH) and rclone (until
     * {@code --sftp-use-insecure-cipher}) fail too; libssh2 (curl) and paramiko still accept CBC.
     */
    public static final Personality CBC_ONLY = new Personality("cbc-only",
            "ciphers aes128-cbc, aes192-cbc, aes256-cbc only (MACs without encrypt-then-MAC)", Set.of(CIPHERS),
            builder -> builder.ciphers("aes128-cbc", "aes192-cbc", "aes256-cbc")
                    .macs("hmac-sha2-256", "hmac-sha2-512", "hmac-sha1"));

    /**
     * SFTP only: {@code exec} and {@code shell} requests are refused at once (a channel request failure, then the
     * channel closes), as on servers that allow SFTP and nothing else (OpenSSH with a restricted account, managed
     * SFTP services, storage appliances). The refusal is recorded as an {@link SftpOperation#EXEC} answered
     * {@link SftpStatus#OP_UNSUPPORTED}. Symptom: a client that probes the server with commands must fall back:
     * Commons VFS probes {@code id -u} on every new file system and then treats the server as exec-less (its
     * permission checks change: apache/commons-vfs pull requests 27 and 75, VFS-590, VFS-617; some such servers
     * even drop later channels, pull request 80 added {@code setDisableDetectExecChannel}); rclone's hash probes
     * ({@code md5sum}, {@code sha1sum}) fail and it lists no hashes, so {@code rclone md5sum} prints none and
     * {@code --checksum} falls back to size (rclone/rclone pull request 1958 added {@code --sftp-disable-hashcheck}
     * because such servers log every attempt as hostile; issue 8950); OpenSSH {@code ssh host cmd} prints
     * "exec request failed on channel 0". Without this personality the server answers exec like a shell
     * ({@link SftpOperation#EXEC}).
     */
    public static final Personality NO_EXEC = new Personality("no-exec",
            "exec and shell requests are refused at once (channel request failure, then close): SFTP only",
            Set.of(), builder -> builder.refuseExec());

    /**
     * Short reads: every {@code READ} returns at most {@value #SMALL_READ_BYTES} bytes, whatever the client asked
     * for; see {@link #smallReads(int)}.
     */
    public static final Personality SMALL_READS = smallReads(SMALL_READ_BYTES);

    /**
     * Case-insensitive names, as on a Windows server: {@code /In/Report.CSV} finds {@code /in/report.csv},
     * uploading {@code A.txt} and then {@code a.txt} leaves one file, and listings show each name as it was created;
     * a rename that changes only the case ({@code A.txt} to {@code a.txt}) changes it, as Windows (NTFS) and macOS
     * servers do. Symptom: two files whose names differ in case overwrite each other; a client that compares a
     * listing with the names it uploaded by exact case misses files. In-memory filesystem only; names fold ASCII
     * case only, and {@code realpath} answers the case the client sent.
     */
    public static final Personality CASE_INSENSITIVE = new Personality("case-insensitive",
            "names are looked up ignoring ASCII case (Windows-like); listings keep the case they were created with, "
                    + "a case-only rename changes it",
            Set.of(), builder -> builder.caseInsensitive());

    /**
     * A slow server: {@link #SLOW_LATENCY} per request and {@link #SLOW_BYTES_PER_SECOND} for data; see
     * {@link #slow(Duration, long)}.
     */
    public static final Personality SLOW = slow(SLOW_LATENCY, SLOW_BYTES_PER_SECOND);

    /**
     * Attribute changes not implemented: {@code SETSTAT}, {@code FSETSTAT} and {@code lsetstat@openssh.com} answer
     * {@code OP_UNSUPPORTED} ("Command SSH_FXP_SETSTAT is unsupported"); uploads succeed. The evidence: an S3-backed
     * SFTP gateway answered exactly this to ssh2-sftp-client's {@code put}, which changes the mode of what it
     * uploaded, so every upload failed although the file arrived
     * (<a href="https://github.com/theophilusx/ssh2-sftp-client/issues/330">ssh2-sftp-client#330</a>; mscdex/ssh2#1453
     * for {@code createWriteStream}). Symptom: as {@link #NO_SETSTAT}, with another status, so code that tolerates
     * {@code PERMISSION_DENIED} and not {@code OP_UNSUPPORTED} (or the other way round) trips: sshj's {@code put}
     * fails, JSch's {@code chmod}/{@code setMtime} throw {@code SftpException} id 8, OpenSSH {@code put -p} prints
     * "remote fsetstat: Operation unsupported" and goes on, paramiko's {@code chmod} raises
     * {@code OSError: Command SSH_FXP_SETSTAT is unsupported}.
     */
    public static final Personality SETSTAT_UNSUPPORTED = new Personality("setstat-unsupported",
            "SETSTAT/FSETSTAT answer OP_UNSUPPORTED; uploads succeed", Set.of(ATTRIBUTE_CHANGES),
            builder -> builder.listener(AttributeChanges.refused(SftpStatus.OP_UNSUPPORTED,
                    "Command SSH_FXP_SETSTAT is unsupported")));

    /**
     * Attribute changes ignored: {@code SETSTAT}, {@code FSETSTAT} and {@code lsetstat@openssh.com} answer {@code OK}
     * and change nothing, as SFTPGo with {@code setstat_mode = 1} ("ignore") does for cloud storage that cannot keep a
     * mode or a time (<a href="https://docs.sftpgo.com/latest/config-file/">SFTPGo configuration:
     * setstat_mode</a>; drakkan/sftpgo#922 is a user who needed it). Symptom: nothing fails, and the times and modes
     * a client set are not there: OpenSSH {@code put -p}, sshj's {@code put}, rclone's modification times, JSch's
     * {@code setMtime}, then a stat or a listing shows the upload time instead; sync tools that compare times
     * ({@code rclone sync}, lftp {@code mirror}) upload the same files again on every run.
     */
    public static final Personality SETSTAT_IGNORED = new Personality("setstat-ignored",
            "SETSTAT/FSETSTAT answer OK and change nothing", Set.of(ATTRIBUTE_CHANGES),
            builder -> builder.listener(AttributeChanges.ignored()));

    /**
     * A plain SFTP v3 {@code RENAME} onto an existing name silently replaces it, as {@code posix-rename@openssh.com}
     * would, where SFTP v3 (and this server) answer {@code FAILURE}: SFTPGo does so by default
     * (<a href="https://github.com/drakkan/sftpgo/issues/2068">drakkan/sftpgo#2068</a>), as Go's pkg/sftp server
     * (pkg/sftp#200) and Win32-OpenSSH's {@code posix-rename} after its fix (PowerShell/Win32-OpenSSH#467).
     * Symptom: code that renames onto a name to claim it ("rename fails if someone else was first") or that relies on
     * the refusal to avoid clobbering an earlier delivery loses the earlier file without an error: sshj, MINA's
     * client and paramiko's {@code rename} get {@code OK}. JSch and OpenSSH {@code sftp} see no difference: they rename
     * with {@code posix-rename@openssh.com}, which replaces anyway, whenever the server offers it.
     */
    public static final Personality RENAME_OVERWRITES = new Personality("rename-overwrites",
            "a v3 RENAME onto an existing name silently replaces it", Set.of(RENAME_ONTO_EXISTING),
            builder -> builder.quirks(SftpQuirks::withRenameOverwrites));

    /**
     * The APPEND flag ignored: a {@code WRITE} through a handle opened with {@code SSH_FXF_APPEND} lands at the
     * offset it carries instead of the end of the file, as servers that apply the offset blindly do: the server in
     * <a href="https://github.com/apache/mina-sshd/issues/690">apache/mina-sshd#690</a> (MINA's client sends offset 0
     * in append mode and the data "inserted" at the start), Core FTP Server on Windows (libssh2/libssh2#1136), ProFTPD's
     * {@code mod_sftp} before proftpd/proftpd#1586. Symptom: clients that trust the flag overwrite the start of the
     * file: MINA's {@code SftpClient} with {@code OpenMode.Append} (at any SFTP version), sshj with
     * {@code OpenMode.APPEND} and offset 0; clients that stat the file and write at its size survive (JSch's
     * {@code APPEND} mode, paramiko's {@code "a"} mode).
     */
    public static final Personality APPEND_IGNORED = new Personality("append-ignored",
            "the APPEND flag is ignored: writes land at the offset sent", Set.of(APPEND),
            builder -> builder.ignoreAppend());

    /**
     * One name per {@code SSH_FXP_NAME} answer to {@code READDIR}: a listing takes one round trip per entry. Servers
     * that list from a paged back end answer in small batches (Mediaflux's pages broke lftp's {@code mirror} at 98
     * files, lavv17/lftp#722; the pterodactyl SFTP server answered each {@code READDIR} anew, pterodactyl/panel#1099).
     * Symptom: code that reads one {@code READDIR} answer and takes it for the whole directory (a hand-written
     * client, an {@code SftpClient.readDir(handle)} called once) sees one file; clients that loop until {@code EOF}
     * (JSch, sshj, paramiko, OpenSSH) list everything, one round trip per name. See
     * {@link #readdirEntries(int)} for another batch size.
     */
    public static final Personality READDIR_SINGLE = new Personality("readdir-single",
            "one entry per SSH_FXP_NAME answer to READDIR", Set.of(READDIR_BATCH),
            builder -> builder.quirks(q -> q.withReaddirEntries(1)));

    /**
     * The whole directory in one {@code SSH_FXP_NAME} answer, however large, as AWS Transfer Family does ("AWS
     * always sends a single package with all files of a directory", libssh2/libssh2#791, after libssh2/libssh2#269
     * where it hit libssh2's packet limit). Symptom: a large directory's answer exceeds a client's largest packet:
     * OpenSSH {@code sftp ls} fails with "Received message too long" above 256 KiB (2,500 names of 65 characters
     * here), curl with libssh2 1.10 (before the exception of libssh2/libssh2#791) exits 79 "Unknown error in
     * libssh2 :: -25" (a packet too large), ssh2 for Node.js "Packet length ... exceeds max length"
     * (theophilusx/ssh2-sftp-client#343); JSch, sshj and paramiko read it.
     */
    public static final Personality READDIR_ALL = new Personality("readdir-all",
            "the whole directory in one SSH_FXP_NAME answer to READDIR", Set.of(READDIR_BATCH),
            builder -> builder.quirks(q -> q.withReaddirEntries(SftpQuirks.ALL)));

    /**
     * Win32-OpenSSH, the server Windows ships: {@code REALPATH} answers drive paths ({@code /C:/in}, and the home
     * directory as {@code /C:/home/alice} where a Unix server says {@code /home/alice}), and the paths clients send
     * back with the drive ({@code /C:/in/a.txt}, or {@code C:/in/a.txt}) name the same files
     * (<a href="https://github.com/PowerShell/Win32-OpenSSH/issues/48">PowerShell/Win32-OpenSSH#48</a>, #476, #1512);
     * names are case-insensitive ({@link #CASE_INSENSITIVE}); {@code posix-rename@openssh.com} is not offered, so a
     * rename onto an existing name fails as SFTP v3 specifies (renames onto an existing name failed on Win32-OpenSSH,
     * #467; builds differ in what they advertise: the one in #48 offered posix-rename); a file another connection holds open cannot be written, renamed or
     * deleted ({@link SftpTestServer.Builder#lockOpenFiles(boolean) locks while open}, docs/STATE.md); and long names
     * show {@code *} for the group and other permissions, which Windows lacks ({@code -rw-******}, #1984, #422;
     * curl's test suite parses them, curl/curl#5328). Symptom: code that builds paths by string from the home
     * directory, or treats a path that does not start with {@code /} as relative, breaks: JSch prefixes
     * {@code C:/in} with the working directory
     * (<a href="https://github.com/mwiede/jsch/issues/900">mwiede/jsch#900</a>), phpseclib and SSH.NET did too
     * (phpseclib/phpseclib#892, sshnet/SSH.NET#171); code that compares the home directory with {@code /home/...}
     * fails; two uploads that differ in case overwrite each other; a file being read elsewhere cannot be replaced.
     * The recording and fault rules see paths as clients sent them ({@code /C:/in/a.txt}).
     */
    public static final Personality WINDOWS_OPENSSH = new Personality("windows-openssh",
            "Win32-OpenSSH: realpath answers /C:/... paths, case-insensitive names, no posix-rename@openssh.com, "
                    + "files locked while open, Windows-style long names",
            Set.of(REAL_PATHS, RENAME_ONTO_EXISTING), builder -> {
                builder.caseInsensitive();
                builder.disableExtension(POSIX_RENAME);
                builder.lockOpenFiles(true);
                builder.quirks(q -> q.withDrive("C").withWindowsLongNames());
            });

    /**
     * A login script that prints: the text {@value #LOGIN_NOISE} arrives on the SFTP channel before the
     * {@code SSH_FXP_VERSION} packet, as when a {@code .bashrc} {@code echo}es for non-interactive shells or a server
     * runs the subsystem through the user's shell (lablup/backend.ai#11772). Symptom: the client reads the text's
     * first four bytes as a packet length: OpenSSH {@code sftp} "Received message too long 1466264675" with "Ensure
     * the remote shell produces no output for non-interactive sessions"
     * (<a href="https://github.com/icetee/remote-ftp/issues/1145">icetee/remote-ftp#1145</a>,
     * EasyEngine/easyengine#501), JSch "Received message is too long: 1466264670", sshj "Indicated packet length
     * 1466264675 too large", paramiko "Garbage packet received", rclone "couldn't initialise SFTP: packet too
     * long", curl "Failure initializing sftp session: Timeout waiting for response from SFTP subsystem", lftp retries
     * until "max-retries exceeded"; phpseclib waited for ever (phpseclib/phpseclib#1371); {@code ssh} itself works. See
     * {@link #noisyLogin(String)} for other text.
     */
    public static final Personality NOISY_LOGIN = noisyLogin(LOGIN_NOISE);

    /**
     * Extensions advertised and then refused: {@code hardlink@openssh.com}, {@code statvfs@openssh.com} and
     * {@code fstatvfs@openssh.com} are in the version packet, and requests for them answer {@code OP_UNSUPPORTED}.
     * SFTPGo advertised {@code hardlink@openssh.com} and answered "operation unsupported"
     * (<a href="https://github.com/drakkan/sftpgo/issues/889">drakkan/sftpgo#889</a>); Win32-OpenSSH advertised
     * {@code fstatvfs@openssh.com} without implementing it
     * (<a href="https://github.com/PowerShell/Win32-OpenSSH/issues/1535">PowerShell/Win32-OpenSSH#1535</a>).
     * Symptom: code that checks the advertisement and then relies on the extension fails where it would have fallen
     * back: OpenSSH {@code df} fails, JSch's {@code statVFS} and {@code hardlink} throw {@code SftpException} id 8
     * ({@code OP_UNSUPPORTED}). See {@link #extensionsUnsupported(String...)} for others.
     */
    public static final Personality EXTENSIONS_UNSUPPORTED = extensionsUnsupported(
            UNSUPPORTED_EXTENSIONS.toArray(String[]::new));

    private static final List<Personality> PRESETS = List.of(NO_SETSTAT, WRITE_ONLY, NO_OVERWRITE, NO_POSIX_RENAME,
            INBOX_ONLY, SFTP_V3_ONLY, SFTP_V6_ONLY, NO_SUCH_PATH, SSH_RSA_ONLY, CBC_ONLY, SMALL_READS, CASE_INSENSITIVE,
            SLOW, NO_EXEC, SETSTAT_UNSUPPORTED, SETSTAT_IGNORED, RENAME_OVERWRITES, APPEND_IGNORED, READDIR_SINGLE,
            READDIR_ALL, WINDOWS_OPENSSH, NOISY_LOGIN, EXTENSIONS_UNSUPPORTED);


    private final String name;
    private final String description;
    private final Set<String> settings;
    private final Consumer<SftpTestServer.Builder> setup;
    private final List<String> limitations;

    private Personality(String name, String description, Set<String> settings, Consumer<SftpTestServer.Builder> setup) {
        this(name, description, settings, setup, List.of());
    }

    private Personality(String name, String description, Set<String> settings, Consumer<SftpTestServer.Builder> setup,
            List<String> limitations) {
        this.name = name;
        this.description = description;
        this.settings = settings;
        this.setup = setup;
        this.limitations = List.copyOf(limitations);
    }

    /** A personality read from a file: {@link PersonalityFiles}. */
    static Personality probed(String name, String description, Consumer<SftpTestServer.Builder> setup,
            List<String> limitations) {
        return new Personality(name, description, Set.of(), setup, limitations);
    }

    /** The RSA host key of {@link #SSH_RSA_ONLY} (and of personality files): generated on first use, once per JVM. */
    static final class CachedRsa {
        static final HostKey KEY = HostKey.generate("ssh-rsa");
    }

    // ------------------------------------------------------------------ parameterised presets

    /**
     * Uploads only into one directory, deletes forbidden: opening a file for writing, creating a directory,
     * renaming and changing attributes outside {@code directory} answer {@code PERMISSION_DENIED}, and so do
     * {@code REMOVE} and {@code RMDIR} everywhere; reading works everywhere. The directory is created with the
     * server. Symptom: a client that uploads to the root, creates its own folders, or deletes or "moves away"
     * files after processing them fails. Requests without an event ({@code SYMLINK}, {@code LINK} and extensions
     * such as {@code copy-file}) are not checked.
     *
     * <pre>{@code
     * SftpTestServer.builder().personality(Personality.inboxOnly("/upload")).start();
     * }</pre>
     *
     * @param directory the absolute path of the inbox, as users see it, e.g. {@code /upload}
     * @return the personality, named {@code inbox-only=<directory>}
     * @throws IllegalArgumentException when the path is not absolute or is the root
     */
    public static Personality inboxOnly(String directory) {
        Objects.requireNonNull(directory, "directory");
        String inbox = directory.endsWith("/") && directory.length() > 1
                ? directory.substring(0, directory.length() - 1) : directory;
        if (!inbox.startsWith("/") || inbox.equals("/") || inbox.contains("/../") || inbox.endsWith("/..")) {
            throw new IllegalArgumentException("inbox \"" + directory + "\" must be an absolute path below the root, "
                    + "e.g. /inbox");
        }
        return new Personality("inbox-only=" + inbox, "uploads only into " + inbox + "; deletes answer "
                + "PERMISSION_DENIED everywhere", Set.of(INBOX), builder -> builder.directory(inbox)
                .listener(new InboxOnly(inbox)));
    }

    /**
     * Short reads: every {@code READ} returns at most {@code maxBytes} bytes, whatever length the client asked for
     * (SFTP allows it; many servers cap reads at 32 KiB or 64 KiB). Symptom: client code that reads a file with one
     * big request, or treats a short read as the end of the file, gets truncated data; clients that loop until
     * end-of-file (OpenSSH, JSch, sshj, paramiko) are fine. The default, 32 KiB, is what most clients ask for
     * anyway, so only code reading in larger requests sees it; below a client's request size, curl (libssh2),
     * lftp and rclone fail ("file size decreased during transfer", "sizes differ").
     *
     * @param maxBytes the largest read answered, at least 1; above this server's own cap (63 KiB) it raises the cap
     * @return the personality, named {@code small-reads=<maxBytes>}
     * @throws IllegalArgumentException when maxBytes is below 1
     */
    public static Personality smallReads(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("small-reads needs a read size of at least 1 byte, was " + maxBytes);
        }
        // a cap applied before any fault rule, rather than a shortRead rule: it composes with slow's throttle and
        // with a test's own rules on READ
        return new Personality("small-reads=" + maxBytes, "READ answers at most " + maxBytes + " bytes",
                Set.of(READ_SIZE), builder -> builder.maxReadLength(maxBytes));
    }

    /**
     * A slow server on a slow link: every request other than {@code READ} and {@code WRITE} is answered
     * {@code latency} late, and {@code READ}/{@code WRITE} move data at {@code bytesPerSecond} (shared by all
     * connections). Symptom: timeouts set for a fast local server fire; progress and cancellation code finally
     * runs.
     *
     * @param latency the delay per request, zero for none
     * @param bytesPerSecond the bandwidth for reads and writes, 0 for unlimited
     * @return the personality, named {@code slow=<millis>ms,<bytesPerSecond>}
     * @throws IllegalArgumentException for a negative latency or bandwidth, or both zero
     */
    public static Personality slow(Duration latency, long bytesPerSecond) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative() || bytesPerSecond < 0 || (latency.isZero() && bytesPerSecond == 0)) {
            throw new IllegalArgumentException("slow needs a latency >= 0 ms and a bandwidth >= 0 bytes per second, "
                    + "not both zero; was " + latency.toMillis() + " ms and " + bytesPerSecond + " bytes/s");
        }
        Set<SftpOperation> requests = EnumSet.noneOf(SftpOperation.class);
        for (SftpOperation operation : SftpOperation.values()) {
            if (!operation.isConnectionEvent() && operation != SftpOperation.INIT
                    && operation != SftpOperation.UNKNOWN && operation != SftpOperation.READ
                    && operation != SftpOperation.WRITE && operation != SftpOperation.EXEC) {
                requests.add(operation);
            }
        }
        SftpOperation[] others = requests.toArray(SftpOperation[]::new);
        return new Personality("slow=" + latency.toMillis() + "ms," + bytesPerSecond,
                (latency.isZero() ? "" : latency.toMillis() + " ms per request")
                        + (latency.isZero() || bytesPerSecond == 0 ? "" : ", ")
                        + (bytesPerSecond == 0 ? "" : bytesPerSecond + " bytes/s for data"),
                Set.of(PACE), builder -> builder.faults(rules -> {
                    if (!latency.isZero()) {
                        rules.on(others[0], Arrays.copyOfRange(others, 1, others.length))
                                .respond(Fault.delay(latency));
                    }
                    if (bytesPerSecond > 0) {
                        rules.on(SftpOperation.READ, SftpOperation.WRITE).respond(Fault.throttle(bytesPerSecond));
                    }
                }));
    }

    /**
     * At most {@code entries} names per {@code SSH_FXP_NAME} answer to {@code READDIR}, where this server (MINA) fills
     * each answer with as many as fit in 16 KiB and OpenSSH's server sends 100. {@link #READDIR_SINGLE} is
     * {@code readdirEntries(1)}; {@link #READDIR_ALL} sends the whole directory at once. Symptom: see those two.
     *
     * @param entries the most names per answer, at least 1
     * @return the personality, named {@code readdir-entries=<entries>}
     * @throws IllegalArgumentException when entries is below 1
     */
    public static Personality readdirEntries(int entries) {
        if (entries < 1) {
            throw new IllegalArgumentException("readdir-entries needs at least 1 name per answer, was " + entries);
        }
        return new Personality("readdir-entries=" + entries, "at most " + entries + " entries per SSH_FXP_NAME "
                + "answer to READDIR", Set.of(READDIR_BATCH), builder -> builder.quirks(q -> q.withReaddirEntries(
                        entries)));
    }

    /**
     * A login script's output before the SFTP version packet; see {@link #NOISY_LOGIN}.
     *
     * <pre>{@code
     * SftpTestServer.builder().personality(Personality.noisyLogin("Last login: Mon Dec  1 09:12:44 2026\n")).start();
     * }</pre>
     *
     * @param output the text the client receives first, e.g. ending in a newline as {@code echo} prints it
     * @return the personality, named {@code noisy-login} for {@link #LOGIN_NOISE}, {@code noisy-login=<output>}
     *         otherwise
     * @throws IllegalArgumentException when output is empty
     */
    public static Personality noisyLogin(String output) {
        Objects.requireNonNull(output, "output");
        if (output.isEmpty()) {
            throw new IllegalArgumentException("noisy-login needs the text the login script prints, e.g. "
                    + "\"Welcome\\n\"");
        }
        String name = output.equals(LOGIN_NOISE) ? "noisy-login" : "noisy-login=" + output.strip();
        return new Personality(name, "prints " + output.length() + " characters before the SFTP version packet, as a "
                + "login script", Set.of(LOGIN_OUTPUT), builder -> builder.quirks(q -> q.withLoginNoise(output)));
    }

    /**
     * Advertises extensions in the SFTP version packet and answers their requests {@code OP_UNSUPPORTED}; see
     * {@link #EXTENSIONS_UNSUPPORTED}. An extension this server does not advertise is refused as it was.
     *
     * @param extensions extension names, e.g. {@code posix-rename@openssh.com}
     * @return the personality, named {@code extensions-unsupported} for {@link #UNSUPPORTED_EXTENSIONS},
     *         {@code extensions-unsupported=<names>} otherwise
     * @throws IllegalArgumentException when no name is given or a name is blank
     */
    public static Personality extensionsUnsupported(String... extensions) {
        List<String> names = List.of(extensions);
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("extensions-unsupported needs extension names, e.g. "
                    + "extensions-unsupported=hardlink@openssh.com,statvfs@openssh.com; was " + names);
        }
        String name = names.equals(UNSUPPORTED_EXTENSIONS) ? "extensions-unsupported"
                : "extensions-unsupported=" + String.join(",", names);
        return new Personality(name, "advertises " + String.join(", ", names) + " and answers them OP_UNSUPPORTED",
                Set.of(), builder -> builder.quirks(q -> q.withUnsupportedExtensions(names)));
    }

    // ------------------------------------------------------------------ your own, and by name

    /**
     * Defines a personality of your own: a name, what it reproduces, and what it does to the builder (settings,
     * listeners, {@link SftpTestServer.Builder#faults(Consumer) fault rules}, other personalities).
     *
     * <pre>{@code
     * static final Personality PARTNER_MFT = Personality.of("partner-mft",
     *         "the partner's MFT gateway: v3, no attribute changes, 64 KiB reads",
     *         builder -> builder.personality(Personality.SFTP_V3_ONLY)
     *                 .personality(Personality.NO_SETSTAT)
     *                 .personality(Personality.smallReads(64 * 1024)));
     * }</pre>
     *
     * @param name a short name, shown in {@link SftpTestServer#personalities()} and logs
     * @param description the behaviour it reproduces
     * @param setup applies it to a builder; called once per {@code personality(...)} call
     * @return the personality
     * @throws IllegalArgumentException when the name is blank
     */
    public static Personality of(String name, String description, Consumer<SftpTestServer.Builder> setup) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a personality needs a name");
        }
        return new Personality(name, Objects.requireNonNull(description, "description"), Set.of(),
                Objects.requireNonNull(setup, "setup"));
    }

    /**
     * Loads a personality file: what {@code probe} saw a real server do, or a preset written out with
     * {@code write-personality}. Points it cannot reproduce yet are listed by {@link #limitations()} (and logged).
     *
     * <pre>{@code
     * SftpTestServer.builder().personality(Personality.load(Path.of("src/test/resources/partner.json"))).start();
     * }</pre>
     *
     * @param file a personality file (JSON, format 1; docs/PERSONALITY-FILES.md)
     * @return the personality, named as the file names it
     * @throws IllegalArgumentException when the file is not a valid personality file: the message names the file,
     *         line and field, the rule broken and the fix
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public static Personality load(Path file) {
        return PersonalityFiles.load(file);
    }

    /**
     * Loads a personality file from the class path, e.g. one under {@code src/test/resources}; see {@link #load(Path)}.
     *
     * @param name the resource name, e.g. {@code "partner.personality.json"} or {@code "/personalities/partner.json"}
     * @return the personality
     * @throws IllegalArgumentException when there is no such resource or it is not a valid personality file
     */
    public static Personality fromResource(String name) {
        return PersonalityFiles.fromResource(name);
    }

    /**
     * Returns the presets, each with its default parameters.
     *
     * @return {@link #NO_SETSTAT}, {@link #WRITE_ONLY}, {@link #NO_OVERWRITE}, {@link #NO_POSIX_RENAME},
     *         {@link #INBOX_ONLY}, {@link #SFTP_V3_ONLY}, {@link #SFTP_V6_ONLY}, {@link #NO_SUCH_PATH},
     *         {@link #SSH_RSA_ONLY}, {@link #CBC_ONLY}, {@link #SMALL_READS}, {@link #CASE_INSENSITIVE}, {@link #SLOW},
     *         {@link #NO_EXEC}, {@link #SETSTAT_UNSUPPORTED}, {@link #SETSTAT_IGNORED}, {@link #RENAME_OVERWRITES},
     *         {@link #APPEND_IGNORED}, {@link #READDIR_SINGLE}, {@link #READDIR_ALL}, {@link #WINDOWS_OPENSSH},
     *         {@link #NOISY_LOGIN}, {@link #EXTENSIONS_UNSUPPORTED}
     */
    public static List<Personality> presets() {
        return PRESETS;
    }

    /**
     * Finds a preset by name, with optional parameters after {@code =}: {@code no-setstat},
     * {@code inbox-only=/upload}, {@code small-reads=16KiB}, {@code slow=200ms,512KiB}. Case and {@code _}/{@code -}
     * do not matter ({@code NO_SETSTAT} works too).
     *
     * @param text the name, as {@link #name()} prints it or as the constant is called
     * @return the personality
     * @throws IllegalArgumentException for an unknown name or malformed parameters; the message lists the names
     */
    public static Personality parse(String text) {
        return PersonalityNames.parse(text, PRESETS);
    }

    // ------------------------------------------------------------------ instance

    /**
     * Returns the name: {@code no-setstat}, {@code inbox-only=/upload}, ... ({@link #parse(String)} reads it back for
     * presets).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns what the personality does, in one line.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * Returns what a personality loaded from a file cannot reproduce yet, one line per point, e.g.
     * {@code sizes.readdir: the probed server answers at most 100 entries per READDIR ...}; empty for the presets.
     *
     * @return the points this server answers differently from the probed one
     */
    public List<String> limitations() {
        return limitations;
    }

    void applyTo(SftpTestServer.Builder builder) {
        setup.accept(builder);
    }

    void checkCompatible(Personality given) {
        for (String setting : settings) {
            if (given.settings.contains(setting) && !given.name.equals(name)) {
                throw new IllegalArgumentException("personalities " + given.name + " and " + name + " both set "
                        + setting + ": keep one");
            }
        }
    }

    /**
     * Personalities are equal when they have the same name.
     *
     * @param other another object
     * @return whether it is a personality of the same name
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Personality p && p.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /**
     * Returns the name.
     *
     * @return {@link #name()}
     */
    @Override
    public String toString() {
        return name;
    }

    // ------------------------------------------------------------------ helpers

    static boolean exists(Path file) {
        return file != null && Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    }

    static boolean isExistingFile(Path file) {
        return exists(file) && !Files.isDirectory(file);
    }

    static boolean isSameFile(Path file, Path other) {
        try {
            return file != null && other != null && Files.isSameFile(file, other);
        } catch (IOException unreadable) {
            return false;
        }
    }
}
