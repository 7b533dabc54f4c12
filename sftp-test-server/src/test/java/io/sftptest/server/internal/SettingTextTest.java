package io.sftptest.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.sftptest.server.internal.SettingText.Word;

class SettingTextTest {
    @Test
    void readsEveryDurationFormOfTheFaultRulesAndThePersonalities() {
        assertThat(SettingText.duration("200")).isEqualTo(Duration.ofMillis(200));
        assertThat(SettingText.duration("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(SettingText.duration("200 ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(SettingText.duration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(SettingText.duration("2S")).isEqualTo(Duration.ofSeconds(2));
        assertThat(SettingText.duration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(SettingText.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SettingText.duration("PT0.5S")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> SettingText.duration("soon")).hasMessageContaining("is no duration");
        assertThatThrownBy(() -> SettingText.duration("99999999999999999999s")).hasMessageContaining("too large");
    }

    @Test
    void readsByteCountsWithBinaryUnits() {
        assertThat(SettingText.bytes("32768")).isEqualTo(32768);
        assertThat(SettingText.bytes("32KiB")).isEqualTo(32768);
        assertThat(SettingText.bytes("32k")).isEqualTo(32768);
        assertThat(SettingText.bytes("1MiB/s")).isEqualTo(1 << 20);
        assertThat(SettingText.bytes("1g")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> SettingText.bytes("lots")).hasMessageContaining("is no byte count");
        assertThatThrownBy(() -> SettingText.bytes("99999999999999MiB")).hasMessageContaining("too large");
    }

    @Test
    void readsASizeAsAByteCountWithoutARate() {
        assertThat(SettingText.size("64KiB")).isEqualTo(64 * 1024);
        assertThat(SettingText.size("10m")).isEqualTo(10 << 20);
        assertThatThrownBy(() -> SettingText.size("1MiB/s")).hasMessageContaining("\"1MiB/s\" is no byte count");
    }

    @Test
    void readsASettingAsOneWordWithAnIndex() {
        Word word = Word.of(" UserRootDirectory[alice] = /users/alice ");
        assertThat(word.key()).isEqualTo("UserRootDirectory");
        assertThat(word.index()).isEqualTo("alice");
        assertThat(word.value()).isEqualTo("/users/alice");
        assertThat(Word.of("UserAuthBanner=Welcome = hello").value()).isEqualTo("Welcome = hello");
        assertThat(Word.of("LogLevel").value()).isNull();
    }

    @Test
    void splitsALineOnBlanksKeepingQuotedBlanksAndPositions() {
        List<Word> words = SettingText.words("OPEN /in/[a-z]*.csv message=\"quota = \\\"full\\\"\"");
        assertThat(words).extracting(Word::text).containsExactly("OPEN", "/in/[a-z]*.csv", "message=quota = \"full\"");
        assertThat(words.get(2).key()).isEqualTo("message");
        assertThat(words.get(2).value()).isEqualTo("quota = \"full\"");
        assertThat(words.get(2).position()).isEqualTo(21);
        assertThat(words.get(2).valuePosition()).isEqualTo(29);
        assertThatThrownBy(() -> SettingText.words("OPEN message=\"open"))
                .isInstanceOfSatisfying(SettingText.SyntaxError.class, e -> assertThat(e.position()).isEqualTo(14));
    }
}
