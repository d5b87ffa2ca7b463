package io.jetring.jetty.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order of a graceful stop, as a Jetty {@link Graceful} bean of the server: first the HTTP
 * requests in flight finish (the {@link GracefulHandler}'s shutdown), then the drain hooks run (layers
 * over WebSockets, such as RPC, answer what they have in flight) and their stages are awaited, then
 * the last step closes what is still open (the WebSockets, with {@code 1001}) and the stop completes
 * when that step has. Should HTTP and the hooks take nearly the whole stop timeout, the last step
 * runs anyway with a short allowance left, so that every WebSocket gets its close frame before the
 * connectors stop.
 */
public final class GracefulStop implements Graceful {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.jetty.JetServer");
    private static final long CLOSE_ALLOWANCE_MS = 1000;

    private final GracefulHandler http;
    private final long stopTimeoutMs;
    private final List<Supplier<CompletionStage<Void>>> hooks;
    private final Supplier<CompletableFuture<Void>> last;
    private volatile CompletableFuture<Void> shutdown;

    /**
     * A stop after {@code http}'s drain, bounded by {@code stopTimeout}, that runs {@code hooks} and
     * then {@code last}.
     */
    public GracefulStop(GracefulHandler http, Duration stopTimeout, List<Supplier<CompletionStage<Void>>> hooks,
                        Supplier<CompletableFuture<Void>> last) {
        this.http = http;
        this.stopTimeoutMs = stopTimeout.toMillis();
        this.hooks = List.copyOf(hooks);
        this.last = last;
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
                    .thenCompose(ok -> last.get());
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
        CompletableFuture<?>[] stages = hooks.stream().map(GracefulStop::start).toArray(CompletableFuture[]::new);
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

    @Override
    public String toString() {
        return "GracefulStop[" + hooks.size() + " hooks" + (isShutdown() ? ", stopping]" : "]");
    }
}
