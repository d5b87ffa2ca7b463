package io.jetring.client.internal;

import io.jetring.client.ClientResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The caller's future of one call, settled exactly once. The outcome is decided where the transport
 * learns it (so the first event wins, whatever the thread scheduling), then the future is completed
 * on the client's executor, so the caller's dependent actions never run on an I/O thread or inside a
 * handler.
 */
final class Settlement<T> {
    private final CompletableFuture<ClientResponse<T>> future = new CompletableFuture<>();
    private final AtomicBoolean settled = new AtomicBoolean();
    private final Executor executor;
    private final Runnable onSettle;

    /** A settlement completed on {@code executor}; {@code onSettle} runs when the outcome is decided. */
    Settlement(Executor executor, Runnable onSettle) {
        this.executor = executor;
        this.onSettle = onSettle;
    }

    /** The caller's future. */
    CompletableFuture<ClientResponse<T>> future() {
        return future;
    }

    /** Whether the outcome has been decided (or the caller cancelled). */
    boolean isSettled() {
        return settled.get() || future.isDone();
    }

    /** Settles with the response {@code outcome} computes on the executor; if it throws, with that failure. */
    boolean succeed(Supplier<ClientResponse<T>> outcome) {
        return settle(() -> future.complete(outcome.get()));
    }

    /** Settles with {@code failure}. */
    boolean fail(Throwable failure) {
        return settle(() -> future.completeExceptionally(failure));
    }

    private boolean settle(Runnable complete) {
        if (!settled.compareAndSet(false, true)) {
            return false;
        }
        onSettle.run();
        Runnable guarded = () -> {
            try {
                complete.run();
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        };
        try {
            executor.execute(guarded);
        } catch (RejectedExecutionException closing) {
            guarded.run();
        }
        return true;
    }
}
