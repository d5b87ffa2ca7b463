package io.jetring.middleware;

import io.jetring.api.Headers;
import io.jetring.api.Middleware;
import io.jetring.api.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Adds the headers that make browsers safer with a site (Helmet's, Spring Security's defaults; see
 * {@link SecurityHeadersOptions}). A header the handler set itself is left as it is, so one page may
 * relax a rule (allow framing, say) without turning it off everywhere. {@code Strict-Transport-Security}
 * goes on HTTPS responses only: put {@link ForwardedHeaders} outside this middleware behind a proxy
 * that ends TLS, so the request's scheme is the client's.
 */
public final class SecurityHeaders {
    private SecurityHeaders() {
    }

    /** The defaults. */
    public static Middleware of() {
        return of(SecurityHeadersOptions.defaults());
    }

    /** These headers. */
    public static Middleware of(SecurityHeadersOptions options) {
        Objects.requireNonNull(options, "options");
        List<String[]> always = new ArrayList<>();
        options.contentTypeOptions().ifPresent(v -> always.add(new String[] {"X-Content-Type-Options", v}));
        options.frameOptions().ifPresent(v -> always.add(new String[] {"X-Frame-Options", v}));
        options.referrerPolicy().ifPresent(v -> always.add(new String[] {"Referrer-Policy", v}));
        options.contentSecurityPolicy().ifPresent(v -> always.add(new String[] {"Content-Security-Policy", v}));
        options.crossOriginOpenerPolicy().ifPresent(v -> always.add(new String[] {"Cross-Origin-Opener-Policy", v}));
        String hsts = options.hstsMaxAge().map(age -> "max-age=" + age.toSeconds()
                + (options.hstsIncludeSubDomains() ? "; includeSubDomains" : "")
                + (options.hstsPreload() ? "; preload" : "")).orElse(null);
        // Built once: checking the values here fails fast on a policy with a line break in it.
        Headers.Builder check = Headers.builder();
        always.forEach(h -> check.add(h[0], h[1]));
        check.build();
        return Middleware.mapResponse((request, response) -> {
            if (response == null) {
                return null;
            }
            Headers headers = response.headers();
            Headers.Builder added = null;
            for (String[] header : always) {
                if (!headers.contains(header[0])) {
                    added = added == null ? headers.newBuilder() : added;
                    added.add(header[0], header[1]);
                }
            }
            if (hsts != null && request.scheme().equals("https") && !headers.contains("Strict-Transport-Security")) {
                added = added == null ? headers.newBuilder() : added;
                added.add("Strict-Transport-Security", hsts);
            }
            return added == null ? response : response.withHeaders(added.build());
        });
    }
}
