package io.sftptest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a server's URI, {@code sftp://HOST:PORT/} or {@code sftp://USER@HOST:PORT/}, into a
 * {@link java.net.URI} or {@link String} parameter.
 *
 * <pre>{@code
 * @Test
 * void downloads(@SftpUri(user = "alice") URI uri) {
 *     // uri is sftp://alice@127.0.0.1:41234/
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SftpUri {
    /**
     * The server's name, when a test sees several (see {@link SftpServer#value()}); empty for the only one.
     *
     * @return the name, or empty
     */
    String value() default "";

    /**
     * A user name to put into the URI; empty for none.
     *
     * @return the user, or empty
     */
    String user() default "";
}
