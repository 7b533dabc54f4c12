package io.sftptest.samples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import io.sftptest.samples.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link PlainMainSample} in a child JVM whose classpath has no JUnit, AssertJ or our JUnit/AssertJ
 * modules: the core works without any test framework.
 */
class PlainMainSampleTest {
    @Test
    void mainUploadsChecksAndExitsWithZero() throws Exception {
        String classpath = ChildJvm.classpathWithout(List.of("junit", "assertj", "assertions", "opentest4j"));
        Process java = ChildJvm.start(classpath, PlainMainSample.class);
        java.getOutputStream().close();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(java.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).containsPattern("OK: sftp://127\\.0\\.0\\.1:\\d+/ received \\d+ WRITE\\(s\\) of /out/report.csv");
    }
}
