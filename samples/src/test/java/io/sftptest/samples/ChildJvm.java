package io.sftptest.samples;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Starts a class's {@code main} in a new JVM with this test run's classpath. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Starts {@code java -cp <test classpath> mainClass args...}, stderr merged into stdout.
     *
     * @param mainClass the class with the {@code main} method
     * @param args its arguments
     * @return the started process
     * @throws IOException when java cannot be started
     */
    public static Process start(Class<?> mainClass, String... args) throws IOException {
        return start(classpathWithout(List.of()), mainClass, args);
    }

    /**
     * Returns this test run's classpath without the entries whose path contains one of the words.
     *
     * @param words e.g. {@code junit}
     * @return the classpath, in {@code -cp} form
     */
    public static String classpathWithout(List<String> words) {
        // surefire and failsafe put the real test classpath into java.class.path
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> words.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * Starts {@code java -cp classpath mainClass args...}, stderr merged into stdout.
     *
     * @param classpath the classpath
     * @param mainClass the class with the {@code main} method
     * @param args its arguments
     * @return the started process
     * @throws IOException when java cannot be started
     */
    public static Process start(String classpath, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
