package io.sftptest.server.cli.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the rest of a {@code /files/...} URL into a client path ({@code /in/a.csv}), refusing everything that could
 * name a place other than the one written: {@code .} and {@code ..} segments (also percent-encoded, {@code %2e%2e}),
 * empty segments ({@code //}), backslashes and Windows drive letters ({@code C:}), NUL and malformed
 * percent-encoding. Refusing happens before anything is touched; the server's own confinement to its root stays as a
 * second guard.
 */
final class ClientPath {
    private ClientPath() {
    }

    /**
     * Decodes and checks a path.
     *
     * @param raw what followed {@code /files/}, percent-encoded; empty for the root
     * @return the absolute client path, {@code /} for the root
     * @throws ApiError 400 naming what is wrong
     */
    static String decode(String raw) {
        String decoded = percentDecode(raw);
        if (decoded.indexOf('\0') >= 0) {
            throw refused(raw, "it contains a NUL character");
        }
        if (decoded.indexOf('\\') >= 0) {
            throw refused(raw, "it contains a backslash: separate directories with /, e.g. /files/in/a.csv");
        }
        String trimmed = decoded.endsWith("/") ? decoded.substring(0, decoded.length() - 1) : decoded;
        if (trimmed.isEmpty()) {
            return "/";
        }
        List<String> segments = new ArrayList<>();
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty()) {
                throw refused(raw, "it has an empty segment (//): write the path from the root once, e.g. "
                        + "/files/in/a.csv");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw refused(raw, "\"" + segment + "\" segments are not accepted: write the path from the root "
                        + "without them, e.g. /files/in/a.csv");
            }
            segments.add(segment);
        }
        if (segments.get(0).length() == 2 && segments.get(0).charAt(1) == ':'
                && Character.isLetter(segments.get(0).charAt(0))) {
            throw refused(raw, "it starts with a Windows drive (" + segments.get(0) + "): paths are the server's, "
                    + "from its root /, e.g. /files/in/a.csv");
        }
        return "/" + String.join("/", segments);
    }

    private static ApiError refused(String raw, String why) {
        return ApiError.badRequest("path \"/files/" + raw + "\" refused: " + why);
    }

    /** Percent-decodes as RFC 3986 says for paths: {@code +} stays a plus; the bytes must be UTF-8. */
    private static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw refused(raw, "malformed percent-encoding at " + (i + 1) + ": write %XX with two hex digits");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw refused(raw, "its percent-encoded bytes are not UTF-8");
        }
    }
}
