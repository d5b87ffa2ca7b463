package io.jetring.middleware;

import java.util.Locale;
import java.util.Optional;

/** The parts of a {@code Content-Type} value the request-state middleware need: its essence and one parameter. */
final class MediaType {
    private MediaType() {
    }

    /** {@code type/subtype} in lower case, without parameters: {@code text/html;charset=utf-8} gives {@code text/html}. */
    static String essence(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Whether the request's {@code Content-Type} has this essence. */
    static boolean is(Optional<String> contentType, String essence) {
        return contentType.isPresent() && essence(contentType.get()).equals(essence);
    }

    /** The parameter {@code name} (compared without regard to case), unquoted. */
    static Optional<String> parameter(String contentType, String name) {
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
