package io.sftptest.assertj;

import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on the listing of one directory of a server, from
 * {@link SftpServerAssert#hasDirectory(String)}. Entries are the names directly in the directory,
 * files and directories alike, in no particular order.
 *
 * <pre>{@code
 * assertThat(server).hasDirectory("/out")
 *         .containsExactlyFiles("a.csv", "b.csv")
 *         .containsOnlyFilesMatching("*.csv");
 * }</pre>
 */
public class ServerDirectoryAssert extends AbstractAssert<ServerDirectoryAssert, ServerPath> {
    private SftpServerAssert server;

    /**
     * Creates the assertion; prefer {@link SftpServerAssert#hasDirectory(String)}.
     *
     * @param actual the directory
     */
    public ServerDirectoryAssert(ServerPath actual) {
        super(actual, ServerDirectoryAssert.class);
    }

    /**
     * Returns to the assertions on the server this directory belongs to, so that one chain checks files and
     * requests (as AssertJ's {@code returnToIterable()} does for sizes):
     *
     * <pre>{@code
     * assertThat(server)
     *         .hasDirectory("/out").containsExactlyFiles("report.csv")
     *         .returnToServer()
     *         .uploaded("/out/report.csv");
     * }</pre>
     *
     * <p>From {@link SftpServerAssert#hasDirectory(String)} it is that assertion itself (with its description and
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
    final ServerDirectoryAssert from(SftpServerAssert origin) {
        server = origin;
        return this;
    }

    /**
     * Verifies that the path is a directory on the server.
     *
     * @return this assertion
     */
    public ServerDirectoryAssert exists() {
        isNotNull();
        if (!actual.server().isDirectory(actual.path())) {
            String but = actual.server().exists(actual.path()) ? "it is not a directory"
                    : "it has no such directory; " + actual.near();
            throw failure("%s", "\nExpecting server to have directory:\n  " + actual.path() + "\nbut " + but);
        }
        return myself;
    }

    /**
     * Verifies that the directory holds exactly these entries, in any order.
     *
     * @param names the entry names (not paths)
     * @return this assertion
     */
    public ServerDirectoryAssert containsExactlyFiles(String... names) {
        List<String> entries = entries();
        TreeSet<String> expected = new TreeSet<>(List.of(names));
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(entries);
        List<String> unexpected = new ArrayList<>(entries);
        unexpected.removeAll(expected);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw failure("%s", "\nExpecting directory " + actual.path() + " to contain exactly:\n  " + expected
                    + "\nbut it contains:\n  " + entries
                    + (missing.isEmpty() ? "" : "\nmissing:\n  " + missing)
                    + (unexpected.isEmpty() ? "" : "\nunexpected:\n  " + unexpected));
        }
        return myself;
    }

    /**
     * Verifies that the directory holds these entries, and maybe others.
     *
     * @param names the entry names
     * @return this assertion
     */
    public ServerDirectoryAssert containsFiles(String... names) {
        List<String> entries = entries();
        List<String> missing = new ArrayList<>(new TreeSet<>(List.of(names)));
        missing.removeAll(entries);
        if (!missing.isEmpty()) {
            throw failure("%s", "\nExpecting directory " + actual.path() + " to contain:\n  " + missing
                    + "\nbut it contains:\n  " + entries);
        }
        return myself;
    }

    /**
     * Verifies that at least one entry name matches a glob ({@code PathMatcher} "glob:" syntax).
     *
     * @param glob e.g. {@code *.csv} or {@code report-[0-9]*.{csv,txt}}
     * @return this assertion
     */
    public ServerDirectoryAssert containsFileMatching(String glob) {
        List<String> entries = entries();
        PathMatcher matcher = matcher(glob);
        if (entries.stream().noneMatch(name -> matches(matcher, name))) {
            throw failure("%s", "\nExpecting directory " + actual.path() + " to contain an entry matching:\n  "
                    + glob + "\nbut it contains:\n  " + entries);
        }
        return myself;
    }

    /**
     * Verifies that every entry name matches a glob ({@code PathMatcher} "glob:" syntax).
     *
     * @param glob e.g. {@code *.csv}
     * @return this assertion
     */
    public ServerDirectoryAssert containsOnlyFilesMatching(String glob) {
        List<String> entries = entries();
        PathMatcher matcher = matcher(glob);
        List<String> others = entries.stream().filter(name -> !matches(matcher, name)).toList();
        if (!others.isEmpty()) {
            throw failure("%s", "\nExpecting every entry of directory " + actual.path() + " to match:\n  " + glob
                    + "\nbut these do not:\n  " + others);
        }
        return myself;
    }

    /**
     * Verifies that the directory is empty.
     *
     * @return this assertion
     */
    public ServerDirectoryAssert isEmpty() {
        List<String> entries = entries();
        if (!entries.isEmpty()) {
            throw failure("%s", "\nExpecting directory " + actual.path() + " to be empty, but it contains:\n  "
                    + entries);
        }
        return myself;
    }

    private List<String> entries() {
        exists();
        return actual.server().list(actual.path());
    }

    private PathMatcher matcher(String glob) {
        Objects.requireNonNull(glob, "glob");
        return actual.server().fileSystem().getPathMatcher("glob:" + glob);
    }

    private boolean matches(PathMatcher matcher, String name) {
        Path entry = actual.server().path(actual.path()).resolve(name).getFileName();
        return matcher.matches(entry);
    }
}
