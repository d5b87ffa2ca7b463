package io.jetring.client.internal;

import io.jetring.api.InvalidArgumentException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** URL rules shared by the request builder and the transports. */
public final class Urls {
    private static final String EXPECTED = "an absolute http or https URL with a host";

    private Urls() {
    }

    /** Parses {@code url}, failing with a message that names it. */
    public static URI parse(String url) {
        if (url == null) {
            throw new NullPointerException("url");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw InvalidArgumentException.of("url", "\"" + url + "\"", EXPECTED + "; " + e.getReason()
                    + " at index " + e.getIndex() + " (percent-encode it)");
        }
        return checkUri(uri);
    }

    /**
     * Checks that {@code uri} is something the client can call, and normalizes it: lower-case scheme,
     * {@code /} for an empty path, no fragment (it is never sent).
     */
    public static URI checkUri(URI uri) {
        if (uri == null) {
            throw new NullPointerException("uri");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.isOpaque() || uri.getHost() == null) {
            throw InvalidArgumentException.of("url", "\"" + uri + "\"", EXPECTED);
        }
        if (uri.getRawUserInfo() != null) {
            throw InvalidArgumentException.of("url", "\"" + scheme + "://…@" + uri.getRawAuthority().replaceFirst(".*@", "")
                    + "\"", "no user info in the URL; use basicAuth(user, password)");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (scheme.equals(uri.getScheme()) && path.equals(uri.getRawPath()) && uri.getRawFragment() == null) {
            return uri;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(scheme + "://" + uri.getRawAuthority() + path + query);
    }

    /** {@code uri} with {@code encodedParams} appended to its query. */
    public static URI withQuery(URI uri, String encodedParams) {
        String existing = uri.getRawQuery();
        String query = existing == null || existing.isEmpty() ? encodedParams : existing + "&" + encodedParams;
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + query);
    }

    /**
     * Percent-encodes a query name or value in UTF-8. A space becomes {@code %20}, not {@code +}, so the
     * result means the same to servers that decode {@code +} and to those that do not.
     */
    public static String encodeQueryComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Whether the two URIs have the same scheme, host and port (default ports made explicit). */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** The port of {@code uri}, or its scheme's default. */
    public static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Whether {@code s} is an RFC 9110 token (a method or header name). */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code METHOD url}: how every failure message starts. */
    public static String call(String method, URI uri) {
        return method + " " + uri;
    }
}
