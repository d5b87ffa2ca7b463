package io.jetring.middleware;

import java.util.List;
import java.util.Optional;

/** Entity tags (RFC 9110 section 8.8.3): lists of them, and the strong and weak comparisons. */
final class EntityTags {
    private EntityTags() {
    }

    /**
     * Whether a field of {@code If-Match}/{@code If-None-Match} values names {@code etag}: {@code *}
     * matches the current representation, which exists (it is being sent); {@code strong} demands
     * that neither tag be weak.
     * A malformed member matches nothing.
     */
    static boolean anyMatch(List<String> fieldValues, Optional<String> etag, boolean strong) {
        for (String field : fieldValues) {
            if (field.trim().equals("*")) {
                return true;
            }
            if (etag.isEmpty()) {
                continue;
            }
            int i = 0;
            int n = field.length();
            while (i < n) {
                char c = field.charAt(i);
                if (c == ' ' || c == '\t' || c == ',') {
                    i++;
                    continue;
                }
                int start = i;
                if (field.startsWith("W/", i)) {
                    i += 2;
                }
                if (i >= n || field.charAt(i) != '"') {
                    break;
                }
                int close = field.indexOf('"', i + 1);
                if (close < 0) {
                    break;
                }
                if (matches(field.substring(start, close + 1), etag.get(), strong)) {
                    return true;
                }
                i = close + 1;
            }
        }
        return false;
    }

    /** Strong or weak comparison of two entity tags. */
    static boolean matches(String a, String b, boolean strong) {
        boolean weakA = a.startsWith("W/");
        boolean weakB = b.startsWith("W/");
        if (strong && (weakA || weakB)) {
            return false;
        }
        return opaque(a).equals(opaque(b));
    }

    /** The tag without its weakness indicator. */
    static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** The weak form of {@code tag}: {@code "x"} becomes {@code W/"x"}. */
    static String weak(String tag) {
        return tag.startsWith("W/") ? tag : "W/" + tag;
    }
}
