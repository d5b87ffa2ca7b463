package io.jetring.middleware;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the part of a request path below a mount point into a relative file name that cannot leave
 * the root, or refuses it. Each segment is percent-decoded once, as UTF-8, and then must be a plain
 * name: not empty, not {@code .} or {@code ..}, without {@code /}, {@code \}, {@code :}, NUL or
 * another control character, and (unless hidden files are served) not starting with a dot. What
 * fails any rule is refused whole; nothing is "cleaned up", since a path that needed cleaning was
 * not written by a page that links to a real file.
 *
 * @param relative      the decoded segments joined with {@code /}; empty for the mount point itself
 * @param trailingSlash whether the request path ended with {@code /} (a directory was asked for)
 */
record SafePath(String relative, boolean trailingSlash) {

    /**
     * The safe relative name of {@code rest} (the request path after the prefix: empty or starting
     * with {@code /}), or {@code null} if it is not one.
     */
    static SafePath parse(String rest, boolean hiddenFiles) {
        if (rest.isEmpty() || rest.equals("/")) {
            return new SafePath("", !rest.isEmpty());
        }
        if (rest.charAt(0) != '/') {
            return null;
        }
        StringBuilder relative = new StringBuilder(rest.length());
        int start = 1;
        boolean trailing = false;
        while (start <= rest.length()) {
            int end = rest.indexOf('/', start);
            if (end < 0) {
                end = rest.length();
            }
            if (end == rest.length() && start == end) {
                trailing = true;
                break;
            }
            String segment = decode(rest, start, end);
            if (segment == null || !isPlainName(segment, hiddenFiles)) {
                return null;
            }
            if (relative.length() > 0) {
                relative.append('/');
            }
            relative.append(segment);
            start = end + 1;
        }
        return new SafePath(relative.toString(), trailing);
    }

    /** The last segment: the file name. */
    String fileName() {
        return relative.substring(relative.lastIndexOf('/') + 1);
    }

    private static boolean isPlainName(String segment, boolean hiddenFiles) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
            return false;
        }
        if (segment.charAt(0) == '.' && !hiddenFiles && !segment.equals(".well-known")) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == ':') {
                return false;
            }
        }
        return true;
    }

    /** {@code s[start, end)} percent-decoded as UTF-8; {@code null} for a broken escape or bad UTF-8. */
    private static String decode(String s, int start, int end) {
        if (s.indexOf('%', start) < 0 || s.indexOf('%', start) >= end) {
            for (int i = start; i < end; i++) {
                if (s.charAt(i) > 0x7f) {
                    return decodeBytes(s.substring(start, end).getBytes(StandardCharsets.UTF_8));
                }
            }
            return s.substring(start, end);
        }
        byte[] bytes = new byte[(end - start) * 3];
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= end) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < end) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(utf8, 0, bytes, n, utf8.length);
                n += utf8.length;
            }
        }
        return decodeBytes(Arrays.copyOf(bytes, n));
    }

    private static String decodeBytes(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
