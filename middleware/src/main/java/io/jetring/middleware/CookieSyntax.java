package io.jetring.middleware;

/** The character classes of RFC 6265 section 4.1.1 and RFC 9110 section 5.6.2, for cookies. */
final class CookieSyntax {
    private CookieSyntax() {
    }

    /** An RFC 9110 {@code tchar}: what a cookie name is made of. */
    static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** A non-empty RFC 9110 token. */
    static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 6265 {@code cookie-octet}: US-ASCII but controls, space, DQUOTE, comma, semicolon, backslash. */
    static boolean isCookieOctet(char c) {
        return c == 0x21 || c >= 0x23 && c <= 0x2B || c >= 0x2D && c <= 0x3A || c >= 0x3C && c <= 0x5B
                || c >= 0x5D && c <= 0x7E;
    }

    /** Whether every character of {@code s} is a cookie-octet (the empty value is allowed). */
    static boolean isCookieValue(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isCookieOctet(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} may stand in an attribute value ({@code Path}): no controls, no semicolon. */
    static boolean isAttributeValue(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == ';') {
                return false;
            }
        }
        return true;
    }
}
