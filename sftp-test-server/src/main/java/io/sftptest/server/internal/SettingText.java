package io.sftptest.server.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of the server's small text languages: {@code --fault} rules, personality names with
 * parameters ({@code slow=200ms,512KiB}) and settings ({@code UserRootDirectory[alice]=/users/alice}). Each is
 * made of {@linkplain Word words} {@code key}, {@code key=value} or {@code key[index]=value}; a fault rule is a
 * line of them, split on blanks, with {@code "..."} quoting blanks. Durations and byte counts read the same
 * everywhere.
 */
public final class SettingText {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern BYTES =
            Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB|k|m|g)?(/s)?", Pattern.CASE_INSENSITIVE);

    private SettingText() {
    }

    /**
     * One word: {@code key}, {@code key=value} or {@code key[index]=value}.
     *
     * @param text the word as written (quotes removed)
     * @param key the text before the first {@code =}
     * @param index the text in brackets after the key, or null (read by {@link #of(String)} only)
     * @param value the text after the first {@code =}, or null
     * @param position where the word starts in its line, counting from 1
     * @param valuePosition where the value starts in its line, counting from 1 (the word's position when it has
     *     no value)
     */
    public record Word(String text, String key, String index, String value, int position, int valuePosition) {
        /**
         * Reads a whole text as one word, blanks and quotes included, with the key, index and value trimmed.
         *
         * @param text e.g. {@code MaxAuthAttempts=3}, {@code UserRootDirectory[alice]=/users/alice} or
         *     {@code slow=200ms,512KiB}
         * @return the word, at position 1
         */
        public static Word of(String text) {
            int equals = text.indexOf('=');
            String name = (equals < 0 ? text : text.substring(0, equals)).trim();
            String value = equals < 0 ? null : text.substring(equals + 1).trim();
            String index = null;
            int bracket = name.indexOf('[');
            if (bracket >= 0 && name.endsWith("]")) {
                index = name.substring(bracket + 1, name.length() - 1).trim();
                name = name.substring(0, bracket).trim();
            }
            return new Word(text, name, index, value, 1, equals < 0 ? 1 : equals + 2);
        }
    }

    /** A line that cannot be split into words, with where it went wrong. */
    public static final class SyntaxError extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final int position;

        SyntaxError(int position, String message) {
            super(message);
            this.position = position;
        }

        /**
         * Returns where the line went wrong.
         *
         * @return the position, counting from 1
         */
        public int position() {
            return position;
        }
    }

    /**
     * Splits a line into words on blanks; {@code "..."} quotes blanks and {@code =}, and within quotes
     * {@code \"} and {@code \\} escape.
     *
     * @param line e.g. {@code OPEN /in/*.csv status=FAILURE message="quota exceeded"}
     * @return the words, in order
     * @throws SyntaxError on a quote that is not closed
     */
    public static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            if (Character.isWhitespace(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            int equals = -1;
            int equalsInLine = -1;
            boolean quoted = false;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                char c = line.charAt(i);
                if (c == '"') {
                    quoted = true;
                    int open = i++;
                    while (true) {
                        if (i >= line.length()) {
                            throw new SyntaxError(open + 1, "unclosed quote: expected a closing \"");
                        }
                        c = line.charAt(i++);
                        if (c == '"') {
                            break;
                        }
                        if (c == '\\' && i < line.length()) {
                            c = line.charAt(i++);
                        }
                        text.append(c);
                    }
                    continue;
                }
                if (c == '=' && equals < 0 && !quoted) {
                    equals = text.length();
                    equalsInLine = i - start;
                }
                text.append(c);
                i++;
            }
            String word = text.toString();
            words.add(new Word(word, equals < 0 ? word : word.substring(0, equals), null,
                    equals < 0 ? null : word.substring(equals + 1), start + 1,
                    equals < 0 ? start + 1 : start + 1 + equalsInLine + 1));
        }
        return words;
    }

    /**
     * Reads a duration: a whole number with {@code ms}, {@code s}, {@code m} or {@code h} (no unit:
     * milliseconds), or ISO-8601 such as {@code PT2S}.
     *
     * @param text e.g. {@code 500ms}, {@code 2s}, {@code 1m}
     * @return the duration
     * @throws IllegalArgumentException when the text is no duration or too large
     */
    public static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (m.matches()) {
            long amount = number(m.group(1), text);
            String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
            try {
                return switch (unit) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMillis(amount);
                };
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("\"" + text + "\" is too large", e);
            }
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is no duration: use e.g. 500ms, 2s, 1m or 1h", e);
        }
    }

    /**
     * Reads a byte count or a rate: a whole number, optionally with {@code KiB}/{@code k}, {@code MiB}/{@code m} or
     * {@code GiB}/{@code g} (binary units), optionally followed by {@code /s}.
     *
     * @param text e.g. {@code 32768}, {@code 32KiB}, {@code 1MiB/s}
     * @return the bytes
     * @throws IllegalArgumentException when the text is no byte count or too large
     */
    public static long bytes(String text) {
        return bytes(text, true);
    }

    /**
     * Reads a size: a byte count as {@link #bytes(String)} reads it, without {@code /s}.
     *
     * @param text e.g. {@code 1048576}, {@code 64KiB}, {@code 10m}, {@code 2GiB}
     * @return the bytes
     * @throws IllegalArgumentException when the text is no byte count or too large
     */
    public static long size(String text) {
        return bytes(text, false);
    }

    private static long bytes(String text, boolean rate) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches() || (!rate && m.group(3) != null)) {
            throw new IllegalArgumentException("\"" + text + "\" is no byte count: use e.g. 1048576, 64KiB, 10MiB or "
                    + "2GiB");
        }
        long amount = number(m.group(1), text);
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        try {
            return switch (unit) {
                case "kib", "k" -> Math.multiplyExact(amount, 1024L);
                case "mib", "m" -> Math.multiplyExact(amount, 1024L * 1024);
                case "gib", "g" -> Math.multiplyExact(amount, 1024L * 1024 * 1024);
                default -> amount;
            };
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too large", e);
        }
    }

    private static long number(String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too large", e);
        }
    }
}
