package io.jetring.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A function from handler to handler (Ring middleware), applied with {@link RingHandler#wrap}.
 *
 * <p>The factories here keep the form of the handler they wrap: a sync handler stays sync, an async
 * one stays async, so one middleware serves both. A hand-written middleware should do the same
 * (check {@link RingHandler#isAsync()}).
 */
@FunctionalInterface
public interface Middleware {

    /** Wraps {@code handler}. */
    RingHandler apply(RingHandler handler);

    /** This middleware outside {@code inner}: requests pass through this one first. */
    default Middleware andThen(Middleware inner) {
        Objects.requireNonNull(inner, "inner");
        return handler -> apply(inner.apply(handler));
    }

    /** Rewrites each request before the handler sees it. */
    static Middleware mapRequest(UnaryOperator<Request> f) {
        Objects.requireNonNull(f, "f");
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> handler.handleAsync(f.apply(request)))
                : request -> handler.handle(f.apply(request));
    }

    /** Rewrites each response the handler produces; {@code f} also sees the request. */
    static Middleware mapResponse(BiFunction<Request, Response, Response> f) {
        Objects.requireNonNull(f, "f");
        return handler -> handler.isAsync()
                ? RingHandler.async(request -> handler.handleAsync(request)
                        .thenApply(response -> f.apply(request, response)))
                : request -> f.apply(request, handler.handle(request));
    }

    /**
     * Middleware around the handler: {@code around} gets the request and {@code next} (the wrapped
     * handler as a function to a stage) and returns the response stage. It may short-circuit by not
     * calling {@code next}. Around a sync handler, {@code next} runs it on the calling worker thread.
     */
    static Middleware around(Around around) {
        Objects.requireNonNull(around, "around");
        return handler -> {
            if (handler.isAsync()) {
                return RingHandler.async(request -> around.apply(request, handler::handleAsync));
            }
            return request -> RingHandler.await(around.apply(request, handler::handleAsync));
        };
    }

    /** The function behind {@link #around}. */
    @FunctionalInterface
    interface Around {
        /** Handles {@code request}, calling {@code next} to reach the wrapped handler. */
        CompletionStage<Response> apply(Request request, Function<Request, CompletionStage<Response>> next)
                throws Exception;
    }

    /** A stage that has already completed with {@code response}: a convenience for {@link Around}. */
    static CompletionStage<Response> completed(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
