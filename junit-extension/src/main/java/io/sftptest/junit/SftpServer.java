package io.sftptest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names which server an injected {@link io.sftptest.server.SftpTestServer} parameter is, when a test sees
 * several. Without it, a parameter gets the only server in scope (or, with {@code @Nested} classes, the one
 * declared innermost).
 *
 * <pre>{@code
 * @RegisterExtension static SftpServerExtension source = new SftpServerExtension();
 * @RegisterExtension static SftpServerExtension target = new SftpServerExtension();
 *
 * @Test
 * void copiesFromSourceToTarget(@SftpServer("source") SftpTestServer from, @SftpServer("target") SftpTestServer to) {
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SftpServer {
    /**
     * The server's name: the name given to {@link SftpServerExtension.Builder#name(String)}, else the name
     * of the {@code @RegisterExtension} field, or {@value SftpServerExtension#DEFAULT_NAME} for
     * {@link SftpServerTest @SftpServerTest}.
     *
     * @return the name
     */
    String value();
}
