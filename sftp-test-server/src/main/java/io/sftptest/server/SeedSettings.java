package io.sftptest.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.sftptest.server.internal.Algorithms;
import io.sftptest.server.internal.LiveSettings;
import io.sftptest.server.internal.ServerSettings;
import io.sftptest.server.internal.SettingText.Word;
import io.sftptest.server.internal.UserAccount;

/**
 * The seed component's configuration settings ({@code Config("NAME=VALUE")}) that make sense for this
 * server, mapped to builder settings and live settings. Names are case-insensitive; two take a user name
 * as index ({@code UserRootDirectory[alice]=/users/alice}).
 */
final class SeedSettings {
    /** Seed settings that exist but have no meaning here, so that the error says so. */
    private static final Set<String> UNSUPPORTED = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        UNSUPPORTED.addAll(List.of("ServerEOL", "AltSSHCertCount", "AltSSHCertStore", "AltSSHCertStorePassword",
                "AltSSHCertStoreType", "AltSSHCertSubject", "ClientSSHVersionString", "FireAuthRequestAfterSig",
                "KeyboardInteractivePrompts", "NegotiatedStrictKex", "SSHKeepAliveCountMax",
                "SSHPubKeyAuthSigAlgorithms", "SSHVersionPattern", "BindExclusively", "DefaultConnectionTimeout",
                "InBufferSize", "OutBufferSize", "KeepAliveInterval", "KeepAliveTime", "UseIPv6"));
    }

    private interface BuildSetter {
        void apply(SftpTestServer.Builder builder, String index, String value);
    }

    private interface LiveSetter {
        void apply(SftpTestServer server, LiveSettings live, String value);
    }

    private interface Reader {
        String read(ServerSettings settings, LiveSettings live, String index);
    }

    private record Setting(String name, String form, IndexUse index, BuildSetter build, LiveSetter live,
            Reader read) {
    }

    private enum IndexUse { NONE, OPTIONAL, REQUIRED }

    private static final Map<String, Setting> SETTINGS = new LinkedHashMap<>();

    static {
        add("AllowedClients", "comma-separated IP address patterns with * wildcards, e.g. 127.0.0.1,10.*",
                (b, i, v) -> b.live().allowedClients(list(v)), (s, l, v) -> l.allowedClients(list(v)),
                (s, l, i) -> String.join(",", l.allowedClients()));
        add("BlockedClients", "comma-separated IP address patterns with * wildcards, e.g. 10.0.0.*",
                (b, i, v) -> b.live().blockedClients(list(v)), (s, l, v) -> l.blockedClients(list(v)),
                (s, l, i) -> String.join(",", l.blockedClients()));
        add("DirListBufferSize", "a whole number >= 1",
                (b, i, v) -> b.live().dirListBufferSize(number(v, 1, "DirListBufferSize", "a whole number >= 1")),
                (s, l, v) -> l.dirListBufferSize(number(v, 1, "DirListBufferSize", "a whole number >= 1")),
                (s, l, i) -> Integer.toString(l.dirListBufferSize()));
        add("KeyRenegotiationThreshold", "a number of bytes >= 0 (0: MINA's default, 1 GiB)",
                (b, i, v) -> b.rekeyAfterBytes(longNumber(v, "KeyRenegotiationThreshold")), null,
                (s, l, i) -> Long.toString(s.rekeyBytesLimit()));
        add("LogLevel", "0 (none), 1 (info), 2 (verbose) or 3 (debug)",
                (b, i, v) -> b.live().logLevel(range(v, 0, 3, "LogLevel", "0 (none), 1 (info), 2 (verbose) or 3 (debug)")),
                (s, l, v) -> l.logLevel(range(v, 0, 3, "LogLevel", "0 (none), 1 (info), 2 (verbose) or 3 (debug)")),
                (s, l, i) -> Integer.toString(l.logLevel()));
        add("MaskSensitiveData", "true or false",
                (b, i, v) -> b.live().maskSensitiveData(bool(v, "MaskSensitiveData")),
                (s, l, v) -> l.maskSensitiveData(bool(v, "MaskSensitiveData")),
                (s, l, i) -> Boolean.toString(l.maskSensitiveData()));
        add("MaxAuthAttempts", "a whole number >= 1",
                (b, i, v) -> b.maxAuthAttempts(number(v, 1, "MaxAuthAttempts", "a whole number >= 1")), null,
                (s, l, i) -> Integer.toString(s.maxAuthAttempts()));
        add("MaxConnections", "a whole number >= 0 (0: no limit)",
                (b, i, v) -> b.maxConnections(number(v, 0, "MaxConnections", "a whole number >= 0 (0: no limit)")),
                (s, l, v) -> l.maxConnections(number(v, 0, "MaxConnections", "a whole number >= 0 (0: no limit)")),
                (s, l, i) -> Integer.toString(l.maxConnections()));
        add("ProtocolVersion", "the highest SFTP version offered, 3 to 6",
                (b, i, v) -> {
                    int max = range(v, 3, 6, "ProtocolVersion", "the highest SFTP version offered, 3 to 6");
                    b.protocolVersions(Math.min(b.minVersion(), max), max);
                }, null, (s, l, i) -> Integer.toString(s.maxVersion()));
        SETTINGS.put(key("RestrictUserToHomeDir"), new Setting("RestrictUserToHomeDir",
                "true or false; RestrictUserToHomeDir[user] for one user", IndexUse.OPTIONAL,
                (b, i, v) -> {
                    boolean restrict = bool(v, "RestrictUserToHomeDir");
                    if (i == null) {
                        b.restrictUserToHomeDir(restrict);
                    } else if (restrict) {
                        b.restrictUserToHomeDir(i);
                    }
                }, null, (s, l, i) -> {
                    UserAccount account = i == null ? null : s.account(i);
                    return Boolean.toString(account == null ? s.restrictUserToHomeDir() : account.restrictToHome());
                }));
        add("ServerSSHVersionString", "an SSH identification starting with SSH-2.0-, e.g. SSH-2.0-OpenSSH_9.6",
                (b, i, v) -> {
                    if (!v.startsWith("SSH-2.0-") || v.length() == "SSH-2.0-".length()) {
                        throw badValue("ServerSSHVersionString", v,
                                "an SSH identification starting with SSH-2.0-, e.g. SSH-2.0-OpenSSH_9.6");
                    }
                    b.serverVersion(v.substring("SSH-2.0-".length()));
                }, null, (s, l, i) -> "SSH-2.0-" + s.serverVersion());
        add("SFTPErrorMessage", "the text sent with a status a listener sets without a message (empty: the "
                + "status's default text)",
                (b, i, v) -> b.live().sftpErrorMessage(v.isEmpty() ? null : v),
                (s, l, v) -> l.sftpErrorMessage(v.isEmpty() ? null : v),
                (s, l, i) -> l.sftpErrorMessage() == null ? "" : l.sftpErrorMessage());
        add("SSHCompressionAlgorithms", "none, or a list with zlib (e.g. zlib@openssh.com,zlib,none)",
                (b, i, v) -> {
                    List<String> names = list(v);
                    for (String name : names) {
                        if (!List.of("none", "zlib", "zlib@openssh.com").contains(name)) {
                            throw badValue("SSHCompressionAlgorithms", v,
                                    "none, or a list with zlib (e.g. zlib@openssh.com,zlib,none)");
                        }
                    }
                    b.compression(names.stream().anyMatch(name -> !name.equals("none")));
                }, null, (s, l, i) -> s.compression() ? "none,zlib@openssh.com,zlib" : "none");
        add("SSHEncryptionAlgorithms", "comma-separated SSH cipher names, e.g. aes128-gcm@openssh.com,aes256-ctr",
                (b, i, v) -> b.ciphers(algorithms(v, "SSHEncryptionAlgorithms")), null,
                (s, l, i) -> String.join(",", s.ciphers()));
        add("SSHKeepAliveInterval", "seconds between keep-alive messages, a whole number >= 0 (0: none)",
                (b, i, v) -> b.keepAliveInterval(Duration.ofSeconds(number(v, 0, "SSHKeepAliveInterval",
                        "seconds between keep-alive messages, a whole number >= 0 (0: none)"))), null,
                (s, l, i) -> Long.toString(s.keepAliveInterval().getSeconds()));
        add("SSHKeyExchangeAlgorithms", "comma-separated SSH key exchange names, e.g. curve25519-sha256",
                (b, i, v) -> b.keyExchanges(algorithms(v, "SSHKeyExchangeAlgorithms")), null,
                (s, l, i) -> String.join(",", s.keyExchanges()));
        add("SSHMacAlgorithms", "comma-separated SSH MAC names, e.g. hmac-sha2-256-etm@openssh.com,hmac-sha2-256",
                (b, i, v) -> b.macs(algorithms(v, "SSHMacAlgorithms")), null,
                (s, l, i) -> String.join(",", s.macs()));
        add("SSHPublicKeyAlgorithms", "comma-separated SSH signature names, e.g. ssh-ed25519,rsa-sha2-512",
                (b, i, v) -> b.signatures(algorithms(v, "SSHPublicKeyAlgorithms")), null,
                (s, l, i) -> String.join(",", s.signatures()));
        add("TcpNoDelay", "true or false", (b, i, v) -> b.tcpNoDelay(bool(v, "TcpNoDelay")), null,
                (s, l, i) -> Boolean.toString(s.tcpNoDelay()));
        add("UnixStyleDateFormat", "true (MINA always writes Unix-style dates in long names)",
                (b, i, v) -> {
                    if (!bool(v, "UnixStyleDateFormat")) {
                        throw badValue("UnixStyleDateFormat", v,
                                "true (MINA always writes Unix-style dates in long names; false is not supported)");
                    }
                }, null, (s, l, i) -> "true");
        add("UseStrictKeyExchange", "0 (disabled) or 1 (enabled, not enforced); 2 and 3 are not supported",
                (b, i, v) -> b.strictKeyExchange(range(v, 0, 1, "UseStrictKeyExchange",
                        "0 (disabled) or 1 (enabled, not enforced); 2 and 3 are not supported") == 1), null,
                (s, l, i) -> s.strictKeyExchange() ? "1" : "0");
        add("UserAuthBanner", "the banner text clients show before authentication (empty: none)",
                (b, i, v) -> b.live().userAuthBanner(v.isEmpty() ? null : v),
                (s, l, v) -> s.applyUserAuthBanner(v.isEmpty() ? null : v),
                (s, l, i) -> l.userAuthBanner() == null ? "" : l.userAuthBanner());
        SETTINGS.put(key("UserRootDirectory"), new Setting("UserRootDirectory",
                "UserRootDirectory[user]=/absolute/path: the user's own root below the server root",
                IndexUse.REQUIRED, (b, i, v) -> b.userRootDirectory(i, v), null, (s, l, i) -> {
                    UserAccount account = s.account(i);
                    return account == null || account.rootDirectory() == null ? "" : account.rootDirectory();
                }));
    }

    private SeedSettings() {
    }

    private static void add(String name, String form, BuildSetter build, LiveSetter live, Reader read) {
        SETTINGS.put(key(name), new Setting(name, form, IndexUse.NONE, build, live, read));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Returns the supported setting names, in alphabetical order. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        SETTINGS.values().forEach(s -> names.add(s.name()));
        return names;
    }

    static void builderConfig(SftpTestServer.Builder builder, String text) {
        Parsed parsed = parse(text, true);
        try {
            parsed.setting.build().apply(builder, parsed.index, parsed.value);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("bad value")) {
                throw e;
            }
            throw new IllegalArgumentException("bad value \"" + parsed.value + "\" for " + parsed.setting.name()
                    + ": " + e.getMessage() + " (expected " + parsed.setting.form() + ")", e);
        }
    }

    static String serverConfig(SftpTestServer server, ServerSettings settings, LiveSettings live, String text) {
        Parsed parsed = parse(text, false);
        if (parsed.value != null) {
            if (parsed.setting.live() == null) {
                throw new IllegalStateException(parsed.setting.name() + " takes effect when the server is built: set "
                        + "it with SftpTestServer.builder().config(\"" + parsed.setting.name() + "=...\"); settings "
                        + "that can change while the server runs: " + liveNames());
            }
            parsed.setting.live().apply(server, live, parsed.value);
        }
        return parsed.setting.read().read(settings, live, parsed.index);
    }

    private static String liveNames() {
        return String.join(", ", SETTINGS.values().stream().filter(s -> s.live() != null).map(Setting::name)
                .toList());
    }

    private record Parsed(Setting setting, String index, String value) {
    }

    private static Parsed parse(String text, boolean valueRequired) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty setting: write NAME=VALUE, e.g. MaxAuthAttempts=3; "
                    + "supported settings: " + String.join(", ", names()));
        }
        Word word = Word.of(text);
        String name = word.key();
        String value = word.value();
        if (valueRequired && value == null) {
            throw new IllegalArgumentException("setting \"" + text + "\" has no value: write " + name + "=VALUE");
        }
        String index = word.index();
        Setting setting = SETTINGS.get(key(name));
        if (setting == null) {
            String why = UNSUPPORTED.contains(name)
                    ? "setting \"" + name + "\" of the seed component is not supported by this server"
                    : "unknown setting \"" + name + "\"";
            throw new IllegalArgumentException(why + ": supported settings are " + String.join(", ", names()));
        }
        if (index != null && setting.index() == IndexUse.NONE) {
            throw new IllegalArgumentException(setting.name() + " takes no [index]: write " + setting.name()
                    + "=VALUE");
        }
        if (index == null && setting.index() == IndexUse.REQUIRED) {
            throw new IllegalArgumentException(setting.name() + " needs a user name as index: write "
                    + setting.name() + "[alice]=VALUE");
        }
        return new Parsed(setting, index, value);
    }

    private static IllegalArgumentException badValue(String name, String value, String form) {
        return new IllegalArgumentException("bad value \"" + value + "\" for " + name + ": expected " + form);
    }

    private static int number(String value, int min, String name, String form) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badValue(name, value, form);
    }

    private static int range(String value, int min, int max, String name, String form) {
        int n = number(value, min, name, form);
        if (n > max) {
            throw badValue(name, value, form);
        }
        return n;
    }

    private static long longNumber(String value, String name) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badValue(name, value, "a number of bytes >= 0");
    }

    private static boolean bool(String value, String name) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw badValue(name, value, "true or false");
        };
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String[] algorithms(String value, String name) {
        List<String> names = list(value);
        if (names.isEmpty()) {
            throw badValue(name, value, "a comma-separated list of algorithm names");
        }
        return names.toArray(new String[0]);
    }
}
