package io.sftptest.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The shell and Python in the README and in {@code clients/python/README.md} are regions of files that tests run
 * ({@code admin-api.sh} by {@link AdminApiCurlTest}, the plugin's tests by {@code .ci/run}), quoted line for line
 * (indentation removed), as {@code DocumentationCodeIT} keeps the Java blocks.
 */
class QuotedScriptsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theReadmeQuotesTheCurlCallsThatAdminApiCurlTestRuns() throws IOException {
        assertQuoted("README.md", "From [`admin-api.sh`]", "sh", "samples/src/test/resources/admin-api.sh",
                "admin-curl");
    }

    @Test
    void theReadmeQuotesThePytestExampleThatCiRuns() throws IOException {
        assertQuoted("README.md", "From [`test_example.py`]", "python", "clients/python/tests/test_example.py",
                "pytest");
    }

    @Test
    void thePluginsReadmeQuotesTheHangTestThatCiRuns() throws IOException {
        assertQuoted("clients/python/README.md", "## Holding a request", "python",
                "clients/python/tests/test_plugin.py", "hang");
    }

    /**
     * Compares the first {@code ```language} block after {@code anchor} in {@code document} with the region
     * {@code # tag::TAG[]} ... {@code # end::TAG[]} of {@code source}.
     */
    private static void assertQuoted(String document, String anchor, String language, String source, String tag)
            throws IOException {
        String text = Files.readString(ROOT.resolve(document));
        int at = text.indexOf(anchor);
        assertThat(at).as("\"%s\" in %s", anchor, document).isNotNegative();
        int start = text.indexOf("```" + language + "\n", at);
        assertThat(start).as("a ```%s block after \"%s\" in %s", language, anchor, document).isNotNegative();
        start += language.length() + 4;
        List<String> quoted = text.substring(start, text.indexOf("```\n", start)).lines().toList();

        String code = Files.readString(ROOT.resolve(source));
        String open = "# tag::" + tag + "[]";
        String close = "# end::" + tag + "[]";
        assertThat(code).as("%s has the region %s", source, tag).contains(open, close);
        List<String> region = code.substring(code.indexOf('\n', code.indexOf(open)) + 1, code.indexOf(close))
                .lines().toList();
        int indent = region.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        List<String> expected = region.stream().map(line -> line.isBlank() ? "" : line.substring(indent))
                .dropWhile(String::isEmpty).toList();
        while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
            expected = expected.subList(0, expected.size() - 1);
        }

        assertThat(quoted).as("the ```%s block after \"%s\" in %s is the region %s of %s, line for line: copy the "
                + "region into the block", language, anchor, document, tag, source).isEqualTo(expected);
    }
}
