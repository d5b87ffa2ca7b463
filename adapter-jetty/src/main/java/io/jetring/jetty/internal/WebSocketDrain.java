package io.jetring.jetty.internal;

import io.jetring.api.ws.CloseCodes;
import io.jetring.api.ws.spi.WebSocketConnection;
import io.jetring.websocket.internal.JettyEndpoint;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;

/**
 * The WebSocket part of a graceful stop. It keeps the open WebSockets and, when the server stops,
 * first lets the HTTP requests in flight finish (the {@link GracefulHandler}'s shutdown), then closes
 * every WebSocket with {@code 1001} and completes when all are closed. Should HTTP take nearly the
 * whole stop timeout, the WebSockets are closed anyway with a short allowance left, so that they
 * always get their close frame before the connectors stop.
 *
 * <p>Meanwhile the connectors lower every connection's idle timeout to speed the stop up; WebSockets
 * ignore idle timeouts until their close frame has been sent, so that none is cut before its turn.
 */
final class WebSocketDrain implements Graceful {
    private static final long CLOSE_ALLOWANCE_MS = 1000;

    private final GracefulHandler http;
    private final long stopTimeoutMs;
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<Void> shutdown;
    private volatile boolean closing;

    WebSocketDrain(GracefulHandler http, Duration stopTimeout) {
        this.http = http;
        this.stopTimeoutMs = stopTimeout.toMillis();
    }

    /** Tracks a WebSocket whose session just opened. */
    void opened(JettyEndpoint endpoint) {
        WebSocketConnection connection = endpoint.connection();
        open.add(connection);
        connection.whenClosed().whenComplete((ok, failure) -> open.remove(connection));
        // An idle timeout counts once the socket is not waiting for its turn in a stop.
        endpoint.session().addIdleTimeoutListener(timeout -> shutdown == null || closing);
        if (closing) {
            close(connection);
        }
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        if (shutdown == null) {
            long httpBudget = Math.max(0, stopTimeoutMs - Math.min(CLOSE_ALLOWANCE_MS, stopTimeoutMs / 2));
            shutdown = http.shutdown()
                    .handle((ok, failure) -> (Void) null)
                    .completeOnTimeout(null, httpBudget, TimeUnit.MILLISECONDS)
                    .thenCompose(ok -> closeAll());
        }
        return shutdown;
    }

    @Override
    public boolean isShutdown() {
        return shutdown != null;
    }

    private CompletableFuture<Void> closeAll() {
        closing = true;
        return CompletableFuture.allOf(open.stream()
                .map(this::close)
                .toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> close(WebSocketConnection connection) {
        return connection.close(CloseCodes.GOING_AWAY, "server stopping").toCompletableFuture();
    }

    @Override
    public String toString() {
        return "WebSocketDrain[" + open.size() + " open]";
    }
}
