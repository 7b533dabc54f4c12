package io.sftptest.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a server's port into an {@code int} or {@link Integer} parameter.
 *
 * <pre>{@code
 * @BeforeAll
 * static void configureClient(@SftpPort int port) {
 *     System.setProperty("partner.sftp.port", String.valueOf(port));
 * }
 * }</pre>
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SftpPort {
    /**
     * The server's name, when a test sees several (see {@link SftpServer#value()}); empty for the only one.
     *
     * @return the name, or empty
     */
    String value() default "";
}
