package io.jetring.servlet.docs;

import io.jetring.api.Middleware;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.concurrent.CompletableFuture;

/** The application of the examples in {@code docs/servlet.md}: the same handler under any server. */
public final class App {
    private App() {
    }

    /** Answers {@code /hello} and {@code /where}, 404 otherwise. */
    public static RingHandler handler() {
        return RingHandler.async(request -> CompletableFuture.completedFuture(switch (request.path()) {
            case "/hello" -> Response.ok("Hello, " + request.queryParam("name").orElse("World") + "!");
            case "/where" -> Response.ok(request.serverName() + " " + request.path());
            default -> Response.notFound();
        }));
    }

    /**
     * Removes the context path, so that a handler written for {@code /} also serves under
     * {@code /app}: a request for {@code /app/hello} reaches it as {@code /hello}.
     */
    public static Middleware stripPrefix(String prefix) {
        return Middleware.mapRequest(request -> {
            String path = request.path();
            if (prefix.isEmpty() || !path.startsWith(prefix)) {
                return request;
            }
            String rest = path.substring(prefix.length());
            return request.withPath(rest.isEmpty() ? "/" : rest);
        });
    }
}
