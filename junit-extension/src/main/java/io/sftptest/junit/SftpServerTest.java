package io.sftptest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Starts an {@link io.sftptest.server.SftpTestServer SftpTestServer} on a random loopback port over an
 * in-memory filesystem for the annotated test class (or method), and closes it afterwards.
 *
 * <pre>{@code
 * @SftpServerTest(users = "alice:secret", directories = {"/in", "/out"})
 * class UploadTest {
 *     @Test
 *     void uploadsTheReport(SftpTestServer server) {
 *         new ReportUploader(server.host(), server.port(), "alice", "secret", 3)
 *                 .upload("/out/report.csv", "x,y\n".getBytes(StandardCharsets.UTF_8));
 *         assertEquals("x,y\n", server.fileContent("/out/report.csv", StandardCharsets.UTF_8));
 *     }
 * }
 * }</pre>
 *
 * <p>({@code ReportUploader} stands for the code under test: the samples module's
 * {@code io.sftptest.samples.jsch.ReportUploader}, whose constructor takes host, port, user, password and the
 * number of attempts.)
 *
 * <p>By default there is one server per class, reset (files, connections, recording) before each test;
 * {@link #lifecycle()} {@link ServerLifecycle#PER_METHOD} gives each test its own server. On a method, the
 * annotation gives that test its own server, which replaces a class-level one for that test. Inject the
 * server, its port or its URI into constructors, {@code @BeforeAll}/{@code @BeforeEach} and test methods:
 * {@link io.sftptest.server.SftpTestServer}, {@link SftpPort @SftpPort int}, {@link SftpUri @SftpUri URI}.
 * The server's name is {@value SftpServerExtension#DEFAULT_NAME}.
 *
 * <p>The annotation can be put on your own annotation to compose it:
 *
 * <pre>{@code
 * @Retention(RetentionPolicy.RUNTIME)
 * @Target(ElementType.TYPE)
 * @SftpServerTest(users = {"alice:secret", "bob:hunter2"}, protocolVersion = 3)
 * public @interface LegacyPartnerSftp {}
 * }</pre>
 *
 * <p>Under parallel execution, the tests of a class that shares one server ({@link ServerLifecycle#PER_CLASS})
 * run one after another (JUnit resource lock on the class), while different classes, and the tests of a
 * {@link ServerLifecycle#PER_METHOD} class, run concurrently, each on its own server and port.
 *
 * <p>Anything that does not fit an annotation (public keys, host keys, faults, algorithms) goes through
 * {@link SftpServerExtension} with an {@link io.sftptest.server.SftpTestServer#builder() SftpTestServer.builder()}.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SftpServerTestExtension.class)
@ResourceLock(providers = ClassServerLocks.class)
public @interface SftpServerTest {
    /**
     * Users as {@code "name:password"}, e.g. {@code {"alice:secret", "bob:hunter2"}}. Empty: the server's
     * default user {@value io.sftptest.server.SftpTestServer#DEFAULT_USER} /
     * {@value io.sftptest.server.SftpTestServer#DEFAULT_PASSWORD}.
     *
     * @return the users
     */
    String[] users() default {};

    /**
     * Server personalities by name, e.g. {@code {"no-setstat", "sftp-v3-only"}} or {@code "inbox-only=/upload"}:
     * the quirks of real SFTP servers (see {@link io.sftptest.server.Personality#parse(String)} for the names).
     * The other attributes of this annotation override what a personality sets. For a personality of your own,
     * use {@link SftpServerExtension} with
     * {@link io.sftptest.server.SftpTestServer.Builder#personality(io.sftptest.server.Personality)}.
     *
     * <pre>{@code
     * @SftpServerTest(users = "alice:secret", personalities = "no-setstat")
     * class UploadToCloudStorageTest { ... }
     * }</pre>
     *
     * @return personality names; empty (the default) for a plain server
     */
    String[] personalities() default {};

    /**
     * Personality files, written by the runner's {@code probe} command from a real server (or by
     * {@code write-personality} from a preset): the server answers like the probed one. Each entry is a class-path
     * resource (a file under {@code src/test/resources}, named relative to it) or, when no resource has that name, a
     * file path relative to the working directory. What a file cannot reproduce yet is logged as a warning; see
     * {@link io.sftptest.server.Personality#load(java.nio.file.Path)}.
     *
     * <pre>{@code
     * @SftpServerTest(users = "alice:secret", personalityFiles = "partner.personality.json")
     * class UploadToPartnerTest { ... }
     * }</pre>
     *
     * @return resource names or file paths; empty (the default) for none
     */
    String[] personalityFiles() default {};

    /**
     * The only SFTP protocol version offered, 3 to 6; 0 (the default) offers 3 to 6.
     *
     * @return the version, or 0
     */
    int protocolVersion() default 0;

    /**
     * The capacity of the server's filesystem, e.g. {@code "10MiB"} (a byte count with an optional {@code KiB},
     * {@code MiB} or {@code GiB}); a client write beyond it fails with {@code NO_SPACE_ON_FILESYSTEM}
     * ({@code FAILURE} for SFTP v3 clients). Empty (the default): no limit. See
     * {@link io.sftptest.server.DiskSpace}; a test changes it with {@code server.disk()}, and the reset before each
     * test restores this one.
     *
     * @return the capacity, or empty
     */
    String diskCapacity() default "";

    /**
     * Quotas as {@code "name=size"}, e.g. {@code {"alice=1MiB"}}: the files below the user's home directory hold at
     * most that much; a client write beyond it fails with {@code QUOTA_EXCEEDED} ({@code FAILURE} for SFTP v3
     * clients).
     *
     * @return the quotas
     */
    String[] quotas() default {};

    /**
     * Whether files are locked while a connection holds them open, as on a Windows server: no open for writing,
     * rename or delete by another connection ({@code LOCK_CONFLICT}, {@code FAILURE} for SFTP v3 clients). See
     * {@link io.sftptest.server.FileLocks}.
     *
     * @return true to lock open files (default false)
     */
    boolean lockOpenFiles() default false;

    /**
     * The instant that stamps every file the server writes, e.g. {@code "2026-01-01T00:00:00Z"}: the server's clock
     * stands still there (a test moves it with {@code server.clock()}; the reset before each test puts it back).
     * Empty (the default): the system clock. In-memory filesystem only.
     *
     * @return an ISO-8601 instant, or empty
     */
    String clock() default "";

    /**
     * Whether the class shares one server (default) or each test gets its own. Ignored on a method, which
     * always gets its own.
     *
     * @return the lifecycle
     */
    ServerLifecycle lifecycle() default ServerLifecycle.PER_CLASS;

    /**
     * Directories the server holds when it starts and after each reset, e.g. {@code {"/in", "/out"}}.
     *
     * @return absolute client paths
     */
    String[] directories() default {};

    /**
     * A real directory to serve instead of the in-memory filesystem (relative to the working directory);
     * empty (the default) serves an in-memory filesystem. A real directory is not emptied between tests.
     *
     * @return the path, or empty
     */
    String rootDirectory() default "";

    /**
     * How many of the last SFTP requests of a failed test are added to its failure (as a suppressed
     * exception); 0 adds nothing.
     *
     * @return the number of requests shown
     */
    int requestsShownOnFailure() default SftpServerExtension.DEFAULT_REQUESTS_SHOWN_ON_FAILURE;

    /**
     * Fails a test after which a fault rule of the server ({@code server.faults()}) never fired: a rule that
     * nothing triggered usually means that the test did not exercise what it meant to. The failure lists the
     * unused rules ({@code server.faults().unused()}); rules are cleared before each test.
     *
     * @return true to fail on unused fault rules
     */
    boolean failOnUnusedFaults() default false;
}
