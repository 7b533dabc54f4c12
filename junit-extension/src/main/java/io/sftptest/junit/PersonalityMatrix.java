package io.sftptest.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Watches the invocations of a {@link PersonalitySource} test and, once the test is done, prints which personalities
 * it survived and how each failure looked: to the console and to {@value #DIRECTORY}{@code /<class>.<method>.txt}.
 * The report lives in the store of the parameterized test itself, which closes it after the last invocation.
 */
final class PersonalityMatrix implements TestWatcher {
    /** Where the tables are written, relative to the working directory. */
    static final String DIRECTORY = "target/personality-matrix";

    private static final Namespace NAMESPACE = Namespace.create(PersonalityMatrix.class);
    /** The last segment of an invocation's unique id: {@code [test-template-invocation:#3]}. */
    private static final Pattern INVOCATION = Pattern.compile("#(\\d+)]$");
    private static final int LONGEST_FAILURE = 160;

    /** The report of a parameterized test: made on first use, closed (printed) with the test. */
    static Report report(ExtensionContext test) {
        return test.getStore(NAMESPACE).getOrComputeIfAbsent(Report.class, type -> new Report(name(test)),
                Report.class);
    }

    private static String name(ExtensionContext test) {
        return test.getRequiredTestClass().getName() + "." + test.getTestMethod().map(Method::getName).orElse("?");
    }

    @Override
    public void testSuccessful(ExtensionContext invocation) {
        record(invocation, null, null);
    }

    @Override
    public void testFailed(ExtensionContext invocation, Throwable cause) {
        record(invocation, "FAILED", cause);
    }

    @Override
    public void testAborted(ExtensionContext invocation, Throwable cause) {
        record(invocation, "ABORTED", cause);
    }

    private static void record(ExtensionContext invocation, String outcome, Throwable cause) {
        Matcher index = INVOCATION.matcher(invocation.getUniqueId());
        if (index.find() && invocation.getParent().isPresent()) {
            report(invocation.getParent().get()).record(Integer.parseInt(index.group(1)), outcome, cause);
        }
    }

    /** What happened to each personality of one test; printed and written when the test's store closes. */
    static final class Report implements AutoCloseable {
        private final String test;
        private volatile List<String> personalities = List.of();
        private final Map<Integer, String> outcomes = new ConcurrentHashMap<>();

        Report(String test) {
            this.test = test;
        }

        void plan(List<String> names) {
            this.personalities = List.copyOf(names);
        }

        void record(int invocation, String outcome, Throwable cause) {
            outcomes.put(invocation, outcome == null ? "" : outcome + "\t" + describe(cause));
        }

        private static String describe(Throwable cause) {
            if (cause == null) {
                return "";
            }
            String message = String.valueOf(cause.getMessage()).strip();
            int newline = message.indexOf('\n');
            String line = cause.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0,
                    newline).strip() + " ...");
            return line.length() > LONGEST_FAILURE ? line.substring(0, LONGEST_FAILURE - 3) + "..." : line;
        }

        /** The table, as printed. */
        String table() {
            int width = "personality".length();
            for (String name : personalities) {
                width = Math.max(width, name.length());
            }
            List<String> lines = new ArrayList<>();
            int survived = 0;
            for (int i = 0; i < personalities.size(); i++) {
                String outcome = outcomes.get(i + 1);
                String result;
                String how = "";
                if (outcome == null) {
                    result = "not run";
                } else if (outcome.isEmpty()) {
                    result = "survived";
                    survived++;
                } else {
                    result = outcome.substring(0, outcome.indexOf('\t'));
                    how = outcome.substring(outcome.indexOf('\t') + 1);
                }
                lines.add(String.format("  %-" + width + "s  %-8s  %s", personalities.get(i), result, how).stripTrailing());
            }
            List<String> table = new ArrayList<>();
            table.add("Personality matrix of " + test + ": survived " + survived + " of " + personalities.size());
            table.add(String.format("  %-" + width + "s  %-8s  %s", "personality", "result", "how it failed"));
            table.addAll(lines);
            return String.join(System.lineSeparator(), table) + System.lineSeparator();
        }

        /** Prints the table and writes it to its file. */
        @Override
        public void close() {
            if (personalities.isEmpty()) {
                return; // the names were refused: the test's own error says why
            }
            String table = table();
            System.out.print(table); // the matrix is a report for the person running the tests, as surefire's own
            try {
                Path directory = Files.createDirectories(Path.of(DIRECTORY));
                Files.writeString(directory.resolve(test + ".txt"), table, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the personality matrix of " + test + " to " + DIRECTORY,
                        e);
            }
        }
    }
}
