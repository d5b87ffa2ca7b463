package io.jetring.json;

import java.util.Locale;

/** Whether an {@code Accept} value (RFC 9110 section 12.5.1) admits JSON: a matching range with {@code q > 0}. */
final class Accept {
    private Accept() {
    }

    static boolean admitsJson(String accept) {
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!(type.equals("*/*") || type.equals("application/*") || Json.isJson(type))) {
                continue;
            }
            if (quality(parts) > 0) {
                return true;
            }
        }
        return false;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.length() > 2 && (param.startsWith("q=") || param.startsWith("Q="))) {
                try {
                    return Double.parseDouble(param.substring(2).trim());
                } catch (NumberFormatException e) {
                    // A malformed weight counts as the default, 1 (lenient, as browsers are).
                    return 1;
                }
            }
        }
        return 1;
    }
}
