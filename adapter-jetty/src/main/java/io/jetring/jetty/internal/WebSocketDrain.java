package io.jetring.jetty.internal;

import io.jetring.api.ws.CloseCodes;
import io.jetring.engine.ws.WebSocketConnection;
import io.jetring.engine.jetty.JettyEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket part of a graceful stop. It keeps the open WebSockets and, when the server stops,
 * first lets the HTTP requests in flight finish (the {@link GracefulHandler}'s shutdown), then runs
 * the drain hooks (layers over WebSockets, such as RPC, answer what they have in flight) and waits
 * for their stages, then closes every WebSocket with {@code 1001} and completes when all are closed.
 * Should HTTP and the hooks take nearly the whole stop timeout, the WebSockets are closed anyway with
 * a short allowance left, so that they always get their close frame before the connectors stop.
 *
 * <p>Meanwhile the connectors lower every connection's idle timeout to speed the stop up; WebSockets
 * ignore idle timeouts until their close frame has been sent, so that none is cut before its turn.
 */
public final class WebSocketDrain implements Graceful {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");
    private static final long CLOSE_ALLOWANCE_MS = 1000;

    private final GracefulHandler http;
    private final long stopTimeoutMs;
    private final List<Supplier<CompletionStage<Void>>> hooks;
    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private volatile CompletableFuture<Void> shutdown;
    private volatile boolean closing;

    /** A drain after {@code http}'s, bounded by {@code stopTimeout}, that runs {@code hooks} before the closes. */
    public WebSocketDrain(GracefulHandler http, Duration stopTimeout, List<Supplier<CompletionStage<Void>>> hooks) {
        this.http = http;
        this.stopTimeoutMs = stopTimeout.toMillis();
        this.hooks = List.copyOf(hooks);
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

    /** WebSockets open now. */
    int open() {
        return open.size();
    }

    @Override
    public synchronized CompletableFuture<Void> shutdown() {
        if (shutdown == null) {
            long budgetMs = Math.max(0, stopTimeoutMs - Math.min(CLOSE_ALLOWANCE_MS, stopTimeoutMs / 2));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budgetMs);
            shutdown = http.shutdown()
                    .handle((ok, failure) -> (Void) null)
                    .completeOnTimeout(null, budgetMs, TimeUnit.MILLISECONDS)
                    .thenCompose(ok -> runHooks(deadline))
                    .thenCompose(ok -> closeAll());
        }
        return shutdown;
    }

    @Override
    public boolean isShutdown() {
        return shutdown != null;
    }

    /** Starts every hook; completes when all have completed, or at {@code deadline}. */
    private CompletableFuture<Void> runHooks(long deadline) {
        if (hooks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] stages = hooks.stream().map(WebSocketDrain::start).toArray(CompletableFuture[]::new);
        long leftNanos = Math.max(0, deadline - System.nanoTime());
        return CompletableFuture.allOf(stages).completeOnTimeout(null, leftNanos, TimeUnit.NANOSECONDS);
    }

    /** Calls one hook; its failure (or throw) is logged and counts as done, so that the stop goes on. */
    private static CompletableFuture<Void> start(Supplier<CompletionStage<Void>> hook) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            hook.get().whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.warn("a drain hook failed; the stop goes on", failure);
                }
                done.complete(null);
            });
        } catch (RuntimeException e) {
            LOG.warn("a drain hook threw; the stop goes on", e);
            done.complete(null);
        }
        return done;
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
        return "WebSocketDrain[" + open.size() + " open, " + hooks.size() + " hooks]";
    }
}
