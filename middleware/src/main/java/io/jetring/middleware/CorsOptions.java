package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which cross-origin requests {@link Cors} allows: one immutable value. Start from
 * {@link #allowing(String...)} (or {@link #defaults()}, which allows no origin) and derive with
 * {@code with…}.
 *
 * <table>
 *   <caption>CORS options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>allowedOrigins</td><td>none</td><td>{@code https://app.example.com} (exact),
 *       {@code https://*.example.com} (any subdomain, any depth), or {@code *} (every origin;
 *       not with credentials)</td></tr>
 *   <tr><td>allowedMethods</td><td>GET, HEAD, POST</td><td>methods a preflight may ask for</td></tr>
 *   <tr><td>allowedHeaders</td><td>none</td><td>request headers a preflight may ask for (any case);
 *       {@code *}: any</td></tr>
 *   <tr><td>exposedHeaders</td><td>none</td><td>response headers the page may read beyond the
 *       safelisted ones</td></tr>
 *   <tr><td>allowCredentials</td><td>false</td><td>whether the page may send cookies and read the
 *       answer</td></tr>
 *   <tr><td>maxAge</td><td>10 minutes</td><td>how long a browser may keep a preflight's answer;
 *       empty: the browser's default (5 s)</td></tr>
 * </table>
 *
 * @param allowedOrigins   the origins allowed, exact, as patterns, or {@code *}
 * @param allowedMethods   the methods allowed, as sent (case-sensitive)
 * @param allowedHeaders   the request headers allowed, or {@code *}
 * @param exposedHeaders   the response headers exposed to the page
 * @param allowCredentials whether credentialed requests are allowed
 * @param maxAge           the preflight cache lifetime
 */
public record CorsOptions(List<String> allowedOrigins, List<String> allowedMethods, List<String> allowedHeaders,
        List<String> exposedHeaders, boolean allowCredentials, Optional<Duration> maxAge) {

    private static final CorsOptions DEFAULTS = new CorsOptions(List.of(), List.of("GET", "HEAD", "POST"), List.of(),
            List.of(), false, Optional.of(Duration.ofMinutes(10)));

    /** Checks every rule; the message names the first option that breaks one. */
    public CorsOptions {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        exposedHeaders = List.copyOf(exposedHeaders);
        Objects.requireNonNull(maxAge, "maxAge");
        for (String origin : allowedOrigins) {
            checkOrigin(origin);
        }
        if (allowCredentials && allowedOrigins.contains("*")) {
            throw InvalidOptionException.of("allowedOrigins", "*",
                    "the origins themselves when allowCredentials is true (the Fetch standard forbids * with credentials)");
        }
        for (String method : allowedMethods) {
            if (!isToken(method)) {
                throw InvalidOptionException.of("allowedMethods", "\"" + method + "\"", "method tokens such as PUT");
            }
        }
        for (String header : allowedHeaders) {
            if (!header.equals("*") && !isToken(header)) {
                throw InvalidOptionException.of("allowedHeaders", "\"" + header + "\"", "header names such as Content-Type, or *");
            }
        }
        for (String header : exposedHeaders) {
            if (!isToken(header)) {
                throw InvalidOptionException.of("exposedHeaders", "\"" + header + "\"", "header names such as ETag");
            }
        }
        maxAge.ifPresent(age -> {
            if (age.isNegative()) {
                throw InvalidOptionException.of("maxAge", age, "zero or positive");
            }
        });
    }

    /** Nothing allowed: every cross-origin read is refused. */
    public static CorsOptions defaults() {
        return DEFAULTS;
    }

    /** The defaults with these origins allowed. */
    public static CorsOptions allowing(String... origins) {
        return DEFAULTS.withAllowedOrigins(Arrays.asList(origins));
    }

    /** With these origins. */
    public CorsOptions withAllowedOrigins(List<String> allowedOrigins) {
        return new CorsOptions(allowedOrigins, allowedMethods, allowedHeaders, exposedHeaders, allowCredentials, maxAge);
    }

    /** With these methods. */
    public CorsOptions withAllowedMethods(String... methods) {
        return new CorsOptions(allowedOrigins, Arrays.asList(methods), allowedHeaders, exposedHeaders, allowCredentials, maxAge);
    }

    /** With these request headers. */
    public CorsOptions withAllowedHeaders(String... headers) {
        return new CorsOptions(allowedOrigins, allowedMethods, Arrays.asList(headers), exposedHeaders, allowCredentials, maxAge);
    }

    /** With these response headers exposed. */
    public CorsOptions withExposedHeaders(String... headers) {
        return new CorsOptions(allowedOrigins, allowedMethods, allowedHeaders, Arrays.asList(headers), allowCredentials, maxAge);
    }

    /** With or without credentials. */
    public CorsOptions withAllowCredentials(boolean allowCredentials) {
        return new CorsOptions(allowedOrigins, allowedMethods, allowedHeaders, exposedHeaders, allowCredentials, maxAge);
    }

    /** With preflights cached this long. */
    public CorsOptions withMaxAge(Duration maxAge) {
        return new CorsOptions(allowedOrigins, allowedMethods, allowedHeaders, exposedHeaders, allowCredentials,
                Optional.of(maxAge));
    }

    private static void checkOrigin(String origin) {
        if (origin.equals("*") || origin.equals("null")) {
            return;
        }
        String expected = "origins such as https://app.example.com or https://*.example.com, lower case,"
                + " without a path, or *";
        int scheme = origin.indexOf("://");
        if (scheme <= 0 || !origin.equals(origin.toLowerCase(Locale.ROOT))) {
            throw InvalidOptionException.of("allowedOrigins", "\"" + origin + "\"", expected);
        }
        String host = origin.substring(scheme + 3);
        if (host.startsWith("*.")) {
            host = host.substring(2);
        }
        if (host.isEmpty() || host.contains("/") || host.contains("*") || host.contains("?") || host.contains("#")
                || host.contains("@")) {
            throw InvalidOptionException.of("allowedOrigins", "\"" + origin + "\"", expected);
        }
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
