package io.jetring.api;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsing and building {@code application/x-www-form-urlencoded} text in UTF-8. */
public final class QueryString {
    private QueryString() {
    }

    /**
     * Decodes {@code a=1&b=2&a=3} into {@code {a=[1, 3], b=[2]}}, in order of first appearance. A key
     * without {@code =} maps to an empty value. Malformed percent escapes fail with
     * {@link BadRequestException}, which the server answers with 400.
     */
    public static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return Map.of();
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(params);
    }

    /** Encodes names and values into {@code a=1&a=3&b=2}. */
    public static String format(Map<String, ? extends List<String>> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        return sb.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("query: \"" + s + "\" (expected: valid percent-encoding)");
        }
    }
}
