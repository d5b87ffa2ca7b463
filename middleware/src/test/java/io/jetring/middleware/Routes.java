package io.jetring.middleware;

import io.jetring.api.Middleware;
import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A tiny exact-path dispatcher for the suites (the router lives in another module): each route is a
 * function built in the sync or the async form, wrapped by its own middleware.
 */
final class Routes {
    /** A route's body: the same code serves the sync and the async form. */
    @FunctionalInterface
    interface Route {
        Response handle(Request request) throws Exception;
    }

    private final boolean async;
    private final Map<String, RingHandler> routes = new LinkedHashMap<>();

    Routes(boolean async) {
        this.async = async;
    }

    /** Adds {@code path}, handled by {@code route} inside {@code middleware}. */
    Routes add(String path, Middleware middleware, Route route) {
        RingHandler inner = async
                ? RingHandler.async(request -> CompletableFuture.completedFuture(route.handle(request)))
                : route::handle;
        routes.put(path, inner.wrap(middleware));
        return this;
    }

    /** Adds {@code path}, handled by {@code handler} (of the form of the routes) inside {@code middleware}. */
    Routes addHandler(String path, Middleware middleware, RingHandler handler) {
        if (handler.isAsync() != async) {
            throw new IllegalArgumentException(path + ": a handler of the other form");
        }
        routes.put(path, handler.wrap(middleware));
        return this;
    }

    /** One handler of the form of the routes; 404 for an unknown path. */
    RingHandler handler() {
        if (async) {
            return RingHandler.async(request -> {
                RingHandler route = routes.get(request.path());
                return route == null ? CompletableFuture.completedFuture(Response.notFound()) : route.handleAsync(request);
            });
        }
        return request -> {
            RingHandler route = routes.get(request.path());
            return route == null ? Response.notFound() : route.handle(request);
        };
    }
}
