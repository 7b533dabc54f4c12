package io.sftptest.matrix;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The runner's class path, written into this module's jar by the build (see harness/pom.xml). */
final class RunnerClasspath {
    private static final String RESOURCE = "runner.classpath";

    private RunnerClasspath() {
    }

    static String get() {
        try (InputStream in = RunnerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing next to " + RunnerClasspath.class.getName()
                        + ": build the matrix from the project root with -am, e.g. mvn verify -pl"
                        + " client-matrix/jsch-0.1.55 -am");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
