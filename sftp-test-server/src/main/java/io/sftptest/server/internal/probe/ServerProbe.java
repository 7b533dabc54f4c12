package io.sftptest.server.internal.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.bouncycastle.BouncyCastleSecurityProviderRegistrar;

import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Attributes;
import io.sftptest.server.internal.personality.PersonalityFile.Errors;
import io.sftptest.server.internal.personality.PersonalityFile.Extension;
import io.sftptest.server.internal.personality.PersonalityFile.Limits;
import io.sftptest.server.internal.personality.PersonalityFile.Links;
import io.sftptest.server.internal.personality.PersonalityFile.Names;
import io.sftptest.server.internal.personality.PersonalityFile.Probe;
import io.sftptest.server.internal.personality.PersonalityFile.Read;
import io.sftptest.server.internal.personality.PersonalityFile.Readdir;
import io.sftptest.server.internal.personality.PersonalityFile.Rename;
import io.sftptest.server.internal.personality.PersonalityFile.Sftp;
import io.sftptest.server.internal.personality.PersonalityFile.Sizes;
import io.sftptest.server.internal.personality.PersonalityFile.Ssh;
import io.sftptest.server.internal.personality.PersonalityFile.Write;
import io.sftptest.server.internal.personality.PersonalityFile.Writes;
import io.sftptest.server.internal.probe.Reply.Name;
import io.sftptest.server.internal.probe.SshConnector.Credentials;
import io.sftptest.server.internal.probe.SshConnector.SshFacts;

/**
 * Probes one SFTP server with a fixed set of harmless checks and describes what it saw as a {@link PersonalityFile}.
 * Writes happen only inside a scratch directory the probe creates and removes again (also after a failure, and after
 * {@link #cancel()}); a read-only probe only connects, lists and stats. Every answer is awaited at most the timeout;
 * after {@value #MAX_TIMEOUTS} timeouts the probe stops, and the file says which checks did not finish.
 *
 * <pre>{@code
 * ProbeOutcome outcome = new ServerProbe(settings, System.out::println).run();
 * }</pre>
 */
public final class ServerProbe {
    /** Timeouts after which the server is taken for hung and the remaining checks are not run. */
    static final int MAX_TIMEOUTS = 2;

    private final ProbeSettings settings;
    private final Consumer<String> progress;
    private final List<String> incomplete = new ArrayList<>();
    private volatile ProbeConnection connection;
    private volatile boolean cancelled;
    private String stopReason;
    private int timeouts;

    /**
     * Creates a probe.
     *
     * @param settings what to probe and how
     * @param progress receives one line per step, for a user watching
     */
    public ServerProbe(ProbeSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** What a probe made: the file, and what it could not remove from the server. */
    public record ProbeOutcome(PersonalityFile file, List<String> leftBehind) {
        /**
         * Whether every check ran.
         *
         * @return true when the file lists no unfinished check
         */
        public boolean complete() {
            return file.probe().incomplete().isEmpty();
        }
    }

    /**
     * Stops a running probe as soon as it can: the current request is abandoned, the remaining checks are not run,
     * and the scratch directory is removed. Safe from any thread (a shutdown hook).
     */
    public void cancel() {
        cancelled = true;
        ProbeConnection current = connection;
        if (current != null) {
            current.cancel();
        }
    }

    /**
     * Runs the probe.
     *
     * @return the file, and whatever could not be removed
     * @throws ProbeException when no file can be made (no connection, untrusted host key, refused login, a scratch
     *         directory that exists); nothing was written then
     */
    public ProbeOutcome run() throws ProbeException {
        Credentials credentials = credentials();
        HostKeyCheck hostKeys = new HostKeyCheck(settings.knownHosts(), settings.hostFingerprint(),
                settings.acceptNewHostKey());
        ProbeTarget target = settings.target();
        try (SshConnector connector = new SshConnector(target, credentials, hostKeys, settings.timeout());
                ProbeConnection opened = new ProbeConnection(connector)) {
            connection = opened;
            if (cancelled) {
                throw new ProbeException("the probe was stopped before it connected");
            }
            ClientSession session;
            try {
                session = opened.session();
            } catch (SshConnector.HostKeyException e) {
                throw new ProbeException(e.getMessage(), e);
            } catch (IOException e) {
                throw new ProbeException(e.getMessage(), e);
            }
            SshFacts facts = connector.facts(session);
            progress.accept("Connected to " + target.withoutUser() + ": " + facts.identification() + ", "
                    + connector.hostKey());
            Ssh ssh = ssh(facts);
            List<Integer> versions = check("SFTP versions", () -> versions(opened));
            SftpChannel.Version v3 = check("SFTP version 3", opened::open);
            if (v3 != null && v3.refusal() != null) {
                incomplete.add("every check after the SFTP versions: the server refuses SFTP version 3 ("
                        + Statuses.describe(v3.refusal()) + "), which the checks speak");
                v3 = null;
            }
            Sftp sftp = v3 == null ? new Sftp(versions, null, null) : new Sftp(versions, v3.noise(), null);
            Builder file = new Builder(ssh, sftp);
            if (v3 != null) {
                probeFiles(opened, v3, file);
            }
            return new ProbeOutcome(file.build(connector.hostKey()), file.leftBehind);
        }
    }

    /** The state a run collects. */
    private final class Builder {
        private final Ssh ssh;
        private Sftp sftp;
        private Sizes sizes;
        private Attributes attributes;
        private Rename rename;
        private Writes writes;
        private Names names;
        private Links links;
        private Errors errors;
        private List<String> leftBehind = List.of();

        Builder(Ssh ssh, Sftp sftp) {
            this.ssh = ssh;
            this.sftp = sftp;
        }

        PersonalityFile build(String hostKey) {
            if (cancelled && stopReason == null) {
                incomplete.add("the probe was stopped before it finished");
            }
            Probe probe = new Probe(settings.target().withoutUser(), Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    .toString(), tool(), settings.readOnly(), hostKey, incomplete);
            return new PersonalityFile(settings.name(), "probed from " + settings.target().withoutUser(), probe, ssh,
                    sftp, sizes, attributes, rename, writes, names, links, errors);
        }
    }

    private void probeFiles(ProbeConnection opened, SftpChannel.Version v3, Builder file) throws ProbeException {
        String home = check("realpath", () -> opened.realpath(".").names().get(0).filename());
        if (home != null) {
            file.names = new Names(null, home.matches("/[A-Za-z]:.*") ? Names.WINDOWS_DRIVE : Names.UNIX);
        }
        ProbeTarget target = settings.target();
        if (home == null && target.homeRelative()) {
            incomplete.add("every check on files: " + target.path() + " is relative to the home directory, which "
                    + "the server did not tell (realpath of \".\")");
            return;
        }
        String path = normalize(target.resolve(home == null ? "/" : home));
        if (settings.readOnly()) {
            Answer there = check("the directory", () -> opened.lstat(path).answer());
            if (there != null && !there.isOk()) {
                throw new ProbeException("a read-only probe lists an existing directory, but " + path + " cannot be "
                        + "read: the server answered " + Statuses.describe(there) + "; name a directory that exists");
            }
            probeReadOnly(opened, v3, file, path);
            return;
        }
        ScratchDirectory scratch;
        try {
            scratch = ScratchDirectory.create(opened, path);
        } catch (ProbeException refused) {
            throw refused;
        } catch (IOException e) {
            incomplete.add("every check on files: the scratch directory " + path + " could not be checked or "
                    + "created: " + e.getMessage());
            return;
        }
        progress.accept("Created the scratch directory " + path);
        try {
            probeInScratch(opened, v3, file, path);
        } finally {
            file.leftBehind = cleanUp(opened, scratch);
        }
    }

    private void probeInScratch(ProbeConnection opened, SftpChannel.Version v3, Builder file, String scratch) {
        FileChecks checks = new FileChecks(opened, scratch);
        LimitChecks limits = new LimitChecks(opened, scratch);
        boolean posixRename = v3.extensions().stream().anyMatch(e -> e[0].equals(FileChecks.POSIX_RENAME));
        file.errors = check("errors", checks::errors);
        file.attributes = check("attribute changes", checks::attributes);
        file.writes = check("overwrite and append", checks::writes);
        file.rename = check("rename onto an existing name", () -> checks.rename(posixRename));
        Boolean caseSensitive = check("case sensitivity", checks::caseSensitive);
        file.names = new Names(caseSensitive, file.names == null ? null : file.names.realpathForm());
        file.links = check("symbolic links", checks::links);
        Readdir readdir = check("directory listing", limits::readdir);
        Read read = check("read size", limits::read);
        String probeFile = scratch + "/extension-target.txt";
        check("extension target", () -> {
            opened.put(probeFile, "probe\n");
            return Boolean.TRUE;
        });
        file.sftp = new Sftp(file.sftp.versions(), file.sftp.noiseBeforeVersion(),
                extensions(opened, v3, scratch, probeFile, false));
        Limits limitsAnswer = hasExtension(v3, "limits@openssh.com") ? check("limits", limits::limits) : null;
        Write write = check("write size", limits::write);
        file.sizes = new Sizes(read, write, readdir, limitsAnswer);
    }

    private void probeReadOnly(ProbeConnection opened, SftpChannel.Version v3, Builder file, String path) {
        LimitChecks limits = new LimitChecks(opened, path);
        List<List<Name>> listing = check("directory listing", () -> opened.listInBatches(path));
        Readdir readdir = null;
        if (listing != null) {
            int entries = listing.stream().mapToInt(List::size).sum();
            readdir = new Readdir(entries, listing.stream().mapToInt(List::size).max().orElse(0));
        }
        Answer statMissing = check("errors", () -> opened.stat(path + "/no-such-file-" + Long.toHexString(
                System.nanoTime())).answer());
        file.errors = statMissing == null ? null : new Errors(statMissing, null, null, null, null, null);
        Boolean caseSensitive = listing == null ? null : check("case sensitivity",
                () -> caseSensitiveFromListing(opened, path, listing));
        file.names = new Names(caseSensitive, file.names == null ? null : file.names.realpathForm());
        file.sftp = new Sftp(file.sftp.versions(), file.sftp.noiseBeforeVersion(),
                extensions(opened, v3, path, null, true));
        Limits limitsAnswer = hasExtension(v3, "limits@openssh.com") ? check("limits", limits::limits) : null;
        file.sizes = new Sizes(null, null, readdir, limitsAnswer);
    }

    /** Stats an entry of the listing under its name in other case: found means case-insensitive. */
    private static Boolean caseSensitiveFromListing(ProbeConnection opened, String path, List<List<Name>> listing)
            throws IOException {
        List<String> names = new ArrayList<>();
        listing.forEach(batch -> batch.forEach(name -> names.add(name.filename())));
        for (String name : names) {
            String swapped = swapCase(name);
            if (!swapped.equals(name) && !names.contains(swapped) && !name.startsWith(".")) {
                Answer answer = opened.lstat(path + "/" + swapped).answer();
                if (answer.isOk()) {
                    return false;
                }
                return answer.status() == ProbeConnection.NO_SUCH_FILE ? Boolean.TRUE
                        : null;
            }
        }
        return null;
    }

    private static String swapCase(String name) {
        StringBuilder swapped = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            swapped.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return swapped.toString();
    }

    private List<Extension> extensions(ProbeConnection opened, SftpChannel.Version v3, String directory,
            String probeFile, boolean readOnly) {
        ExtensionChecks checks = new ExtensionChecks(opened, directory, probeFile, settings.target().user());
        List<Extension> extensions = new ArrayList<>();
        for (String[] advertised : v3.extensions()) {
            String name = advertised[0];
            Answer answer;
            if (ExtensionChecks.INFORMATIONAL.contains(name) || !checks.knows(name)
                    || (readOnly && !ExtensionChecks.READING.contains(name))) {
                answer = null;
            } else {
                answer = check("extension " + name, () -> checks.check(name, readOnly));
            }
            extensions.add(new Extension(name, advertised[1], answer));
        }
        return extensions;
    }

    private static boolean hasExtension(SftpChannel.Version v3, String name) {
        return v3.extensions().stream().anyMatch(e -> e[0].equals(name));
    }

    /** The versions 3 to 6, each asked for exactly on a channel of its own. */
    private List<Integer> versions(ProbeConnection opened) throws IOException {
        List<Integer> accepted = new ArrayList<>();
        for (int version = 3; version <= 6; version++) {
            SftpChannel.Version answer = askFor(opened, version);
            if (answer == null || answer.refusal() != null) {
                opened.dropSession();
            } else if (answer.version() == version) {
                accepted.add(version);
            }
        }
        return accepted;
    }

    /** The answer to INIT for a version; null when the server closed the channel instead of answering. */
    private SftpChannel.Version askFor(ProbeConnection opened, int version) throws IOException {
        try (SftpChannel channel = openChannel(opened)) {
            return channel.init(version);
        } catch (ChannelClosedException refusedByClosing) {
            return null;
        }
    }

    private SftpChannel openChannel(ProbeConnection opened) throws IOException {
        try {
            return SftpChannel.open(opened.session(), settings.timeout());
        } catch (IOException sessionEnding) {
            // a server may end the session that asked for a version it refuses: ask again on a new one
            opened.dropSession();
            return SftpChannel.open(opened.session(), settings.timeout());
        }
    }

    private List<String> cleanUp(ProbeConnection opened, ScratchDirectory scratch) {
        if (opened.isCancelled()) {
            opened.resume();
        }
        progress.accept("Removing the scratch directory " + scratch.path());
        List<String> problems = scratch.remove();
        if (problems.isEmpty()) {
            progress.accept("Removed the scratch directory " + scratch.path());
        }
        return problems;
    }

    @FunctionalInterface
    private interface Check<T> {
        T run() throws IOException;
    }

    /** Runs one check, bounded by the timeout of each answer; a failure or timeout is noted, not thrown. */
    private <T> T check(String name, Check<T> body) {
        if (cancelled && stopReason == null) {
            stopReason = "the probe was stopped";
        }
        if (stopReason != null) {
            incomplete.add(name + ": not run (" + stopReason + ")");
            return null;
        }
        progress.accept("Checking " + name);
        try {
            return body.run();
        } catch (ProbeTimeoutException e) {
            timeouts++;
            incomplete.add(name + ": " + e.getMessage());
            if (timeouts >= MAX_TIMEOUTS) {
                stopReason = "the server stopped answering";
            }
            connection.dropChannel();
        } catch (SshConnector.UnreachableException e) {
            stopReason = "the server could not be reached again";
            incomplete.add(name + ": " + e.getMessage());
        } catch (ChannelClosedException e) {
            if (cancelled) {
                stopReason = "the probe was stopped";
                incomplete.add(name + ": not finished (" + stopReason + ")");
            } else {
                incomplete.add(name + ": " + e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            incomplete.add(name + ": " + e.getMessage());
        }
        return null;
    }

    private static Ssh ssh(SshFacts facts) {
        Map<KexProposalOption, String> proposals = facts.proposals();
        return new Ssh(facts.identification(), facts.banner(), split(proposals.get(KexProposalOption.ALGORITHMS)),
                split(proposals.get(KexProposalOption.SERVERKEYS)), split(proposals.get(KexProposalOption.S2CENC)),
                split(proposals.get(KexProposalOption.S2CMAC)), split(proposals.get(KexProposalOption.S2CCOMP)),
                facts.userKeyAlgorithms());
    }

    private static List<String> split(String list) {
        return list == null || list.isEmpty() ? List.of() : Arrays.asList(list.split(","));
    }

    private static String normalize(String path) {
        String normalized = path.replaceAll("/+", "/");
        return normalized.length() > 1 && normalized.endsWith("/")
                ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    private Credentials credentials() throws ProbeException {
        if (settings.password() != null) {
            return Credentials.password(settings.password(), settings.passwordVariable());
        }
        List<KeyPair> keys = new ArrayList<>();
        // A server started in this JVM leaves Bouncy Castle unregistered; encrypted PEM key files need it.
        SecurityUtils.registerSecurityProvider(new BouncyCastleSecurityProviderRegistrar());
        try (InputStream in = Files.newInputStream(settings.keyFile())) {
            FilePasswordProvider passphrase = settings.keyPassphrase() == null ? FilePasswordProvider.EMPTY
                    : FilePasswordProvider.of(settings.keyPassphrase());
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null,
                    NamedResource.ofName(settings.keyFile().toString()), in, passphrase);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ProbeException("cannot read the private key " + settings.keyFile() + ": " + e.getMessage()
                    + (settings.keyPassphrase() == null ? " (an encrypted key needs --key-passphrase-env)" : ""), e);
        }
        if (keys.isEmpty()) {
            throw new ProbeException("no private key in " + settings.keyFile() + ": name an OpenSSH or PEM private key "
                    + "file, e.g. ~/.ssh/id_ed25519 (not the .pub file)");
        }
        return Credentials.keys(keys, settings.keyFile().toString());
    }

    private static String tool() {
        String version = ServerProbe.class.getPackage().getImplementationVersion();
        return "sftp-test-server " + (version == null ? "(development build)" : version);
    }
}
