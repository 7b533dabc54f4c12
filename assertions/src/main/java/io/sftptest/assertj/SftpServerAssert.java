package io.sftptest.assertj;

import java.util.Objects;
import java.util.function.Function;

import org.assertj.core.api.AbstractSoftAssertions;

import io.sftptest.server.Recording;
import io.sftptest.server.SftpTestServer;

/**
 * Assertions on a {@link SftpTestServer}: its files and directories, and every request it received
 * (see {@link AbstractRecordingAssert}). Start with {@link SftpAssertions#assertThat(SftpTestServer)}.
 *
 * <pre>{@code
 * assertThat(server)
 *         .uploaded("/out/report.csv")
 *         .received(SftpOperation.REMOVE).never()
 *         .hasFile("/out/report.csv").hasContent("id,name\n1,alice\n")
 *         .returnToServer()
 *         .hasDirectory("/out").containsExactlyFiles("report.csv");
 * assertThat(server).hasDirectory("/out").containsExactlyFiles("report.csv");
 * }</pre>
 */
public class SftpServerAssert extends AbstractRecordingAssert<SftpServerAssert, SftpTestServer> {
    private Function<ServerPath, ServerFileAssert> fileAsserts = ServerFileAssert::new;
    private Function<ServerPath, ServerDirectoryAssert> directoryAsserts = ServerDirectoryAssert::new;

    /**
     * Creates the assertion; prefer {@link SftpAssertions#assertThat(SftpTestServer)}.
     *
     * @param actual the server
     */
    public SftpServerAssert(SftpTestServer actual) {
        super(actual, SftpServerAssert.class);
    }

    /** Makes the file and directory assertions this one navigates to soft as well. */
    void collectInto(AbstractSoftAssertions softly) {
        fileAsserts = path -> softly.proxy(ServerFileAssert.class, ServerPath.class, path);
        directoryAsserts = path -> softly.proxy(ServerDirectoryAssert.class, ServerPath.class, path);
    }

    @Override
    protected Recording recording() {
        return actual.recording();
    }

    /**
     * Verifies that the server holds a regular file at a path, and goes on with assertions on it;
     * {@link ServerFileAssert#returnToServer()} comes back here.
     *
     * @param path the client path, e.g. {@code /out/a.csv}
     * @return assertions on the file
     */
    // final: a soft-assertion proxy must not intercept this navigation, only the exists() check inside
    public final ServerFileAssert hasFile(String path) {
        isNotNull();
        ServerFileAssert file = fileAsserts.apply(new ServerPath(actual, Objects.requireNonNull(path, "path")))
                .from(myself);
        describe(file);
        return file.exists();
    }

    /**
     * Verifies that the server holds a directory at a path, and goes on with assertions on its listing;
     * {@link ServerDirectoryAssert#returnToServer()} comes back here.
     *
     * @param path the client path, e.g. {@code /out}
     * @return assertions on the directory
     */
    public final ServerDirectoryAssert hasDirectory(String path) {
        isNotNull();
        ServerDirectoryAssert directory = directoryAsserts.apply(
                new ServerPath(actual, Objects.requireNonNull(path, "path"))).from(myself);
        if (!descriptionText().isEmpty()) {
            directory.describedAs(descriptionText());
        }
        return directory.exists();
    }

    /**
     * Verifies that nothing (no file, directory or link) exists at a path.
     *
     * @param path the client path
     * @return this assertion
     */
    public SftpServerAssert hasNoFile(String path) {
        isNotNull();
        Objects.requireNonNull(path, "path");
        if (actual.exists(path)) {
            String what = actual.isDirectory(path) ? "a directory" : "a file";
            throw failed("\nExpecting server to have no file:\n  " + path + "\nbut it has " + what + " there"
                    + (actual.isFile(path) ? " of " + actual.fileContent(path).length + " bytes" : ""));
        }
        return myself;
    }

    private void describe(ServerFileAssert file) {
        if (!descriptionText().isEmpty()) {
            file.describedAs(descriptionText());
        }
    }
}
