package io.sftptest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a {@code @ParameterizedTest} once per server personality, each time with a started
 * {@link io.sftptest.server.SftpTestServer} that has that personality, so one client test answers "which servers
 * does our code work with?":
 *
 * <pre>{@code
 * @ParameterizedTest
 * @PersonalitySource({"no-setstat", "windows-openssh", "sftp-v3-only+rename-overwrites"})
 * void uploadsTheReport(SftpTestServer server) throws Exception {
 *     new ReportUploader(server.host(), server.port(), "alice", "secret").upload(report);
 *     assertThat(server.fileContent("/out/report.csv", UTF_8)).isEqualTo(report);
 * }
 * }</pre>
 *
 * <p>Each invocation is named after its personality and gets a server of its own, started when the invocation
 * starts and closed after it (JUnit closes the argument). After the last invocation the matrix prints a table of
 * the personalities the test survived and how each failure looked, to the console and to
 * {@code target/personality-matrix/<test class>.<method>.txt} (relative to the working directory, the module
 * directory under Maven). A failed invocation fails the build like any test: to see a matrix without failing,
 * assert on what the code under test reports rather than letting it throw, or run the matrix on its own.
 *
 * <p>Bad input fails the whole test before any server starts, naming the element, the rule broken and the fix: an
 * unknown name, a name in {@link #exclude()} that is not run anyway, two personalities joined with {@code +} that
 * set the same thing, a malformed user.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(PersonalityArguments.class)
@ExtendWith(PersonalityMatrix.class)
public @interface PersonalitySource {
    /**
     * The personalities, one invocation each, by the names {@link io.sftptest.server.Personality#parse(String)}
     * reads ({@code "no-setstat"}, {@code "small-reads=16KiB"}); several joined with {@code +} make one server
     * ({@code "sftp-v3-only+no-setstat"}). Empty (the default): every preset of
     * {@link io.sftptest.server.Personality#presets()}, less {@link #exclude()}.
     *
     * @return personality names
     */
    String[] value() default {};

    /**
     * Personalities left out of the run, e.g. {@code {"ssh-rsa-only", "sftp-v6-only"}} for a client that cannot
     * connect to them at all; most useful with every preset.
     *
     * @return personality names
     */
    String[] exclude() default {};

    /**
     * Users of every server as {@code "name:password"}. Empty: the server's default user
     * {@value io.sftptest.server.SftpTestServer#DEFAULT_USER} /
     * {@value io.sftptest.server.SftpTestServer#DEFAULT_PASSWORD}.
     *
     * @return the users
     */
    String[] users() default {};
}
