package io.sftptest.server.internal;

import java.util.regex.Pattern;

/**
 * A glob over client path strings with the syntax of {@link java.nio.file.FileSystem#getPathMatcher}
 * "glob:" patterns: {@code *} matches within one path segment, {@code **} across segments,
 * {@code ?} one character other than "/", {@code [abc]}, {@code [a-z]} and {@code [!a]} one character
 * of a set, {@code {csv,txt}} one of the alternatives, and a backslash escapes the next character.
 *
 * <p>It matches the string the client sent, as it was sent: unlike a {@code Path}, it does not
 * collapse "//" or drop a trailing "/", so a test sees the client's own slashes.
 *
 * <p>A command glob ({@link #compileCommand(String)}) matches a command line, where "/" separates nothing:
 * {@code *} and {@code ?} match it too, so {@code md5sum *} matches {@code md5sum /in/a.csv}.
 */
public final class PathGlob {
    private final String glob;
    private final Pattern pattern;

    private PathGlob(String glob, Pattern pattern) {
        this.glob = glob;
        this.pattern = pattern;
    }

    /**
     * Compiles a glob.
     *
     * @param glob the pattern, e.g. {@code /out/*.csv} or {@code /data/**}
     * @return the compiled glob
     * @throws IllegalArgumentException when the glob is malformed (an unclosed "[" or "{")
     */
    public static PathGlob compile(String glob) {
        return new PathGlob(glob, Pattern.compile(toRegex(glob, "[^/]", "path")));
    }

    /**
     * Compiles a glob over command lines: the syntax of {@link #compile(String)}, but {@code *}, {@code ?} and
     * character sets also match "/".
     *
     * @param glob the pattern, e.g. {@code md5sum *} or {@code id -[uG]}
     * @return the compiled glob
     * @throws IllegalArgumentException when the glob is malformed (an unclosed "[" or "{")
     */
    public static PathGlob compileCommand(String glob) {
        return new PathGlob(glob, Pattern.compile(toRegex(glob, ".", "command"), Pattern.DOTALL));
    }

    /**
     * Returns whether a path string matches the whole glob.
     *
     * @param path a client path, or null (which never matches)
     * @return true on a match
     */
    public boolean matches(String path) {
        return path != null && pattern.matcher(path).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    /** {@code one} is the regex of one character that {@code *} and {@code ?} may match. */
    private static String toRegex(String glob, String one, String kind) {
        StringBuilder regex = new StringBuilder();
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw malformed(glob, kind, "it ends with an escaping backslash");
                    }
                    literal(regex, glob.charAt(i++));
                }
                case '*' -> {
                    if (i < glob.length() && glob.charAt(i) == '*') {
                        regex.append(".*");
                        i++;
                    } else {
                        regex.append(one).append('*');
                    }
                }
                case '?' -> regex.append(one);
                case '[' -> i = characterClass(glob, i, regex, one, kind);
                case '{' -> {
                    if (inGroup) {
                        throw malformed(glob, kind, "groups {...} cannot nest");
                    }
                    regex.append("(?:(?:");
                    inGroup = true;
                }
                case '}' -> {
                    if (inGroup) {
                        regex.append("))");
                        inGroup = false;
                    } else {
                        literal(regex, c);
                    }
                }
                case ',' -> {
                    if (inGroup) {
                        regex.append(")|(?:");
                    } else {
                        literal(regex, c);
                    }
                }
                default -> literal(regex, c);
            }
        }
        if (inGroup) {
            throw malformed(glob, kind, "a group \"{\" is not closed");
        }
        return regex.toString();
    }

    private static int characterClass(String glob, int start, StringBuilder regex, String one, String kind) {
        int i = start;
        regex.append(one.equals(".") ? "[[" : "[[^/]&&[");
        if (i < glob.length() && glob.charAt(i) == '!') {
            regex.append('^');
            i++;
        }
        boolean first = true;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            if (c == ']' && !first) {
                regex.append("]]");
                return i;
            }
            if (c == '-' && !first && i < glob.length() && glob.charAt(i) != ']') {
                regex.append('-');
            } else {
                if (c == '\\' || c == '[' || c == '&' || c == '^' || c == ']') {
                    regex.append('\\');
                }
                regex.append(c);
            }
            first = false;
        }
        throw malformed(glob, kind, "a character class \"[\" is not closed");
    }

    private static void literal(StringBuilder regex, char c) {
        if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
            regex.append('\\');
        }
        regex.append(c);
    }

    private static IllegalArgumentException malformed(String glob, String kind, String why) {
        return new IllegalArgumentException(kind + " glob \"" + glob + "\" is malformed: " + why
                + "; escape a literal character with a backslash");
    }
}
