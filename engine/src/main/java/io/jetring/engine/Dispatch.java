package io.jetring.engine;

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
 * awaited under the async timeout. A WebSocket response ({@link Response#websocket}) reaches the
 * exchange only if {@link Upgrades#refusal} allows it; otherwise the exchange gets the refusal as a
 * failure (400 or 500). Applications never use it.
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
        answer(request, response, exchange);
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
            exchange.await(stage.thenApply(response -> Upgrades.checked(request, response)), timeoutMillis);
            return;
        }
        Response response;
        try {
            response = future.join();
        } catch (CompletionException | CancellationException e) {
            exchange.fail(e);
            return;
        }
        answer(request, response, exchange);
    }

    private static <X extends Exception> void answer(Request request, Response response, HandlerExchange<X> exchange)
            throws X {
        if (response != null && response.isWebSocket()) {
            var refusal = Upgrades.refusal(request, response);
            if (refusal.isPresent()) {
                exchange.fail(refusal.get());
                return;
            }
        }
        exchange.respond(response);
    }
}
