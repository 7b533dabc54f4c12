package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathGlobTest {
    @Test
    void starMatchesWithinOneSegmentOnly() {
        PathGlob glob = PathGlob.compile("/out/*.csv");
        assertThat(glob.matches("/out/a.csv")).isTrue();
        assertThat(glob.matches("/out/sub/a.csv")).isFalse();
        assertThat(glob.matches("/out/a.txt")).isFalse();
    }

    @Test
    void doubleStarCrossesSegments() {
        PathGlob glob = PathGlob.compile("/data/**");
        assertThat(glob.matches("/data/a")).isTrue();
        assertThat(glob.matches("/data/x/y/z.bin")).isTrue();
        assertThat(glob.matches("/database")).isFalse();
    }

    @Test
    void supportsQuestionMarkClassesAndGroups() {
        assertThat(PathGlob.compile("/f?.txt").matches("/f1.txt")).isTrue();
        assertThat(PathGlob.compile("/f?.txt").matches("/f/.txt")).isFalse();
        assertThat(PathGlob.compile("/f[0-9].txt").matches("/f7.txt")).isTrue();
        assertThat(PathGlob.compile("/f[!0-9].txt").matches("/f7.txt")).isFalse();
        assertThat(PathGlob.compile("/f[!0-9].txt").matches("/fx.txt")).isTrue();
        assertThat(PathGlob.compile("/out/*.{csv,txt}").matches("/out/a.txt")).isTrue();
        assertThat(PathGlob.compile("/out/*.{csv,txt}").matches("/out/a.json")).isFalse();
    }

    @Test
    void matchesTheClientsStringLiterally() {
        assertThat(PathGlob.compile("/out/a.csv").matches("/out//a.csv")).isFalse();
        assertThat(PathGlob.compile("/out/a.csv").matches("/out/A.csv")).isFalse();
        assertThat(PathGlob.compile("/a+b(1).csv").matches("/a+b(1).csv")).isTrue();
        assertThat(PathGlob.compile("/a\\*.csv").matches("/a*.csv")).isTrue();
        assertThat(PathGlob.compile("/a\\*.csv").matches("/ab.csv")).isFalse();
        assertThat(PathGlob.compile("/x").matches(null)).isFalse();
    }

    @Test
    void rejectsAMalformedGlobNamingTheProblem() {
        assertThatThrownBy(() -> PathGlob.compile("/out/[abc"))
                .hasMessage("path glob \"/out/[abc\" is malformed: a character class \"[\" is not closed; "
                        + "escape a literal character with a backslash");
        assertThatThrownBy(() -> PathGlob.compile("/out/{a,b"))
                .hasMessageContaining("a group \"{\" is not closed");
    }
}
