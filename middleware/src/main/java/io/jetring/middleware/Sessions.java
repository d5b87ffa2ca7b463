package io.jetring.middleware;

import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Sessions (Ring's {@code wrap-session}, with its flash): the middleware reads the session named by
 * the session cookie from a {@link SessionStore}, the handler reads and changes it through
 * {@link #get}, and afterwards the middleware writes it back, but only if it changed:
 * <pre>{@code
 * RingHandler app = request -> {
 *     Session session = Sessions.get(request);
 *     int visits = Integer.parseInt(session.get("visits", "0")) + 1;
 *     session.put("visits", String.valueOf(visits));
 *     return Response.ok("visit " + visits);
 * };
 * JetServer.run(app.wrap(Sessions.middleware()), options);
 * }</pre>
 *
 * <p>The cookie defaults are the safe ones: {@code Path=/}, {@code HttpOnly}, {@code SameSite=Lax},
 * and {@code Secure} when the request came over TLS ({@code https}). A cookie the store does not
 * know (expired, forged, tampered with) is a new, empty session, and a new session gets a new id
 * from the store: a client never chooses its id. A handler that fails writes nothing.
 *
 * <p>Around an async handler, a store that {@link SessionStore#blocking() blocks} is called on the
 * request's blocking executor; the in-memory and cookie stores are called in place.
 */
public final class Sessions {
    private static final String SESSION = Sessions.class.getName();
    private static final String NAME = "Sessions.middleware()";

    private Sessions() {
    }

    /** Sessions in a {@link MemorySessionStore#create() memory store}, with the default cookie. */
    public static Middleware middleware() {
        return middleware(Options.defaults());
    }

    /** Sessions in {@code store}, with the default cookie. */
    public static Middleware middleware(SessionStore store) {
        return middleware(Options.defaults().withStore(store));
    }

    /** Sessions with these options. */
    public static Middleware middleware(Options options) {
        Objects.requireNonNull(options, "options");
        return handler -> {
            if (!handler.isAsync()) {
                return request -> {
                    Request withSession = open(request, options);
                    return commit(withSession, handler.handle(withSession), options);
                };
            }
            return RingHandler.async(request -> call(request, options, () -> open(request, options))
                    .thenCompose(withSession -> handler.handleAsync(withSession)
                            .thenCompose(response -> call(withSession, options,
                                    () -> commit(withSession, response, options)))));
        };
    }

    /** The session; fails if the request did not pass through {@link #middleware()}. */
    public static Session get(Request request) {
        return StateAccess.require(request, SESSION, Session.class, "Sessions.get", NAME);
    }

    /** Whether the request passed through the middleware (CSRF protection needs it). */
    static boolean present(Request request) {
        return request.attributes().get(SESSION) instanceof Session;
    }

    private static Request open(Request request, Options options) {
        Optional<String> key = Optional.ofNullable(Cookies.parse(request).get(options.cookie().name()));
        Optional<Map<String, String>> stored = key.flatMap(options.store()::read);
        Session session = new Session(stored);
        Request withSession = request.withAttribute(SESSION, session);
        return stored.isPresent() ? withSession.withAttribute(SESSION + ".key", key.get()) : withSession;
    }

    private static Response commit(Request request, Response response, Options options) {
        Session session = get(request);
        Optional<String> key = request.attribute(SESSION + ".key", String.class);
        SessionStore store = options.store();
        switch (session.outcome()) {
            case KEEP -> {
                return response;
            }
            case DELETE -> {
                key.ifPresent(store::delete);
                return Cookies.set(response, cookie(request, options, "").expired());
            }
            case REGENERATE -> {
                key.ifPresent(store::delete);
                return Cookies.set(response, cookie(request, options, store.write(Optional.empty(), session.data())));
            }
            default -> {
                String written = store.write(key, session.data());
                // An unchanged key (a memory store's id) needs no new cookie.
                return written.equals(key.orElse(null)) ? response
                        : Cookies.set(response, cookie(request, options, written));
            }
        }
    }

    private static SetCookie cookie(Request request, Options options, String value) {
        SetCookie cookie = options.cookie().withValue(value);
        if (options.secureOverTls() && "https".equalsIgnoreCase(request.scheme()) && !cookie.secure()) {
            cookie = cookie.newBuilder().secure(true).build();
        }
        return cookie;
    }

    private static <T> CompletionStage<T> call(Request request, Options options, Supplier<T> work) {
        if (!options.store().blocking()) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        Executor executor = request.context().blockingExecutor();
        return CompletableFuture.supplyAsync(work, executor);
    }

    /**
     * The options of {@link #middleware(Options)}.
     *
     * @param store         where sessions live
     * @param cookie        the session cookie's name and attributes (its value is ignored)
     * @param secureOverTls add {@code Secure} to the cookie on {@code https} requests
     */
    public record Options(SessionStore store, SetCookie cookie, boolean secureOverTls) {
        /** Requires every field. */
        public Options {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(cookie, "cookie");
        }

        /**
         * A {@link MemorySessionStore#create() memory store}, cookie {@code session} with
         * {@code Path=/; HttpOnly; SameSite=Lax}, {@code Secure} over TLS.
         */
        public static Options defaults() {
            return new Options(MemorySessionStore.create(), SetCookie.builder("session", "").path("/").httpOnly(true)
                    .sameSite(SetCookie.SameSite.LAX).build(), true);
        }

        /** These options with another store. */
        public Options withStore(SessionStore store) {
            return new Options(store, cookie, secureOverTls);
        }

        /** These options with another cookie (name and attributes: {@code Max-Age} for a lasting login). */
        public Options withCookie(SetCookie cookie) {
            return new Options(store, cookie, secureOverTls);
        }

        /** These options with the cookie renamed, its attributes kept. */
        public Options withCookieName(String name) {
            SetCookie renamed = SetCookie.builder(name, "").build();
            return withCookie(new SetCookie(renamed.name(), "", cookie.maxAge(), cookie.expires(), cookie.path(),
                    cookie.domain(), cookie.secure(), cookie.httpOnly(), cookie.sameSite(), cookie.partitioned()));
        }

        /** These options with or without {@code Secure} added over TLS. */
        public Options withSecureOverTls(boolean secureOverTls) {
            return new Options(store, cookie, secureOverTls);
        }
    }
}
