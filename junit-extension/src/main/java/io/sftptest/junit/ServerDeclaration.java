package io.sftptest.junit;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.sftptest.server.SftpTestServer;

/**
 * One server a test can see: where it was declared (an annotation or a {@code @RegisterExtension} field), its
 * name, its settings and which extension instance is responsible for it.
 *
 * @param name the name parameters are qualified with
 * @param owner the {@link SftpServerExtension} of the field, or {@link #ANNOTATION} for {@link SftpServerTest}
 * @param settings a fresh builder per server started
 * @param perMethod whether each test gets its own server
 * @param requestsShownOnFailure how many requests a failed test shows
 * @param failOnUnusedFaults whether unused fault rules fail a test
 * @param faultCheck how unused fault rules are found
 * @param origin where it was declared, for messages
 * @param declaredIn the class context (or, for a method annotation, the test context) that declared it
 * @param level the nesting depth of the declaration: inner ones shadow outer ones
 */
record ServerDeclaration(String name, Object owner, Supplier<SftpTestServer.Builder> settings, boolean perMethod,
        int requestsShownOnFailure, boolean failOnUnusedFaults, UnusedFaultCheck faultCheck, String origin,
        ExtensionContext declaredIn, int level) {

    /** The owner of servers declared with {@link SftpServerTest}. */
    static final Object ANNOTATION = new Object() {
        @Override
        public String toString() {
            return "@SftpServerTest";
        }
    };

    boolean isOwnedBy(Object extension) {
        return owner == extension || owner == ANNOTATION && extension instanceof SftpServerTestExtension;
    }

    /** Refuses settings this version cannot honour, before any server starts. */
    void validate() {
        if (failOnUnusedFaults && !faultCheck.isAvailable()) {
            throw new ExtensionConfigurationException("SFTP server \"" + name + "\" (" + origin + "): "
                    + UnusedFaultCheck.UNAVAILABLE_MESSAGE);
        }
    }

    @Override
    public String toString() {
        return "\"" + name + "\" (" + origin + ")";
    }
}
