package io.jetring.jetty.internal;

import io.jetring.api.ws.CloseCodes;
import io.jetring.engine.jetty.JettyEndpoint;
import io.jetring.engine.ws.WebSocketConnection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The server's open WebSockets, and their part of a graceful stop: {@link #closeAll()} closes every
 * one with {@code 1001} (and any that opens afterwards) and completes when all are closed.
 *
 * <p>While a stop is under way the connectors lower every connection's idle timeout to speed it up;
 * a WebSocket ignores idle timeouts from the start of the stop until its close frame has been sent,
 * so that none is cut before its turn.
 */
final class OpenWebSockets {
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final BooleanSupplier stopping;
    private volatile boolean closing;

    /** Open WebSockets of a server whose graceful stop has begun once {@code stopping} says so. */
    OpenWebSockets(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    /** Tracks a WebSocket whose session just opened. */
    void opened(JettyEndpoint endpoint) {
        WebSocketConnection connection = endpoint.connection();
        open.add(connection);
        connection.whenClosed().whenComplete((ok, failure) -> open.remove(connection));
        endpoint.idleTimeoutCounts(() -> closing || !stopping.getAsBoolean());
        if (closing) {
            close(connection);
        }
    }

    /** WebSockets open now. */
    int count() {
        return open.size();
    }

    /** Closes every open WebSocket, and from now on every one that opens, with {@code 1001}. */
    CompletableFuture<Void> closeAll() {
        closing = true;
        return CompletableFuture.allOf(open.stream().map(OpenWebSockets::close).toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> close(WebSocketConnection connection) {
        return connection.close(CloseCodes.GOING_AWAY, "server stopping").toCompletableFuture();
    }

    @Override
    public String toString() {
        return "OpenWebSockets[" + open.size() + (closing ? ", closing]" : "]");
    }
}
