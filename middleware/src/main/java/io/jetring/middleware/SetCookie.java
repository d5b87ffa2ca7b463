package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code Set-Cookie} field (RFC 6265 section 4.1, with {@code SameSite} and {@code Partitioned}),
 * built with {@link #of} or {@link #builder} and added to a response with {@link Cookies#set}.
 *
 * <p>A cookie that would break the header, or that a browser would drop, is refused when it is
 * built, with an {@link InvalidArgumentException} naming the part: a name that is not a token, a
 * value with a space, quote, comma, semicolon, backslash or control character (encode such values,
 * say as base64url), a path with a semicolon or control character, a domain that is not a host
 * name, a negative {@code Max-Age}, a name and value over 4096 bytes, {@code SameSite=None} or
 * {@code Partitioned} without {@code Secure}, and the {@code __Secure-} and {@code __Host-} name
 * prefixes without what they require.
 *
 * @param name        the cookie's name, an RFC 9110 token
 * @param value       the value: RFC 6265 cookie-octets, possibly empty
 * @param maxAge      {@code Max-Age}, in whole seconds; zero deletes the cookie
 * @param expires     {@code Expires}
 * @param path        {@code Path}
 * @param domain      {@code Domain}
 * @param secure      {@code Secure}: sent over HTTPS only
 * @param httpOnly    {@code HttpOnly}: not readable from scripts
 * @param sameSite    {@code SameSite}
 * @param partitioned {@code Partitioned} (CHIPS): kept per top-level site
 */
public record SetCookie(String name, String value, Optional<Duration> maxAge, Optional<Instant> expires,
        Optional<String> path, Optional<String> domain, boolean secure, boolean httpOnly,
        Optional<SameSite> sameSite, boolean partitioned) {

    /** The most bytes of name and value that every browser keeps (RFC 6265 section 6.1). */
    public static final int MAX_BYTES = 4096;

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** The {@code SameSite} attribute's values. */
    public enum SameSite {
        /** Sent on same-site requests only. */
        STRICT("Strict"),
        /** Also sent on top-level navigations from other sites (the browsers' default). */
        LAX("Lax"),
        /** Sent on cross-site requests too; requires {@code Secure}. */
        NONE("None");

        private final String text;

        SameSite(String text) {
            this.text = text;
        }

        /** The attribute value as written: {@code Strict}, {@code Lax}, {@code None}. */
        public String text() {
            return text;
        }
    }

    /** Checks every rule of the class comment. */
    public SetCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(sameSite, "sameSite");
        if (!CookieSyntax.isToken(name)) {
            throw InvalidArgumentException.of("cookie name", StateAccess.quote(name), "an RFC 9110 token");
        }
        if (!CookieSyntax.isCookieValue(value)) {
            throw InvalidArgumentException.of("cookie " + name + " value", StateAccess.quote(value),
                    "RFC 6265 cookie-octets: no space, quote, comma, semicolon, backslash or control character");
        }
        int bytes = name.getBytes(StandardCharsets.US_ASCII).length + value.length();
        if (bytes > MAX_BYTES) {
            throw InvalidArgumentException.of("cookie " + name, bytes + " bytes", "at most " + MAX_BYTES
                    + " bytes of name and value");
        }
        if (maxAge.isPresent() && maxAge.get().isNegative()) {
            throw InvalidArgumentException.of("cookie " + name + " maxAge", maxAge.get(), "zero or positive");
        }
        if (path.isPresent() && (path.get().isEmpty() || !CookieSyntax.isAttributeValue(path.get()))) {
            throw InvalidArgumentException.of("cookie " + name + " path", StateAccess.quote(path.get()),
                    "a path such as /app, without ';' or control characters");
        }
        if (domain.isPresent() && !isHostName(domain.get())) {
            throw InvalidArgumentException.of("cookie " + name + " domain", StateAccess.quote(domain.get()),
                    "a host name such as example.com");
        }
        if (sameSite.equals(Optional.of(SameSite.NONE)) && !secure) {
            throw InvalidArgumentException.of("cookie " + name + " sameSite", "None", "with secure (browsers drop it)");
        }
        if (partitioned && !secure) {
            throw InvalidArgumentException.of("cookie " + name + " partitioned", true, "with secure (browsers drop it)");
        }
        if (name.startsWith("__Secure-") && !secure) {
            throw InvalidArgumentException.of("cookie " + name, "not secure", "secure, for the __Secure- prefix");
        }
        if (name.startsWith("__Host-") && (!secure || domain.isPresent() || !path.equals(Optional.of("/")))) {
            throw InvalidArgumentException.of("cookie " + name, "secure=" + secure + ", domain=" + domain.orElse("none")
                    + ", path=" + path.orElse("none"), "secure, no domain and path / for the __Host- prefix");
        }
    }

    /** A cookie with no attributes: sent back for the browser's session, to this path and below. */
    public static SetCookie of(String name, String value) {
        return builder(name, value).build();
    }

    /** A builder for cookie {@code name} with {@code value}, no attributes set. */
    public static Builder builder(String name, String value) {
        return new Builder(name, value);
    }

    /**
     * A cookie that deletes {@code name} in the browser: empty, {@code Max-Age=0} and an
     * {@code Expires} in 1970. It must carry the same {@code Path} and {@code Domain} as the cookie it
     * deletes: derive it from that one with {@link #expired()} when you have it.
     */
    public static SetCookie expire(String name) {
        return builder(name, "").build().expired();
    }

    /** This cookie, emptied and expired: what deletes it (same path, domain and flags). */
    public SetCookie expired() {
        return new SetCookie(name, "", Optional.of(Duration.ZERO), Optional.of(Instant.EPOCH), path, domain, secure,
                httpOnly, sameSite, partitioned);
    }

    /** A builder that starts from this cookie. */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** This cookie with another value (the attributes kept). */
    public SetCookie withValue(String value) {
        return new SetCookie(name, value, maxAge, expires, path, domain, secure, httpOnly, sameSite, partitioned);
    }

    /** The field value: {@code name=value; Max-Age=3600; Path=/; Secure; HttpOnly; SameSite=Lax}. */
    public String header() {
        StringBuilder sb = new StringBuilder(name.length() + value.length() + 64).append(name).append('=').append(value);
        maxAge.ifPresent(age -> sb.append("; Max-Age=").append(age.getSeconds()));
        expires.ifPresent(at -> sb.append("; Expires=").append(HTTP_DATE.format(at)));
        domain.ifPresent(d -> sb.append("; Domain=").append(d));
        path.ifPresent(p -> sb.append("; Path=").append(p));
        if (secure) {
            sb.append("; Secure");
        }
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        sameSite.ifPresent(s -> sb.append("; SameSite=").append(s.text()));
        if (partitioned) {
            sb.append("; Partitioned");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return header();
    }

    private static boolean isHostName(String domain) {
        if (domain.isEmpty() || domain.length() > 253 || domain.startsWith(".") || domain.endsWith(".")) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Builds a {@link SetCookie}; {@link #build()} checks the rules. */
    public static final class Builder {
        private final String name;
        private String value;
        private Optional<Duration> maxAge = Optional.empty();
        private Optional<Instant> expires = Optional.empty();
        private Optional<String> path = Optional.empty();
        private Optional<String> domain = Optional.empty();
        private boolean secure;
        private boolean httpOnly;
        private Optional<SameSite> sameSite = Optional.empty();
        private boolean partitioned;

        private Builder(String name, String value) {
            this.name = name;
            this.value = value;
        }

        private Builder(SetCookie c) {
            this(c.name, c.value);
            maxAge = c.maxAge;
            expires = c.expires;
            path = c.path;
            domain = c.domain;
            secure = c.secure;
            httpOnly = c.httpOnly;
            sameSite = c.sameSite;
            partitioned = c.partitioned;
        }

        /** Sets the value. */
        public Builder value(String value) {
            this.value = value;
            return this;
        }

        /** Sets {@code Max-Age} (whole seconds are sent). */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = Optional.of(maxAge);
            return this;
        }

        /** Sets {@code Expires}. */
        public Builder expires(Instant expires) {
            this.expires = Optional.of(expires);
            return this;
        }

        /** Sets {@code Path}. */
        public Builder path(String path) {
            this.path = Optional.of(path);
            return this;
        }

        /** Sets {@code Domain}: the cookie then goes to the subdomains too. */
        public Builder domain(String domain) {
            this.domain = Optional.of(domain);
            return this;
        }

        /** Sets or clears {@code Secure}. */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /** Sets or clears {@code HttpOnly}. */
        public Builder httpOnly(boolean httpOnly) {
            this.httpOnly = httpOnly;
            return this;
        }

        /** Sets {@code SameSite}. */
        public Builder sameSite(SameSite sameSite) {
            this.sameSite = Optional.of(sameSite);
            return this;
        }

        /** Sets or clears {@code Partitioned}. */
        public Builder partitioned(boolean partitioned) {
            this.partitioned = partitioned;
            return this;
        }

        /** The cookie; fails with {@link InvalidArgumentException} if it breaks a rule. */
        public SetCookie build() {
            return new SetCookie(name, value, maxAge, expires, path, domain, secure, httpOnly, sameSite, partitioned);
        }
    }
}
