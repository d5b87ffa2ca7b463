package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text (WHATWG URL standard, section 5.1), strictly:
 * a percent sign not followed by two hex digits, or bytes that are not valid in the charset, fail
 * with a {@link BadRequestException} whose message starts with where the text came from
 * ({@code query} or {@code form}).
 */
final class FormCodec {
    private FormCodec() {
    }

    /**
     * Decodes {@code text} into names and their values, in order of first appearance; a pair without
     * {@code =} has an empty value, empty pairs are skipped. More than {@code maxFields} pairs fail.
     */
    static Map<String, List<String>> decode(String text, Charset charset, String source, int maxFields) {
        if (text.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int fields = 0;
        int start = 0;
        while (start <= text.length()) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? text.length() : amp;
            if (end > start) {
                if (++fields > maxFields) {
                    throw new BadRequestException(source + ": more than " + maxFields + " fields (expected: at most "
                            + maxFields + ")");
                }
                String pair = text.substring(start, end);
                int eq = pair.indexOf('=');
                String name = decodeComponent(eq < 0 ? pair : pair.substring(0, eq), charset, source);
                String value = eq < 0 ? "" : decodeComponent(pair.substring(eq + 1), charset, source);
                params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    private static String decodeComponent(String s, Charset charset, String source) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = null;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%') {
                if (bytes == null) {
                    bytes = new ByteArrayOutputStream();
                }
                bytes.reset();
                while (i < s.length() && s.charAt(i) == '%') {
                    int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                    int lo = hi < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw new BadRequestException(source + ": " + StateAccess.quote(s)
                                + " (expected: valid percent-encoding, % and two hex digits)");
                    }
                    bytes.write(hi << 4 | lo);
                    i += 3;
                }
                out.append(decodeBytes(bytes.toByteArray(), charset, s, source));
            } else {
                out.append(c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static String decodeBytes(byte[] bytes, Charset charset, String s, String source) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestException(source + ": " + StateAccess.quote(s) + " (expected: percent-encoded "
                    + charset.name() + ")");
        }
    }
}
