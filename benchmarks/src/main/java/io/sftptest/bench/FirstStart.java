package io.sftptest.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Started in a new JVM by the harness: measures the first server start in a JVM, from this class's
 * {@code main} to the first accepted connection (class loading, Bouncy Castle and MINA set-up).
 */
public final class FirstStart {
    private static final String TIMING = "first-start-ms=";

    private FirstStart() {
    }

    /**
     * Prints {@code first-start-ms=N}.
     *
     * @param args ignored
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        System.out.println(TIMING + StartToFirstConnection.ours());
    }

    /**
     * Runs {@link #main} in a new JVM on this JVM's class path and returns its timing.
     *
     * @param work the child's working directory
     * @param jvmOptions options for the child JVM, e.g. an AppCDS archive
     * @return milliseconds from the child's {@code main} to its first accepted connection
     */
    static double inNewJvm(Path work, List<String> jvmOptions) {
        // absolute: the child runs in the working directory
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, FirstStart.class.getName()));
        String output = Processes.run(command, work, 120);
        return Double.parseDouble(output.lines().filter(line -> line.startsWith(TIMING)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no timing in: " + output))
                .substring(TIMING.length()));
    }
}
