package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Protection against cross-site request forgery (ring-anti-forgery's job): every request with an
 * unsafe method ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}, …) must carry the
 * session's token, in the form field {@code _csrf} or the header {@code X-CSRF-Token}; one that does
 * not gets {@code 403} and the handler is not called. Pages put the token in their forms with
 * {@link #token}:
 * <pre>{@code
 * String form = "<form method=post><input type=hidden name=_csrf value=\"" + Csrf.token(request) + "\">…";
 * RingHandler site = app.wrap(Csrf.middleware()).wrap(Params.middleware()).wrap(Sessions.middleware());
 * }</pre>
 *
 * <p>The token lives in the session (it is made, and the session written, the first time a page
 * asks for it), so it needs {@link Sessions#middleware()} outside this one, and, for form fields,
 * {@link Params#middleware()} or {@link Multipart#middleware()} outside it too; a script sends the
 * header instead. Tokens are compared in constant time. {@code GET}, {@code HEAD}, {@code OPTIONS}
 * and {@code TRACE} pass unchecked: they must not change anything.
 */
public final class Csrf {
    static final String TOKEN_KEY = "jetring.csrf";
    private static final String SEEN = Csrf.class.getName();
    private static final String NAME = "Csrf.middleware()";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private Csrf() {
    }

    /** The middleware with the field {@code _csrf} and the header {@code X-CSRF-Token}. */
    public static Middleware middleware() {
        return middleware(Options.defaults());
    }

    /** The middleware with these options. */
    public static Middleware middleware(Options options) {
        Objects.requireNonNull(options, "options");
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> {
                    Optional<Response> refused = check(request, options);
                    return refused.isPresent() ? CompletableFuture.completedFuture(refused.get())
                            : handler.handleAsync(request.withAttribute(SEEN, Boolean.TRUE));
                })
                : request -> {
                    Optional<Response> refused = check(request, options);
                    return refused.isPresent() ? refused.get() : handler.handle(request.withAttribute(SEEN, Boolean.TRUE));
                };
    }

    /**
     * The session's token, made on first use: put it in every form (field {@code _csrf}) or hand it to
     * scripts (header {@code X-CSRF-Token}). Fails if the request did not pass through {@link #middleware()}.
     */
    public static String token(Request request) {
        StateAccess.require(request, SEEN, Boolean.class, "Csrf.token", NAME);
        return Sessions.get(request).putIfAbsentReserved(TOKEN_KEY, SessionKeys::newId);
    }

    private static Optional<Response> check(Request request, Options options) {
        if (!Sessions.present(request)) {
            throw new IllegalStateException(NAME + ": the request did not pass through Sessions.middleware()"
                    + " (expected: Sessions.middleware() outside Csrf.middleware())");
        }
        if (SAFE.contains(request.method())) {
            return Optional.empty();
        }
        Optional<String> expected = Sessions.get(request).get(TOKEN_KEY);
        Optional<String> sent = request.header(options.header());
        if (sent.isEmpty() && Params.present(request)) {
            sent = Params.form(request).get(options.field());
        }
        if (sent.isEmpty() && Multipart.present(request)) {
            sent = Multipart.fields(request).get(options.field());
        }
        if (expected.isPresent() && sent.isPresent() && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.UTF_8), sent.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(Response.text(403, "403 Forbidden: " + (sent.isEmpty()
                ? "no CSRF token (expected: the form field " + options.field() + " or the header " + options.header() + ")"
                : "the CSRF token does not match the session's")));
    }

    /**
     * The options of {@link #middleware(Options)}.
     *
     * @param field  the form field that carries the token
     * @param header the header that carries the token
     */
    public record Options(String field, String header) {
        /** Requires both names. */
        public Options {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(header, "header");
            if (field.isEmpty()) {
                throw InvalidOptionException.of("field", "\"\"", "a form field name");
            }
            if (!CookieSyntax.isToken(header)) {
                throw InvalidOptionException.of("header", StateAccess.quote(header), "a header name");
            }
        }

        /** Field {@code _csrf}, header {@code X-CSRF-Token}. */
        public static Options defaults() {
            return new Options("_csrf", "X-CSRF-Token");
        }

        /** These options with another field. */
        public Options withField(String field) {
            return new Options(field, header);
        }

        /** These options with another header. */
        public Options withHeader(String header) {
            return new Options(field, header);
        }
    }
}
