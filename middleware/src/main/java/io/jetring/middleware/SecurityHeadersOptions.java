package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which headers {@link SecurityHeaders} adds: one immutable value, {@link #defaults()} then
 * {@code with…}. Empty means the header is not sent.
 *
 * <table>
 *   <caption>Security header options and defaults</caption>
 *   <tr><th>option</th><th>header</th><th>default</th></tr>
 *   <tr><td>contentTypeOptions</td><td>{@code X-Content-Type-Options}</td><td>{@code nosniff}: the
 *       browser keeps to {@code Content-Type}</td></tr>
 *   <tr><td>frameOptions</td><td>{@code X-Frame-Options}</td><td>{@code DENY}: no page may frame
 *       this one (clickjacking)</td></tr>
 *   <tr><td>referrerPolicy</td><td>{@code Referrer-Policy}</td><td>{@code strict-origin-when-cross-origin}:
 *       other sites see the origin only, never the path</td></tr>
 *   <tr><td>hstsMaxAge</td><td>{@code Strict-Transport-Security}</td><td>365 days, on HTTPS responses
 *       only (a browser ignores it over HTTP)</td></tr>
 *   <tr><td>hstsIncludeSubDomains</td><td>its {@code includeSubDomains}</td><td>false: a subdomain
 *       still on HTTP would become unreachable for a year</td></tr>
 *   <tr><td>hstsPreload</td><td>its {@code preload}</td><td>false</td></tr>
 *   <tr><td>contentSecurityPolicy</td><td>{@code Content-Security-Policy}</td><td>none: a policy is
 *       the application's (a wrong one breaks pages silently); {@link #STRICT_CSP} is a start</td></tr>
 *   <tr><td>crossOriginOpenerPolicy</td><td>{@code Cross-Origin-Opener-Policy}</td><td>none</td></tr>
 * </table>
 *
 * @param contentTypeOptions      the {@code X-Content-Type-Options} value
 * @param frameOptions            the {@code X-Frame-Options} value
 * @param referrerPolicy          the {@code Referrer-Policy} value
 * @param hstsMaxAge              the HSTS lifetime; empty: no HSTS
 * @param hstsIncludeSubDomains   whether HSTS covers subdomains
 * @param hstsPreload             whether HSTS asks for preloading
 * @param contentSecurityPolicy   the {@code Content-Security-Policy} value
 * @param crossOriginOpenerPolicy the {@code Cross-Origin-Opener-Policy} value
 */
public record SecurityHeadersOptions(Optional<String> contentTypeOptions, Optional<String> frameOptions,
        Optional<String> referrerPolicy, Optional<Duration> hstsMaxAge, boolean hstsIncludeSubDomains,
        boolean hstsPreload, Optional<String> contentSecurityPolicy, Optional<String> crossOriginOpenerPolicy) {

    /** A policy that allows only the page's own origin and forbids framing, plugins and inline script. */
    public static final String STRICT_CSP = "default-src 'self'; base-uri 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private static final SecurityHeadersOptions DEFAULTS = new SecurityHeadersOptions(Optional.of("nosniff"),
            Optional.of("DENY"), Optional.of("strict-origin-when-cross-origin"), Optional.of(Duration.ofDays(365)),
            false, false, Optional.empty(), Optional.empty());

    /** Checks every rule. */
    public SecurityHeadersOptions {
        Objects.requireNonNull(contentTypeOptions, "contentTypeOptions");
        Objects.requireNonNull(frameOptions, "frameOptions");
        Objects.requireNonNull(referrerPolicy, "referrerPolicy");
        Objects.requireNonNull(hstsMaxAge, "hstsMaxAge");
        Objects.requireNonNull(contentSecurityPolicy, "contentSecurityPolicy");
        Objects.requireNonNull(crossOriginOpenerPolicy, "crossOriginOpenerPolicy");
        hstsMaxAge.ifPresent(age -> {
            if (age.isNegative()) {
                throw InvalidOptionException.of("hstsMaxAge", age, "zero or positive");
            }
        });
        if (hstsPreload && (!hstsIncludeSubDomains || hstsMaxAge.map(a -> a.toDays() < 365).orElse(true))) {
            throw InvalidOptionException.of("hstsPreload", true, "hstsIncludeSubDomains and an hstsMaxAge of a year or more,"
                    + " as preload lists require");
        }
        frameOptions.ifPresent(value -> {
            if (!value.equals("DENY") && !value.equals("SAMEORIGIN")) {
                throw InvalidOptionException.of("frameOptions", "\"" + value + "\"", "DENY or SAMEORIGIN");
            }
        });
    }

    /** The defaults of the table above. */
    public static SecurityHeadersOptions defaults() {
        return DEFAULTS;
    }

    /** With this {@code X-Frame-Options} ({@code DENY} or {@code SAMEORIGIN}), or none. */
    public SecurityHeadersOptions withFrameOptions(Optional<String> frameOptions) {
        return new SecurityHeadersOptions(contentTypeOptions, frameOptions, referrerPolicy, hstsMaxAge,
                hstsIncludeSubDomains, hstsPreload, contentSecurityPolicy, crossOriginOpenerPolicy);
    }

    /** With this {@code Referrer-Policy}, or none. */
    public SecurityHeadersOptions withReferrerPolicy(Optional<String> referrerPolicy) {
        return new SecurityHeadersOptions(contentTypeOptions, frameOptions, referrerPolicy, hstsMaxAge,
                hstsIncludeSubDomains, hstsPreload, contentSecurityPolicy, crossOriginOpenerPolicy);
    }

    /** With HSTS for this long (and these flags), or none. */
    public SecurityHeadersOptions withHsts(Optional<Duration> maxAge, boolean includeSubDomains, boolean preload) {
        return new SecurityHeadersOptions(contentTypeOptions, frameOptions, referrerPolicy, maxAge, includeSubDomains,
                preload, contentSecurityPolicy, crossOriginOpenerPolicy);
    }

    /** With this {@code Content-Security-Policy}. */
    public SecurityHeadersOptions withContentSecurityPolicy(String policy) {
        return new SecurityHeadersOptions(contentTypeOptions, frameOptions, referrerPolicy, hstsMaxAge,
                hstsIncludeSubDomains, hstsPreload, Optional.of(policy), crossOriginOpenerPolicy);
    }

    /** With this {@code Cross-Origin-Opener-Policy}, or none. */
    public SecurityHeadersOptions withCrossOriginOpenerPolicy(Optional<String> policy) {
        return new SecurityHeadersOptions(contentTypeOptions, frameOptions, referrerPolicy, hstsMaxAge,
                hstsIncludeSubDomains, hstsPreload, contentSecurityPolicy, policy);
    }

    /** With or without {@code X-Content-Type-Options: nosniff}. */
    public SecurityHeadersOptions withNoSniff(boolean noSniff) {
        return new SecurityHeadersOptions(noSniff ? Optional.of("nosniff") : Optional.empty(), frameOptions,
                referrerPolicy, hstsMaxAge, hstsIncludeSubDomains, hstsPreload, contentSecurityPolicy,
                crossOriginOpenerPolicy);
    }
}
