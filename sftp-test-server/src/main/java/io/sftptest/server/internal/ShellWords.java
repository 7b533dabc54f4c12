package io.sftptest.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Splits an exec request's command line into words as a POSIX shell does for one simple command: blanks separate
 * words; {@code '...'} quotes literally; {@code "..."} quotes with {@code \}-escapes and expansions; a backslash
 * escapes one character; {@code $NAME} and {@code ${NAME}} expand (unset: empty, as {@code ${ShellId}} in rclone's
 * shell probe {@code echo ${ShellId}%ComSpec%}); {@code ~} at the start of a word is the home directory; {@code #}
 * starts a comment. What would make a second command, a pipe, a redirection or a substitution is refused with
 * {@link Unsupported}, since the emulation runs one command; glob characters stay as they are (a shell does so when
 * nothing matches).
 */
final class ShellWords {
    private static final String OPERATORS = "|&;<>()`";

    /** The command line uses shell syntax beyond one simple command. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    private final String line;
    private final UnaryOperator<String> variables;
    private final List<String> words = new ArrayList<>();
    private final StringBuilder word = new StringBuilder();
    private boolean inWord;
    private int i;

    private ShellWords(String line, UnaryOperator<String> variables) {
        this.line = line;
        this.variables = variables;
    }

    /**
     * Splits a command line.
     *
     * @param line the command line the client sent
     * @param variables the value of a variable by name, null when unset ({@code HOME} also expands {@code ~})
     * @return the words, the command name first; empty for a blank line or a comment
     * @throws Unsupported for operators, substitutions, parameter expansion operators and unclosed quotes
     */
    static List<String> split(String line, UnaryOperator<String> variables) throws Unsupported {
        return new ShellWords(line, variables).run();
    }

    private List<String> run() throws Unsupported {
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == ' ' || c == '\t' || c == '\n') {
                endWord();
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '~' && !inWord && (i == line.length() || "/ \t\n".indexOf(line.charAt(i)) >= 0)) {
                inWord = true;
                word.append(value("HOME"));
            } else if (c == '\'') {
                inWord = true;
                int close = line.indexOf('\'', i);
                if (close < 0) {
                    throw new Unsupported("Syntax error: Unterminated quoted string");
                }
                word.append(line, i, close);
                i = close + 1;
            } else if (c == '"') {
                inWord = true;
                doubleQuoted();
            } else if (c == '\\') {
                escaped();
            } else if (c == '$') {
                expand(false);
            } else if (OPERATORS.indexOf(c) >= 0) {
                throw new Unsupported("\"" + c + "\" is shell syntax this server does not emulate: it runs one "
                        + "command, without pipes, lists, redirections or substitutions");
            } else {
                inWord = true;
                word.append(c);
            }
        }
        endWord();
        return words;
    }

    private void escaped() {
        if (i == line.length()) {
            return; // a shell waits for the next line; an exec line has none
        }
        char next = line.charAt(i++);
        if (next != '\n') { // backslash-newline joins lines
            inWord = true;
            word.append(next);
        }
    }

    private void doubleQuoted() throws Unsupported {
        while (i < line.length()) {
            char c = line.charAt(i++);
            if (c == '"') {
                return;
            }
            if (c == '\\' && i < line.length() && "$`\"\\\n".indexOf(line.charAt(i)) >= 0) {
                char next = line.charAt(i++);
                if (next != '\n') {
                    word.append(next);
                }
            } else if (c == '$') {
                expand(true);
            } else if (c == '`') {
                throw new Unsupported("command substitution \"`\" is not emulated by this server");
            } else {
                word.append(c);
            }
        }
        throw new Unsupported("Syntax error: Unterminated quoted string");
    }

    /** Expands {@code $NAME} or {@code ${NAME}}; a {@code $} before anything else stays a {@code $}. */
    private void expand(boolean quoted) throws Unsupported {
        String name;
        if (i < line.length() && line.charAt(i) == '{') {
            int close = line.indexOf('}', i);
            name = close < 0 ? "" : line.substring(i + 1, close);
            if (!isName(name)) {
                throw new Unsupported("parameter expansion \"${" + (close < 0 ? line.substring(i + 1) : name)
                        + "}\" is not emulated by this server: only ${NAME} and $NAME are");
            }
            i = close + 1;
        } else {
            int end = i;
            while (end < line.length() && isNameChar(line.charAt(end), end == i)) {
                end++;
            }
            if (end == i) {
                if (i < line.length() && "(?$!#@*-0123456789".indexOf(line.charAt(i)) >= 0) {
                    throw new Unsupported("\"$" + line.charAt(i) + "\" is not emulated by this server: only ${NAME} "
                            + "and $NAME are");
                }
                inWord = true;
                word.append('$');
                return;
            }
            name = line.substring(i, end);
            i = end;
        }
        String value = value(name);
        if (quoted || !value.isEmpty()) {
            inWord = true;
        }
        word.append(value); // unquoted: a shell would also split the value; ours hold no blanks worth splitting
    }

    private String value(String name) {
        String value = variables.apply(name);
        return value == null ? "" : value;
    }

    private void endWord() {
        if (inWord) {
            words.add(word.toString());
        }
        word.setLength(0);
        inWord = false;
    }

    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (!isNameChar(name.charAt(k), k == 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (!first && c >= '0' && c <= '9');
    }
}
