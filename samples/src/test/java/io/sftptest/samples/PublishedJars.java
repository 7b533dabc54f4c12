package io.sftptest.samples;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The artifacts this build produced, as paths that the failsafe configuration in samples/pom.xml
 * passes in (resolved by {@code dependency:properties}).
 */
final class PublishedJars {

    private PublishedJars() {}

    static Path core() {
        return jar("sftptest.artifact.server");
    }

    /** The library with MINA SSHD relocated inside it: read as a file, never on the tests' class path. */
    static Path standalone() {
        return jar("sftptest.artifact.standalone");
    }

    static Path assertions() {
        return jar("sftptest.artifact.assertions");
    }

    static Path junit() {
        return jar("sftptest.artifact.junit");
    }

    static Path bomPom() {
        return artifact("sftptest.artifact.bom");
    }

    /**
     * A module's {@code -sources.jar} or {@code -javadoc.jar}, which {@code -P release} makes.
     *
     * @param module server, standalone, assertions or junit
     * @param classifier sources or javadoc
     */
    static Path releaseJar(String module, String classifier) {
        String property = "sftptest.release." + module + "." + classifier;
        String value = System.getProperty(property);
        assertTrue(value != null && !value.startsWith("${"), () -> "system property " + property + " is " + value
                + ": the -" + classifier + ".jar files are built under -P release only; run `mvn -B -P release verify`"
                + " from the project root, whose release profile in samples/pom.xml sets it");
        return jar(property);
    }

    static String projectVersion() {
        return property("sftptest.version");
    }

    private static Path jar(String property) {
        Path path = artifact(property);
        assertTrue(Files.isRegularFile(path) && path.getFileName().toString().endsWith(".jar"),
                () -> property + " is " + path + ", not a jar: that module was not packaged in this build."
                        + " Run `mvn verify` (or `mvn package`) from the project root; `mvn test` stops before the jars exist.");
        return path;
    }

    private static Path artifact(String property) {
        Path path = Path.of(property(property));
        assertTrue(Files.exists(path), () -> property + " names " + path + ", which does not exist");
        return path;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, () -> "system property " + name + " is not set: run this test through Maven"
                + " (`mvn verify` from the project root), whose failsafe configuration in samples/pom.xml sets it");
        assertTrue(!value.startsWith("${"), () -> "system property " + name + " is " + value
                + ": dependency:properties did not run; run `mvn verify` from the project root");
        return value;
    }
}
