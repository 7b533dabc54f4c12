package io.sftptest.server.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

    @Test
    void generatesLongRandomUrlSafeTokens() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String token = AdminToken.generate().text();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            tokens.add(token);
        }
        assertThat(tokens).as("256 random bits each: no repeats").hasSize(1000);
    }

    @Test
    void matchesOnlyItsOwnBearerHeader() {
        AdminToken token = AdminToken.of("0123456789abcdef");
        assertThat(token.matches("Bearer 0123456789abcdef")).isTrue();
        assertThat(token.matches("bearer 0123456789abcdef ")).isTrue();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.matches("0123456789abcdef")).isFalse();
        assertThat(token.matches("Basic 0123456789abcdef")).isFalse();
        assertThat(token.matches("Bearer 0123456789abcde")).isFalse();
        assertThat(token.matches("Bearer 0123456789abcdeF")).isFalse();
        assertThat(token.matches("Bearer 0123456789abcdef0")).isFalse();
    }

    @Test
    void refusesAShortOrUnprintableTokenWithoutRepeatingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> AdminToken.of("short-secret"))
                .withMessageStartingWith("the token has 12 characters, at least 16 are needed")
                .withMessageNotContaining("short-secret");
        assertThatIllegalArgumentException().isThrownBy(() -> AdminToken.of("long enough but blank"))
                .withMessageStartingWith("the token has a blank or a non-ASCII character at 5");
        assertThat(AdminToken.of("0123456789abcdef")).hasToString("AdminToken[hidden]");
    }
}
