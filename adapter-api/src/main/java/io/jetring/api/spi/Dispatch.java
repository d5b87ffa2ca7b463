package io.jetring.api.spi;

import io.jetring.api.Request;
import io.jetring.api.Response;
import io.jetring.api.RingHandler;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Runs a {@link RingHandler} for one request and hands the outcome to the engine's
 * {@link HandlerExchange}, the same way in every engine ({@code docs/SPEC.md} sections 5 and 8): a
 * handler that throws is a failure; an async handler's {@code null} stage is a {@code null}
 * response; a stage already complete is answered at once, on the calling thread; any other is
 * awaited under the async timeout. Applications never use it.
 */
public final class Dispatch {
    private Dispatch() {
    }

    /** Calls the sync form of {@code handler} on this thread and answers with its response. */
    public static <X extends Exception> void sync(RingHandler handler, Request request, HandlerExchange<X> exchange) throws X {
        Response response;
        try {
            response = handler.handle(request);
        } catch (Throwable t) {
            exchange.fail(t);
            return;
        }
        exchange.respond(response);
    }

    /** Calls the async form of {@code handler} and answers with its stage's outcome. */
    public static <X extends Exception> void async(RingHandler handler, Request request, HandlerExchange<X> exchange,
                                                   long timeoutMillis) throws X {
        CompletionStage<Response> stage;
        try {
            stage = handler.handleAsync(request);
        } catch (Throwable t) {
            exchange.fail(t);
            return;
        }
        if (stage == null) {
            exchange.respond(null);
            return;
        }
        CompletableFuture<Response> future = null;
        try {
            future = stage.toCompletableFuture();
        } catch (UnsupportedOperationException notSupported) {
            // A stage that cannot be viewed as a future is waited for like any pending one.
        }
        if (future == null || !future.isDone()) {
            exchange.await(stage, timeoutMillis);
            return;
        }
        Response response;
        try {
            response = future.join();
        } catch (CompletionException | CancellationException e) {
            exchange.fail(e);
            return;
        }
        exchange.respond(response);
    }
}
