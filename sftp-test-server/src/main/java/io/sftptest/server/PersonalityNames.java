package io.sftptest.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.sftptest.server.internal.SettingText;
import io.sftptest.server.internal.SettingText.Word;

/**
 * Reads a personality's name as the command line, the JUnit annotation and {@link Personality#parse(String)} give
 * it: a preset's name, with parameters after {@code =} for the parameterised ones, through the project's one
 * grammar of settings ({@link SettingText}).
 */
final class PersonalityNames {
    private PersonalityNames() {
    }

    static Personality parse(String text, List<Personality> presets) {
        Objects.requireNonNull(text, "text");
        Word word = Word.of(text);
        String key = word.key().toLowerCase(Locale.ROOT).replace('_', '-');
        String argument = word.value();
        switch (key) {
            case "inbox-only":
                return argument == null ? Personality.INBOX_ONLY : Personality.inboxOnly(argument);
            case "small-reads":
                return argument == null ? Personality.SMALL_READS
                        : Personality.smallReads(toIntExact(bytes(argument, text), text));
            case "slow":
                return argument == null ? Personality.SLOW : parseSlow(argument, text);
            case "readdir-entries":
                if (argument == null) {
                    throw new IllegalArgumentException("readdir-entries needs a count, e.g. readdir-entries=100: \""
                            + text + "\"");
                }
                return Personality.readdirEntries(count(argument, text));
            case "noisy-login":
                return argument == null ? Personality.NOISY_LOGIN : Personality.noisyLogin(argument + "\n");
            case "extensions-unsupported":
                return argument == null ? Personality.EXTENSIONS_UNSUPPORTED
                        : Personality.extensionsUnsupported(Arrays.stream(argument.split(",", -1)).map(String::trim)
                                .toArray(String[]::new));
            default:
                for (Personality preset : presets) {
                    if (preset.name().equals(key)) {
                        if (argument != null) {
                            throw new IllegalArgumentException("personality " + key + " takes no parameter: \"" + text
                                    + "\"");
                        }
                        return preset;
                    }
                }
                throw new IllegalArgumentException("unknown personality \"" + text + "\": use one of "
                        + names(presets));
        }
    }

    /** The names of the presets, with the parameters each takes. */
    static String names(List<Personality> presets) {
        List<String> names = new ArrayList<>();
        for (Personality preset : presets) {
            String name = preset.name().replaceAll("=.*", "");
            names.add(name + switch (name) {
                case "inbox-only" -> "[=/dir]";
                case "small-reads" -> "[=bytes]";
                case "slow" -> "[=latency,bytesPerSecond]";
                case "noisy-login" -> "[=text]";
                case "extensions-unsupported" -> "[=name,name...]";
                default -> "";
            });
        }
        names.add("readdir-entries=count");
        return String.join(", ", names);
    }

    private static Personality parseSlow(String argument, String text) {
        String[] parts = argument.split(",", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("slow takes a latency and a bandwidth, e.g. slow=200ms,512KiB: \""
                    + text + "\"");
        }
        Duration latency = parts[0].isBlank() ? Duration.ZERO : duration(parts[0].trim(), text);
        long bandwidth = parts.length == 2 ? bytes(parts[1].trim(), text) : 0;
        return Personality.slow(latency, bandwidth);
    }

    private static int count(String value, String text) {
        if (!value.trim().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("\"" + value + "\" in \"" + text + "\" is no count: use e.g. "
                    + "readdir-entries=100");
        }
        return Integer.parseInt(value.trim());
    }

    private static Duration duration(String value, String text) {
        try {
            return SettingText.duration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + value + "\" in \"" + text + "\" is "
                    + (e.getMessage().endsWith("too large") ? "too large" : "no duration: use e.g. 200ms or 2s"), e);
        }
    }

    private static long bytes(String value, String text) {
        try {
            return SettingText.bytes(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + value + "\" in \"" + text + "\" is "
                    + (e.getMessage().endsWith("too large") ? "too large" : "no byte count: use e.g. 32768, 32KiB or "
                            + "1MiB"), e);
        }
    }

    private static int toIntExact(long value, String text) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(value + " in \"" + text + "\" is too large");
        }
        return (int) value;
    }
}
