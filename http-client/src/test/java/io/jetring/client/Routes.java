package io.jetring.client;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A sync handler that picks a handler by exact path; 404 for the others. */
final class Routes implements RingHandler {
    private final Map<String, RingHandler> routes = new ConcurrentHashMap<>();

    Routes on(String path, RingHandler handler) {
        routes.put(path, handler);
        return this;
    }

    @Override
    public Response handle(Request request) throws Exception {
        RingHandler handler = routes.get(request.path());
        return handler == null ? Response.notFound() : handler.handle(request);
    }
}
