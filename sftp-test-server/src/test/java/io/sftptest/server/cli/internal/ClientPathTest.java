package io.sftptest.server.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientPathTest {

    @Test
    void decodesPathsFromTheRoot() {
        Map<String, String> accepted = Map.of("", "/", "in/a.csv", "/in/a.csv", "in/", "/in",
                "a%20b+c.txt", "/a b+c.txt", "caf%C3%A9", "/café", "...", "/...", "..a/b..", "/..a/b..",
                "in%2Fa.csv", "/in/a.csv");
        accepted.forEach((raw, path) -> assertThat(ClientPath.decode(raw)).as(raw).isEqualTo(path));
    }

    @Test
    void refusesEveryFormThatCouldNameAnotherPlace() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("..", "\"..\" segments are not accepted"),
                Map.entry("in/../../etc", "\"..\" segments are not accepted"),
                Map.entry("%2e%2e/etc", "\"..\" segments are not accepted"),
                Map.entry("in%2F%2E%2E%2Fetc", "\"..\" segments are not accepted"),
                Map.entry("in/./a", "\".\" segments are not accepted"),
                Map.entry("/etc/passwd", "it has an empty segment (//)"),
                Map.entry("in//a", "it has an empty segment (//)"),
                Map.entry("C:/Windows", "it starts with a Windows drive (C:)"),
                Map.entry("c:%5Cwindows", "it contains a backslash"),
                Map.entry("..%5Cetc", "it contains a backslash"),
                Map.entry("%00", "it contains a NUL character"),
                Map.entry("a%zz", "malformed percent-encoding at 2"),
                Map.entry("a%2", "malformed percent-encoding at 2"),
                Map.entry("%C0%AE%C0%AE", "its percent-encoded bytes are not UTF-8"));
        refused.forEach((raw, why) -> {
            ApiError error = catchThrowableOfType(() -> ClientPath.decode(raw), ApiError.class);
            assertThat(error).as(raw).isNotNull();
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.getMessage()).as(raw).startsWith("path \"/files/" + raw + "\" refused: " + why);
        });
    }
}
