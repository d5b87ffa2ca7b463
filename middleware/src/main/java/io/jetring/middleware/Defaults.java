package io.jetring.middleware;

import io.jetring.api.DataSize;
import io.jetring.api.Middleware;
import io.jetring.json.Json;
import io.jetring.json.JsonMapping;
import java.util.Objects;
import java.util.Optional;

/**
 * Presets in the manner of ring-defaults: the middleware a kind of application usually wants, in the
 * right order, one line each, every option overridable.
 * <pre>{@code
 * RingHandler site = app.wrap(Defaults.site());
 * RingHandler api = routes.wrap(Defaults.api());
 * RingHandler shared = app.wrap(Defaults.site(Defaults.SiteOptions.defaults()
 *         .withSessions(Sessions.Options.defaults().withStore(CookieSessionStore.of(keys)))));
 * }</pre>
 */
public final class Defaults {
    private Defaults() {
    }

    /** {@link #site(SiteOptions)} with {@link SiteOptions#defaults()}. */
    public static Middleware site() {
        return site(SiteOptions.defaults());
    }

    /**
     * A site with pages and forms, from the outside in: {@code outer} (security headers, say),
     * cookies, query and form parameters, multipart uploads (if enabled), sessions, CSRF protection.
     */
    public static Middleware site(SiteOptions options) {
        Objects.requireNonNull(options, "options");
        Middleware inner = Params.middleware(options.params());
        if (options.multipart().isPresent()) {
            inner = inner.andThen(Multipart.middleware(options.multipart().get()));
        }
        return options.outer().andThen(Cookies.middleware()).andThen(inner)
                .andThen(Sessions.middleware(options.sessions())).andThen(Csrf.middleware(options.csrf()));
    }

    /** {@link #api(ApiOptions)} with {@link ApiOptions#defaults()}. */
    public static Middleware api() {
        return api(ApiOptions.defaults());
    }

    /** A JSON API, from the outside in: {@code outer}, query parameters, JSON ({@link Json#middleware}). */
    public static Middleware api(ApiOptions options) {
        Objects.requireNonNull(options, "options");
        return options.outer().andThen(Params.middleware(options.params()))
                .andThen(Json.middleware(options.json(), options.jsonLimit()));
    }

    /** Middleware that does nothing: the default {@code outer} of the presets. */
    static Middleware none() {
        return handler -> handler;
    }

    /**
     * The options of {@link #site(SiteOptions)}.
     *
     * @param params    query and form parameters
     * @param multipart uploads, if the site takes them; empty: none (the default)
     * @param sessions  sessions: store and cookie
     * @param csrf      CSRF protection
     * @param outer     middleware outside all of these; {@link SecurityHeaders#of()} by default (add
     *                  forwarded headers here too, outermost)
     */
    public record SiteOptions(Params.Options params, Optional<Multipart.Options> multipart, Sessions.Options sessions,
            Csrf.Options csrf, Middleware outer) {
        /** Requires every field. */
        public SiteOptions {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(multipart, "multipart");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(csrf, "csrf");
            Objects.requireNonNull(outer, "outer");
        }

        /** Every part's defaults, sessions in memory, no uploads. */
        public static SiteOptions defaults() {
            return new SiteOptions(Params.Options.defaults(), Optional.empty(), Sessions.Options.defaults(),
                    Csrf.Options.defaults(), SecurityHeaders.of());
        }

        /** These options with other parameter options. */
        public SiteOptions withParams(Params.Options params) {
            return new SiteOptions(params, multipart, sessions, csrf, outer);
        }

        /** These options taking uploads. */
        public SiteOptions withMultipart(Multipart.Options multipart) {
            return new SiteOptions(params, Optional.of(multipart), sessions, csrf, outer);
        }

        /** These options with other session options. */
        public SiteOptions withSessions(Sessions.Options sessions) {
            return new SiteOptions(params, multipart, sessions, csrf, outer);
        }

        /** These options with other CSRF options. */
        public SiteOptions withCsrf(Csrf.Options csrf) {
            return new SiteOptions(params, multipart, sessions, csrf, outer);
        }

        /** These options with {@code outer} outside the preset. */
        public SiteOptions withOuter(Middleware outer) {
            return new SiteOptions(params, multipart, sessions, csrf, outer);
        }
    }

    /**
     * The options of {@link #api(ApiOptions)}.
     *
     * @param params    query (and form) parameters
     * @param json      the Jackson configuration
     * @param jsonLimit the largest JSON body; empty: the server's {@code maxBodySize}
     * @param outer     middleware outside all of these (CORS, say); none by default
     */
    public record ApiOptions(Params.Options params, JsonMapping json, Optional<DataSize> jsonLimit, Middleware outer) {
        /** Requires every field. */
        public ApiOptions {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(jsonLimit, "jsonLimit");
            Objects.requireNonNull(outer, "outer");
        }

        /** Every part's defaults, with {@link JsonMapping#defaults()}. */
        public static ApiOptions defaults() {
            return new ApiOptions(Params.Options.defaults(), JsonMapping.defaults(), Optional.empty(), none());
        }

        /** These options with other parameter options. */
        public ApiOptions withParams(Params.Options params) {
            return new ApiOptions(params, json, jsonLimit, outer);
        }

        /** These options with another Jackson configuration. */
        public ApiOptions withJson(JsonMapping json) {
            return new ApiOptions(params, json, jsonLimit, outer);
        }

        /** These options with another JSON body limit. */
        public ApiOptions withJsonLimit(DataSize limit) {
            return new ApiOptions(params, json, Optional.of(limit), outer);
        }

        /** These options with {@code outer} outside the preset. */
        public ApiOptions withOuter(Middleware outer) {
            return new ApiOptions(params, json, jsonLimit, outer);
        }
    }
}
