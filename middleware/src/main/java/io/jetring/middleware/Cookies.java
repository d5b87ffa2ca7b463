package io.jetring.middleware;

import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Request cookies (Ring's {@code wrap-cookies}): the middleware parses the {@code Cookie} header as
 * RFC 6265 section 4.2 writes it, and the handler reads the values with {@link #get}; the response
 * sets cookies with {@link #set} and a {@link SetCookie}:
 * <pre>{@code
 * RingHandler app = request -> {
 *     String theme = Cookies.get(request, "theme").orElse("light");
 *     return Cookies.set(Response.ok(theme), SetCookie.of("theme", "dark"));
 * };
 * }</pre>
 *
 * <p>A pair that breaks the grammar (no {@code =}, a name that is not a token, a value with a space,
 * comma, backslash or stray quote) is skipped; the others are kept. Of two cookies with the same
 * name, the first wins: browsers send the one with the longer path first. Values are not decoded
 * (a cookie is text the server wrote itself).
 */
public final class Cookies {
    private static final String COOKIES = Cookies.class.getName();
    private static final String NAME = "Cookies.middleware()";

    private Cookies() {
    }

    /** The middleware; it never fails a request (a malformed cookie is skipped). */
    public static Middleware middleware() {
        return Middleware.mapRequest(request -> request.attributes().containsKey(COOKIES) ? request
                : request.withAttribute(COOKIES, parse(request)));
    }

    /** The value of cookie {@code name}; fails if the request did not pass through {@link #middleware()}. */
    public static Optional<String> get(Request request, String name) {
        return Optional.ofNullable(all(request).get(name));
    }

    /** Every cookie, name to value, in the order sent; fails if the request did not pass through {@link #middleware()}. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> all(Request request) {
        return StateAccess.require(request, COOKIES, Map.class, "Cookies.get", NAME);
    }

    /** {@code response} with one more {@code Set-Cookie} field for {@code cookie}. */
    public static Response set(Response response, SetCookie cookie) {
        Objects.requireNonNull(cookie, "cookie");
        return response.addHeader("Set-Cookie", cookie.header());
    }

    /** The cookies of every {@code Cookie} header of {@code request}, without the middleware. */
    static Map<String, String> parse(Request request) {
        var headers = request.headers().all("Cookie");
        if (headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> cookies = new LinkedHashMap<>();
        for (String header : headers) {
            parseInto(header, cookies);
        }
        return Collections.unmodifiableMap(cookies);
    }

    /**
     * The cookies of one {@code Cookie} header value, name to value, in order; malformed pairs are
     * skipped, the first of two with one name wins. Never fails.
     */
    public static Map<String, String> parse(String header) {
        Map<String, String> cookies = new LinkedHashMap<>();
        parseInto(header, cookies);
        return Collections.unmodifiableMap(cookies);
    }

    private static void parseInto(String header, Map<String, String> cookies) {
        int start = 0;
        int length = header.length();
        while (start < length) {
            int semi = header.indexOf(';', start);
            int end = semi < 0 ? length : semi;
            pair(header, start, end, cookies);
            start = end + 1;
        }
    }

    private static void pair(String header, int start, int end, Map<String, String> cookies) {
        // Optional white space around the pair (RFC 6265 section 5.4 strips it too).
        while (start < end && isWhite(header.charAt(start))) {
            start++;
        }
        while (end > start && isWhite(header.charAt(end - 1))) {
            end--;
        }
        int eq = header.indexOf('=', start);
        if (eq < 0 || eq >= end) {
            return;
        }
        String name = header.substring(start, eq);
        String value = header.substring(eq + 1, end);
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            value = value.substring(1, value.length() - 1);
        }
        if (CookieSyntax.isToken(name) && CookieSyntax.isCookieValue(value)) {
            cookies.putIfAbsent(name, value);
        }
    }

    private static boolean isWhite(char c) {
        return c == ' ' || c == '\t';
    }
}
