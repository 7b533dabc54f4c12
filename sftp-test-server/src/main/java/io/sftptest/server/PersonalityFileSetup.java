package io.sftptest.server;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.sftptest.server.internal.Algorithms;
import io.sftptest.server.internal.personality.PersonalityFile;
import io.sftptest.server.internal.personality.PersonalityFile.Answer;
import io.sftptest.server.internal.personality.PersonalityFile.Extension;
import io.sftptest.server.internal.personality.PersonalityFile.Links;
import io.sftptest.server.internal.personality.PersonalityFile.Names;
import io.sftptest.server.internal.personality.PersonalityFile.Sizes;
import io.sftptest.server.internal.personality.PersonalityFile.Ssh;

/**
 * What a personality file does to a builder, decided once when the file is loaded: each probed point becomes a
 * builder setting, a preset, a listener ({@link ProbedAnswers}) or a builder fault rule; a point none of them can
 * express becomes a line of {@link #limitations()}, never a silent gap. The lines start with the point's path in the
 * file, e.g. {@code sizes.readdir: ...}.
 */
final class PersonalityFileSetup {
    /** What this server's SFTP version packet advertises to a v3 client, in order (MINA 2.20 plus statvfs). */
    static final List<String> ADVERTISED = List.of("versions", "newline", "vendor-id", "fsync@openssh.com",
            "hardlink@openssh.com", "lsetstat@openssh.com", "posix-rename@openssh.com", "limits@openssh.com",
            "statvfs@openssh.com", "fstatvfs@openssh.com", "acl-supported", "supported", "supported2");

    /** The advertised extensions this server can leave out. */
    static final Set<String> OPTIONAL = Set.of("fsync@openssh.com", "hardlink@openssh.com", "lsetstat@openssh.com",
            "posix-rename@openssh.com", "limits@openssh.com", "statvfs@openssh.com", "fstatvfs@openssh.com");

    /** Key exchange names that are signals rather than algorithms. */
    private static final Set<String> KEX_SIGNALS = Set.of("ext-info-s", "ext-info-c", "kex-strict-s-v00@openssh.com",
            "kex-strict-c-v00@openssh.com");

    /** This server's largest data per WRITE (MINA's). */
    static final int MAX_WRITE = 256 * 1024;

    /** This server's default READ size, which the personality raises or lowers to the probed one. */
    static final int DEFAULT_READ = 63 * 1024;

    private final List<Consumer<SftpTestServer.Builder>> steps = new ArrayList<>();
    private final List<String> limitations = new ArrayList<>();

    PersonalityFileSetup(PersonalityFile file) {
        if (file.ssh() != null) {
            ssh(file.ssh());
        }
        if (file.sftp() != null) {
            sftp(file.sftp());
        }
        if (file.sizes() != null) {
            sizes(file.sizes());
        }
        if (file.names() != null) {
            names(file.names());
        }
        if (file.links() != null && file.links().symlink() != null) {
            links(file.links());
        }
        if (file.errors() != null && file.errors().openDirectory() != null && file.errors().openDirectory().isOk()) {
            limitations.add("errors.openDirectory: the probed server opens a directory as a file and fails at the READ "
                    + "(" + describe(file.errors().readDirectory()) + "); this server refuses the OPEN itself, with that answer");
        }
        ProbedAnswers answers = ProbedAnswers.of(file, limitations);
        if (answers != null) {
            steps.add(builder -> builder.listener(answers));
        }
        if (file.writes() != null && file.writes().append() != null && file.writes().append().answer().isOk()
                && Boolean.FALSE.equals(file.writes().append().effect())) {
            steps.add(builder -> builder.ignoreAppend());
        }
    }

    void applyTo(SftpTestServer.Builder builder) {
        steps.forEach(step -> step.accept(builder));
    }

    List<String> limitations() {
        return List.copyOf(limitations);
    }

    // ------------------------------------------------------------------ ssh

    private void ssh(Ssh ssh) {
        if (ssh.identification() != null) {
            String identification = ssh.identification();
            int dash = identification.indexOf('-', "SSH-".length());
            String software = identification.substring(dash + 1);
            if (!identification.startsWith("SSH-2.0-")) {
                limitations.add("ssh.identification: the probed server sends \"" + identification + "\"; this server "
                        + "sends \"SSH-2.0-" + software + "\"");
            }
            steps.add(builder -> builder.serverVersion(software));
        }
        if (ssh.banner() != null) {
            steps.add(builder -> builder.live().userAuthBanner(ssh.banner())); // verbatim: config() trims
        }
        if (ssh.keyExchanges() != null) {
            List<String> kex = supported("ssh.keyExchanges", "key exchange",
                    ssh.keyExchanges().stream().filter(n -> !KEX_SIGNALS.contains(n)).toList(), Algorithms::isKeyExchange);
            boolean strict = ssh.keyExchanges().contains("kex-strict-s-v00@openssh.com");
            if (!ssh.keyExchanges().contains("ext-info-s")) {
                limitations.add("ssh.keyExchanges: this server also lists ext-info-s (it announces extension "
                        + "negotiation), which the probed server does not");
            }
            steps.add(builder -> {
                if (!kex.isEmpty()) {
                    builder.keyExchanges(kex.toArray(String[]::new));
                }
                builder.strictKeyExchange(strict);
            });
        }
        if (ssh.ciphers() != null) {
            List<String> ciphers = supported("ssh.ciphers", "cipher", ssh.ciphers(), Algorithms::isCipher);
            if (!ciphers.isEmpty()) {
                steps.add(builder -> builder.ciphers(ciphers.toArray(String[]::new)));
            }
        }
        if (ssh.macs() != null) {
            List<String> macs = supported("ssh.macs", "MAC", ssh.macs(), Algorithms::isMac);
            if (!macs.isEmpty()) {
                steps.add(builder -> builder.macs(macs.toArray(String[]::new)));
            }
        }
        if (ssh.compressions() != null) {
            compressions(ssh.compressions());
        }
        if (ssh.hostKeyAlgorithms() != null) {
            hostKeys(ssh);
        }
    }

    private List<String> supported(String point, String kind, List<String> names, Predicate<String> known) {
        List<String> supported = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            (known.test(name) ? supported : unknown).add(name);
        }
        if (!unknown.isEmpty()) {
            limitations.add(point + ": this server does not implement the " + kind + (unknown.size() == 1 ? " " : "s ")
                    + String.join(", ", unknown) + " and offers only " + (supported.isEmpty() ? "its own defaults"
                            : String.join(", ", supported)));
        }
        return supported;
    }

    private void compressions(List<String> compressions) {
        boolean zlib = compressions.contains("zlib") || compressions.contains("zlib@openssh.com");
        List<String> offered = zlib ? List.of("none", "zlib@openssh.com", "zlib") : List.of("none");
        if (!offered.equals(compressions)) {
            limitations.add("ssh.compressions: the probed server offers " + String.join(", ", compressions)
                    + "; this server offers " + String.join(", ", offered));
        }
        steps.add(builder -> builder.compression(zlib));
    }

    /** Host keys of the types the server showed; the signatures offered are those, then the user key algorithms. */
    private void hostKeys(Ssh ssh) {
        List<HostKey> keys = new ArrayList<>();
        Set<String> signatures = new LinkedHashSet<>();
        List<String> unsupported = new ArrayList<>();
        for (String algorithm : ssh.hostKeyAlgorithms()) {
            HostKey key = switch (algorithm) {
                case "ssh-ed25519" -> HostKey.generateEd25519();
                case "ecdsa-sha2-nistp256" -> HostKey.generateEcdsaP256();
                case "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa" -> Personality.CachedRsa.KEY;
                default -> null;
            };
            if (key == null || !Algorithms.isSignature(algorithm)) {
                unsupported.add(algorithm);
                continue;
            }
            if (!keys.contains(key)) {
                keys.add(key);
            }
            signatures.add(algorithm);
        }
        if (!unsupported.isEmpty()) {
            limitations.add("ssh.hostKeyAlgorithms: this server cannot show a host key for " + String.join(", ",
                    unsupported) + (keys.isEmpty() ? "; it keeps its own host keys" : ""));
        }
        if (ssh.userKeyAlgorithms() != null) {
            List<String> user = supported("ssh.userKeyAlgorithms", "user key algorithm", ssh.userKeyAlgorithms(),
                    Algorithms::isSignature);
            signatures.addAll(user);
        }
        if (keys.isEmpty()) {
            return;
        }
        steps.add(builder -> {
            builder.hostKeys(keys.get(0), keys.subList(1, keys.size()).toArray(HostKey[]::new));
            builder.signatures(signatures.toArray(String[]::new));
        });
    }

    // ------------------------------------------------------------------ sftp

    private void sftp(PersonalityFile.Sftp sftp) {
        List<Integer> versions = sftp.versions();
        if (versions != null && !versions.isEmpty()) {
            int min = versions.get(0);
            int max = versions.get(versions.size() - 1);
            if (max - min + 1 != versions.size()) {
                limitations.add("sftp.versions: the probed server accepts " + versions + "; this server accepts every "
                        + "version from " + min + " to " + max);
            }
            steps.add(builder -> builder.protocolVersions(min, max));
        }
        if (sftp.noiseBeforeVersion() != null) {
            String noise = sftp.noiseBeforeVersion();
            steps.add(builder -> builder.quirks(quirks -> quirks.withLoginNoise(noise)));
        }
        if (sftp.extensions() != null) {
            extensions(sftp.extensions());
        }
    }

    private void extensions(List<Extension> extensions) {
        List<String> probed = extensions.stream().map(Extension::name).toList();
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String name : ADVERTISED) {
            if (!probed.contains(name)) {
                if (OPTIONAL.contains(name)) {
                    steps.add(builder -> builder.disableExtension(name));
                } else {
                    extra.add(name);
                }
            }
        }
        for (Extension extension : extensions) {
            if (!ADVERTISED.contains(extension.name())) {
                missing.add(extension.name() + (extension.answer() == null ? "" : " (it answered "
                        + describe(extension.answer()) + ")"));
            } else if (extension.answer() != null && !extension.answer().isOk()) {
                Answer answer = extension.answer();
                steps.add(builder -> builder.faults(rules -> rules.on(SftpOperation.EXTENDED)
                        .extension(extension.name()).respond(Fault.status(status(answer), answer.message()))));
            }
        }
        if (!missing.isEmpty()) {
            limitations.add("sftp.extensions: this server cannot advertise " + String.join(", ", missing)
                    + ", which the probed server advertises; clients that use them fall back or fail");
        }
        if (!extra.isEmpty()) {
            limitations.add("sftp.extensions: this server also advertises " + String.join(", ", extra)
                    + ", which the probed server does not (they inform; clients rarely look at them)");
        }
    }

    // ------------------------------------------------------------------ sizes, names, links

    private void sizes(Sizes sizes) {
        if (sizes.read() != null) {
            int answered = sizes.read().answered();
            steps.add(builder -> builder.personality(Personality.smallReads(answered)));
        }
        if (sizes.write() != null) {
            int largest = sizes.write().largestAccepted();
            if (largest > MAX_WRITE) {
                limitations.add("sizes.write: the probed server accepts WRITEs of " + largest + " bytes; this server "
                        + "takes at most " + MAX_WRITE + " bytes per WRITE");
            }
            PersonalityFile.TooLarge tooLarge = sizes.write().tooLarge();
            if (tooLarge != null && tooLarge.closesChannel()) {
                long packet = sizes.limits() != null ? sizes.limits().maxPacketLength()
                        : Math.min(tooLarge.bytes() + 24L, largest + 1024L);
                int bounded = (int) Math.max(34 * 1024, Math.min(2 * 1024 * 1024, packet));
                steps.add(builder -> builder.maxPacketSize(bounded));
            }
        }
        if (sizes.readdir() != null && sizes.readdir().largestReply() < sizes.readdir().entries()) {
            int entries = Math.max(1, sizes.readdir().largestReply());
            steps.add(builder -> builder.quirks(quirks -> quirks.withReaddirEntries(entries)));
        }
        if (sizes.limits() != null) {
            limits(sizes);
        }
    }

    private void limits(Sizes sizes) {
        PersonalityFile.Limits limits = sizes.limits();
        if (limits.maxOpenHandles() > 0 && limits.maxOpenHandles() <= Integer.MAX_VALUE) {
            steps.add(builder -> builder.maxOpenHandles((int) limits.maxOpenHandles()));
        }
        // a smaller read size is enforced before MINA, whose limits answer keeps its own (63 KiB or the raised one)
        long read = Math.max(DEFAULT_READ, sizes.read() != null ? sizes.read().answered() : DEFAULT_READ);
        long ownPacket = Math.max(read, MAX_WRITE) + 5 + 3 * Integer.BYTES;
        List<String> differ = new ArrayList<>();
        if (limits.maxPacketLength() != ownPacket) {
            differ.add("max-packet-length " + ownPacket + " (probed: " + limits.maxPacketLength() + ")");
        }
        if (limits.maxReadLength() != read) {
            differ.add("max-read-length " + read + " (probed: " + limits.maxReadLength() + ")");
        }
        if (limits.maxWriteLength() != MAX_WRITE) {
            differ.add("max-write-length " + MAX_WRITE + " (probed: " + limits.maxWriteLength() + ")");
        }
        if (!differ.isEmpty()) {
            limitations.add("sizes.limits: this server's limits@openssh.com answers " + String.join(", ", differ));
        }
    }

    private void names(Names names) {
        if (Boolean.FALSE.equals(names.caseSensitive())) {
            steps.add(builder -> builder.personality(Personality.CASE_INSENSITIVE));
        }
        if (Names.WINDOWS_DRIVE.equals(names.realpathForm())) {
            // the file keeps the form, not the letter: C, the drive Windows itself is on
            steps.add(builder -> builder.quirks(quirks -> quirks.withDrive("C")));
        }
    }

    private void links(Links links) {
        Answer symlink = links.symlink();
        if (!symlink.isOk()) {
            steps.add(builder -> builder.faults(rules -> rules.on(SftpOperation.SYMLINK)
                    .respond(Fault.status(status(symlink), symlink.message()))));
        } else if (Links.LINK_FIRST.equals(links.argumentOrder())) {
            limitations.add("links.symlink: the probed server takes SSH_FXP_SYMLINK's paths in the drafts' order "
                    + "(link, then target); this server takes OpenSSH's (target, then link)");
        }
    }

    static SftpStatus status(Answer answer) {
        int code = answer.status();
        return code >= 0 && code < SftpStatus.values().length ? SftpStatus.fromCode(code) : SftpStatus.FAILURE;
    }

    static String describe(Answer answer) {
        if (answer == null) {
            return "no answer recorded";
        }
        return answer.isOk() ? "OK" : PersonalityFile.statusName(answer.status())
                + (answer.message() == null ? "" : " \"" + answer.message() + "\"");
    }
}
