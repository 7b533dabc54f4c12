package io.sftptest.server.cli.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token every admin request carries. A generated one has 256 random bits (43 URL-safe characters); one
 * given with {@code --admin-token} must be at least {@value #MIN_LENGTH} visible ASCII characters. Compared in
 * constant time, so the time a wrong guess takes says nothing about the right one.
 */
public final class AdminToken {
    /** The shortest token {@code --admin-token} accepts. */
    public static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BEARER = "Bearer ";

    private final byte[] expected;
    private final String text;

    private AdminToken(String text) {
        this.text = text;
        this.expected = text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns a new random token.
     *
     * @return the token
     */
    public static AdminToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new AdminToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /**
     * Returns the token a user chose.
     *
     * @param text the token
     * @return the token
     * @throws IllegalArgumentException when it is too short or has characters a header cannot carry
     */
    public static AdminToken of(String text) {
        if (text.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token has " + text.length() + " characters, at least " + MIN_LENGTH
                    + " are needed: use e.g. `openssl rand -hex 16`, or leave the option out to get a random one");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("the token has a blank or a non-ASCII character at " + (i + 1)
                        + ": use visible ASCII characters only, e.g. `openssl rand -hex 16`");
            }
        }
        return new AdminToken(text);
    }

    /**
     * Returns whether an {@code Authorization} header carries this token.
     *
     * @param authorization the header's value, or null when absent
     * @return true for {@code Bearer TOKEN}
     */
    boolean matches(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /**
     * Returns the token itself, for the one line that prints it.
     *
     * @return the token
     */
    public String text() {
        return text;
    }

    /** Never shows the token, so that it cannot end up in a log by accident. */
    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
