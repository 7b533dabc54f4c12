package io.sftptest.server.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Emulates the commands that SFTP clients run over an exec channel, over the user's files, with the output and
 * error messages of GNU coreutils (9.x) and dash: {@code id} (Commons VFS probes {@code id -u} and {@code id -G}),
 * {@code md5sum}/{@code sha1sum}/{@code sha256sum} (rclone's hashes, {@code md5sum /path} with the path
 * backslash-escaped), {@code df -k PATH} (rclone's {@code about} when {@code statvfs@openssh.com} fails) and
 * {@code echo} (rclone's shell probe {@code echo ${ShellId}%ComSpec%}). Anything else is "not found" with exit
 * status 127, as from {@code sh -c}.
 */
final class ExecCommands {
    /** The commands this class emulates, for messages. */
    static final List<String> EMULATED = List.of("id", "md5sum", "sha1sum", "sha256sum", "df", "echo");

    private static final int NOT_FOUND = 127;
    private static final int SYNTAX_ERROR = 2;
    private static final long KIB = 1024;

    /**
     * What a command printed and how it ended.
     *
     * @param out its standard output
     * @param err its standard error
     * @param exitStatus its exit status
     */
    record Result(byte[] out, byte[] err, int exitStatus) {
    }

    private final String user;
    private final UserFiles files;
    private final InputStream stdin;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExecCommands(String user, UserFiles files, InputStream stdin) {
        this.user = user;
        this.files = files;
        this.stdin = stdin;
    }

    /**
     * Runs one command line.
     *
     * @param commandLine the line the client sent
     * @param user the user's name
     * @param files the user's files
     * @param variables the environment by name (null when unset)
     * @param stdin the channel's input, read only by a hash of {@code -} or of no file
     * @return what it printed and its exit status
     */
    static Result run(String commandLine, String user, UserFiles files, UnaryOperator<String> variables,
            InputStream stdin) {
        ExecCommands shell = new ExecCommands(user, files, stdin);
        int status;
        try {
            status = shell.run(ShellWords.split(commandLine, variables));
        } catch (ShellWords.Unsupported e) {
            shell.error("sh: 1: " + e.getMessage());
            status = e.getMessage().startsWith("Syntax error") ? SYNTAX_ERROR : NOT_FOUND;
        }
        return new Result(shell.out.toByteArray(), shell.err.toByteArray(), status);
    }

    private int run(List<String> words) {
        if (words.isEmpty()) {
            return 0;
        }
        String name = words.get(0);
        List<String> args = words.subList(1, words.size());
        return switch (name) {
            case "id" -> id(args);
            case "md5sum" -> hash(name, "MD5", "MD5", args);
            case "sha1sum" -> hash(name, "SHA-1", "SHA1", args);
            case "sha256sum" -> hash(name, "SHA-256", "SHA256", args);
            case "df" -> df(args);
            case "echo" -> echo(args);
            default -> {
                error("sh: 1: " + name + ": not found (this test server emulates " + String.join(", ", EMULATED)
                        + ")");
                yield NOT_FOUND;
            }
        };
    }

    // ------------------------------------------------------------------ id

    private int id(List<String> args) {
        char only = 0;
        boolean names = false;
        List<String> operands = new ArrayList<>();
        for (Option option : Option.parse(args)) {
            if (option.operand()) {
                operands.add(option.text());
                continue;
            }
            char letter = switch (option.text()) {
                case "-u", "--user" -> 'u';
                case "-g", "--group" -> 'g';
                case "-G", "--groups" -> 'G';
                case "-n", "--name" -> 'n';
                case "-r", "--real" -> 'r';
                default -> 0;
            };
            if (letter == 0) {
                return notEmulated("id", option.text(), "id [-u|-g|-G] [-n] [USER]");
            }
            if (letter == 'n') {
                names = true;
            } else if (letter != 'r') {
                if (only != 0 && only != letter) {
                    error("id: cannot print \"only\" of more than one choice");
                    return 1;
                }
                only = letter;
            }
        }
        if (operands.size() > 1) {
            error("id: extra operand " + quoted(operands.get(1)));
            return 1;
        }
        if (!operands.isEmpty() && !operands.get(0).equals(user)) {
            error("id: '" + operands.get(0) + "': no such user");
            return 1;
        }
        if (names && only == 0) {
            error("id: cannot print only names or real IDs in default format");
            return 1;
        }
        int uid = files.uid();
        int gid = files.gid();
        String line = switch (only) {
            case 'u' -> names ? user : Integer.toString(uid);
            case 'g', 'G' -> names ? user : Integer.toString(gid);
            default -> "uid=" + uid + "(" + user + ") gid=" + gid + "(" + user + ") groups=" + gid + "(" + user + ")";
        };
        print(line + "\n");
        return 0;
    }

    // ------------------------------------------------------------------ md5sum, sha1sum, sha256sum

    private int hash(String command, String algorithm, String tagName, List<String> args) {
        boolean binary = false;
        boolean tag = false;
        boolean zero = false;
        List<String> operands = new ArrayList<>();
        for (Option option : Option.parse(args)) {
            switch (option.operand() ? "" : option.text()) {
                case "" -> operands.add(option.text());
                case "-b", "--binary" -> binary = true;
                case "-t", "--text" -> binary = false;
                case "--tag" -> tag = true;
                case "-z", "--zero" -> zero = true;
                default -> {
                    return notEmulated(command, option.text(), command + " [-b|-t] [--tag] [-z] [FILE]...");
                }
            }
        }
        if (operands.isEmpty()) {
            operands.add("-");
        }
        int status = 0;
        for (String name : operands) {
            byte[] digest;
            try {
                digest = digest(algorithm, name);
            } catch (IOException e) {
                error(command + ": " + quoted(name) + ": " + reason(e));
                status = 1;
                continue;
            }
            print(sumLine(HexFormat.of().formatHex(digest), name, tagName, binary, tag, zero));
        }
        return status;
    }

    private byte[] digest(String algorithm, String name) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
        if (name.equals("-")) {
            update(digest, stdin);
            return digest.digest();
        }
        Path file = files.resolve(name);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(name, null, "Is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            update(digest, in);
        }
        return digest.digest();
    }

    private static void update(MessageDigest digest, InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
    }

    /**
     * One output line as coreutils writes it: {@code HEX  NAME}, {@code HEX *NAME} for binary mode, or
     * {@code MD5 (NAME) = HEX} with {@code --tag}. A name with a backslash, newline or carriage return is escaped
     * and the line starts with a backslash (not with {@code -z}, which ends lines with NUL instead).
     */
    private static String sumLine(String hex, String name, String tagName, boolean binary, boolean tag,
            boolean zero) {
        boolean escape = !zero && (name.indexOf('\\') >= 0 || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0);
        String shown = escape ? name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r") : name;
        String line = tag ? tagName + " (" + shown + ") = " + hex : hex + (binary ? " *" : "  ") + shown;
        return (escape ? "\\" : "") + line + (zero ? "\0" : "\n");
    }

    // ------------------------------------------------------------------ df

    private int df(List<String> args) {
        List<String> operands = new ArrayList<>();
        for (Option option : Option.parse(args)) {
            if (option.operand()) {
                operands.add(option.text());
            } else if (!option.text().equals("-k")) {
                return notEmulated("df", option.text(), "df [-k] [FILE]...");
            }
        }
        if (operands.isEmpty()) {
            operands.add("/");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Filesystem", "1K-blocks", "Used", "Available", "Use%", "Mounted on"});
        int status = 0;
        for (String name : operands) {
            try {
                Path path = files.resolve(name);
                if (!Files.exists(path)) {
                    throw new NoSuchFileException(name);
                }
                rows.add(dfRow(StoreSpace.of(Files.getFileStore(path))));
            } catch (IOException e) {
                error("df: " + quoted(name) + ": " + reason(e));
                status = 1;
            }
        }
        if (rows.size() > 1) {
            print(table(rows));
        }
        return status;
    }

    private static String[] dfRow(StoreSpace space) {
        long size = kib(space.blocks(), space.blockSize());
        long used = kib(space.blocks() - space.free(), space.blockSize());
        long available = kib(space.available(), space.blockSize());
        long nonRoot = used + available;
        String percent = nonRoot == 0 ? "-" : (used * 100 + nonRoot - 1) / nonRoot + "%";
        return new String[] {space.name(), Long.toString(size), Long.toString(used), Long.toString(available),
            percent, "/"};
    }

    private static long kib(long blocks, long blockSize) {
        return (blocks * blockSize + KIB - 1) / KIB;
    }

    /** The columns of coreutils' df: minimum widths 14, 5, 5, 5, 4, left-aligned names, the last one unpadded. */
    private static String table(List<String[]> rows) {
        int[] widths = {14, 5, 5, 5, 4, 0};
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    text.append(' ');
                }
                boolean left = c == 0 || c == row.length - 1;
                String pad = " ".repeat(c == row.length - 1 ? 0 : widths[c] - row[c].length());
                text.append(left ? row[c] + pad : pad + row[c]);
            }
            text.append('\n');
        }
        return text.toString();
    }

    // ------------------------------------------------------------------ echo

    /** bash's builtin: {@code -n} drops the line end, {@code -e} interprets backslash escapes, {@code -E} not. */
    private int echo(List<String> args) {
        boolean newline = true;
        boolean escapes = false;
        int first = 0;
        while (first < args.size() && args.get(first).matches("-[neE]+")) {
            for (char c : args.get(first).substring(1).toCharArray()) {
                newline &= c != 'n';
                escapes = c == 'e' || (escapes && c != 'E');
            }
            first++;
        }
        String text = String.join(" ", args.subList(first, args.size()));
        if (escapes) {
            int cut = text.indexOf("\\c");
            if (cut >= 0) {
                text = text.substring(0, cut);
                newline = false;
            }
            text = unescape(text);
        }
        print(newline ? text + "\n" : text);
        return 0;
    }

    private static String unescape(String text) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                result.append(c);
                continue;
            }
            char next = text.charAt(++i);
            int at = "\\abefnrtv".indexOf(next);
            if (at >= 0) {
                result.append("\\\u0007\b\u001b\f\n\r\t\u000b".charAt(at));
            } else if (next == '0' || next == 'x') {
                int radix = next == '0' ? 8 : 16;
                int end = i + 1;
                while (end < text.length() && end - i <= (radix == 8 ? 3 : 2)
                        && Character.digit(text.charAt(end), radix) >= 0) {
                    end++;
                }
                result.append(end == i + 1 ? (radix == 8 ? "\0" : "\\x")
                        : String.valueOf((char) Integer.parseInt(text.substring(i + 1, end), radix)));
                i = end - 1;
            } else {
                result.append('\\').append(next);
            }
        }
        return result.toString();
    }

    // ------------------------------------------------------------------ shared

    /** A command-line argument: an option (GNU style, anywhere before {@code --}) or an operand. */
    private record Option(String text, boolean operand) {
        /** Splits clustered short options ({@code -un} into {@code -u -n}); {@code -} alone is an operand. */
        static List<Option> parse(List<String> args) {
            List<Option> options = new ArrayList<>();
            boolean operandsOnly = false;
            for (String arg : args) {
                if (operandsOnly || arg.equals("-") || !arg.startsWith("-")) {
                    options.add(new Option(arg, true));
                } else if (arg.equals("--")) {
                    operandsOnly = true;
                } else if (arg.startsWith("--")) {
                    options.add(new Option(arg, false));
                } else {
                    for (char c : arg.substring(1).toCharArray()) {
                        options.add(new Option("-" + c, false));
                    }
                }
            }
            return options;
        }
    }

    private int notEmulated(String command, String option, String usage) {
        error(command + ": option " + quoted(option) + " is not emulated by this test server (it emulates " + usage
                + ")");
        return 1;
    }

    /** The reason coreutils prints after a file name, from the exception of a file operation. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Quotes a name for an error message as coreutils does ({@code quotef}): as it is when no shell would need
     * quotes, else in single quotes, or in double quotes when it holds a single quote and nothing a double-quoted
     * string would expand.
     */
    static String quoted(String name) {
        boolean plain = !name.isEmpty() && name.charAt(0) != '#' && name.charAt(0) != '~';
        for (int i = 0; i < name.length() && plain; i++) {
            char c = name.charAt(i);
            plain = c > ' ' && c != 0x7f && " !\"$&'()*;<=>?[\\]^`{|}".indexOf(c) < 0;
        }
        if (plain) {
            return name;
        }
        if (name.indexOf('\'') >= 0 && name.chars().noneMatch(c -> "\"$`\\!".indexOf(c) >= 0)) {
            return '"' + name + '"';
        }
        return "'" + name.replace("'", "'\\''") + "'";
    }

    private void print(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    private void error(String line) {
        err.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
