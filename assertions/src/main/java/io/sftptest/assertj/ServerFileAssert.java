package io.sftptest.assertj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one file of a server, from {@link SftpServerAssert#hasFile(String)}.
 *
 * <pre>{@code
 * assertThat(server).hasFile("/out/report.csv")
 *         .hasContent("id,name\n1,alice\n")
 *         .hasSize(16)
 *         .hasPermissions("rw-r--r--");
 * }</pre>
 */
public class ServerFileAssert extends AbstractAssert<ServerFileAssert, ServerPath> {
    private SftpServerAssert server;

    /**
     * Creates the assertion; prefer {@link SftpServerAssert#hasFile(String)}.
     *
     * @param actual the file
     */
    public ServerFileAssert(ServerPath actual) {
        super(actual, ServerFileAssert.class);
    }

    /**
     * Returns to the assertions on the server this file belongs to, so that one chain checks files and
     * requests (as AssertJ's {@code returnToIterable()} does for sizes):
     *
     * <pre>{@code
     * assertThat(server)
     *         .hasFile("/out/report.csv").hasContent("id,total\n1,42\n")
     *         .returnToServer()
     *         .uploaded("/out/report.csv");
     * }</pre>
     *
     * <p>From {@link SftpServerAssert#hasFile(String)} it is that assertion itself (with its description and
     * what its chain already expected, for {@code receivedNothingElse()}; soft when it was soft); from an
     * assertion made with the constructor, a new one on the server.
     *
     * @return the server's assertions
     */
    // final: a soft-assertion proxy must not intercept this navigation
    public final SftpServerAssert returnToServer() {
        return server != null ? server : new SftpServerAssert(actual.server());
    }

    /** Remembers the server assertion that navigated here. */
    final ServerFileAssert from(SftpServerAssert origin) {
        server = origin;
        return this;
    }

    /**
     * Verifies that the path is a regular file on the server.
     *
     * @return this assertion
     */
    public ServerFileAssert exists() {
        isNotNull();
        if (!actual.server().isFile(actual.path())) {
            String but = actual.server().isDirectory(actual.path()) ? "it is a directory"
                    : "it has no such file; " + actual.near();
            throw failure("%s", "\nExpecting server to have file:\n  " + actual.path() + "\nbut " + but);
        }
        return myself;
    }

    /**
     * Verifies the file's content as UTF-8 text.
     *
     * @param expected the text
     * @return this assertion
     */
    public ServerFileAssert hasContent(String expected) {
        return hasContent(expected, StandardCharsets.UTF_8);
    }

    /**
     * Verifies the file's content as text in a charset.
     *
     * @param expected the text
     * @param charset the file's encoding
     * @return this assertion
     */
    public ServerFileAssert hasContent(String expected, Charset charset) {
        Objects.requireNonNull(expected, "expected");
        String content = new String(bytes(), charset);
        if (!content.equals(expected)) {
            throw failure("%s", "\nExpecting file " + actual.path() + " to have content:\n  "
                    + quote(expected) + "\nbut it had:\n  " + quote(content));
        }
        return myself;
    }

    /**
     * Verifies the file's bytes.
     *
     * @param expected the bytes
     * @return this assertion
     */
    public ServerFileAssert hasBinaryContent(byte[] expected) {
        Objects.requireNonNull(expected, "expected");
        byte[] content = bytes();
        if (!Arrays.equals(content, expected)) {
            int at = Arrays.mismatch(content, expected);
            throw failure("%s", "\nExpecting file " + actual.path() + " to have " + expected.length
                    + " bytes of expected content, but it has " + content.length + " bytes differing from byte " + at);
        }
        return myself;
    }

    /**
     * Verifies the file's lines (UTF-8; "\n" or "\r\n" line ends; a final line end is optional).
     *
     * @param expected the lines, in order
     * @return this assertion
     */
    public ServerFileAssert hasLines(String... expected) {
        List<String> lines = new String(bytes(), StandardCharsets.UTF_8).lines().toList();
        if (!lines.equals(List.of(expected))) {
            throw failure("%s", "\nExpecting file " + actual.path() + " to have lines:\n  " + List.of(expected)
                    + "\nbut it had:\n  " + lines);
        }
        return myself;
    }

    /**
     * Verifies the file's UTF-8 text with the given requirements (e.g. AssertJ assertions).
     *
     * <pre>{@code
     * assertThat(server).hasFile("/out/a.csv").hasContentSatisfying(csv -> assertThat(csv).startsWith("id,"));
     * }</pre>
     *
     * @param requirements checks that throw an AssertionError when the content is wrong
     * @return this assertion
     */
    public ServerFileAssert hasContentSatisfying(Consumer<String> requirements) {
        Objects.requireNonNull(requirements, "requirements");
        requirements.accept(new String(bytes(), StandardCharsets.UTF_8));
        return myself;
    }

    /**
     * Verifies the file's size.
     *
     * @param expected the size in bytes
     * @return this assertion
     */
    public ServerFileAssert hasSize(long expected) {
        long size = size();
        if (size != expected) {
            throw failure("%s", "\nExpecting file " + actual.path() + " to have size:\n  " + expected
                    + "\nbut it has:\n  " + size);
        }
        return myself;
    }

    /**
     * Verifies that the file is empty.
     *
     * @return this assertion
     */
    public ServerFileAssert isEmpty() {
        long size = size();
        if (size != 0) {
            throw failure("%s", "\nExpecting file " + actual.path() + " to be empty, but it has " + size + " bytes");
        }
        return myself;
    }

    /**
     * Verifies the file's POSIX permissions.
     *
     * @param expected in {@code ls} form, e.g. {@code rw-r--r--}
     * @return this assertion
     */
    public ServerFileAssert hasPermissions(String expected) {
        Objects.requireNonNull(expected, "expected");
        PosixFilePermissions.fromString(expected); // rejects a malformed expectation before reading the file
        exists();
        String permissions;
        try {
            permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    actual.server().path(actual.path()), LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the permissions of " + actual.path() + ": " + e, e);
        }
        if (!permissions.equals(expected)) {
            throw failure("%s", "\nExpecting file " + actual.path() + " to have permissions:\n  " + expected
                    + "\nbut it has:\n  " + permissions);
        }
        return myself;
    }

    private byte[] bytes() {
        exists();
        return actual.server().fileContent(actual.path());
    }

    private long size() {
        exists();
        try {
            return Files.size(actual.server().path(actual.path()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + actual.path() + ": " + e, e);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
                + "\"";
    }
}
