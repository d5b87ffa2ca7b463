package io.jetring.api;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A web application as a function from {@link Request} to {@link Response}.
 *
 * <p>It comes in two forms, and the server knows which before the first request arrives:
 * <ul>
 *   <li><b>sync</b> (Ring's 1-arity): a lambda {@code request -> response}. It may block; the server
 *       calls it on a worker thread.</li>
 *   <li><b>async</b> (Ring's 3-arity): built with {@link #async(Async)} from
 *       {@code request -> stage}. It must not block; the server may call it on an I/O thread and
 *       holds no thread while the stage is pending.</li>
 * </ul>
 * A handler that throws, returns {@code null} or returns a stage that fails produces a 500 (400 for
 * {@link BadRequestException}, 413 for {@link BodyTooLargeException}).
 */
@FunctionalInterface
public interface RingHandler {

    /** Handles a request, blocking if it needs to. */
    Response handle(Request request) throws Exception;

    /**
     * Handles a request without blocking. For a sync handler this runs {@link #handle} and returns
     * its result as a completed stage; async handlers override it.
     */
    default CompletionStage<Response> handleAsync(Request request) {
        try {
            return CompletableFuture.completedFuture(handle(request));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** Whether this handler is in the async form; fixed for the handler's life. */
    default boolean isAsync() {
        return false;
    }

    /** This handler wrapped by {@code middleware}: {@code middleware.apply(this)}. */
    default RingHandler wrap(Middleware middleware) {
        return Objects.requireNonNull(middleware.apply(this), "middleware returned null");
    }

    /** An async handler from a function that returns a stage. */
    static RingHandler async(Async handler) {
        Objects.requireNonNull(handler, "handler");
        return new RingHandler() {
            @Override
            public Response handle(Request request) throws Exception {
                return await(handleAsync(request));
            }

            @Override
            public CompletionStage<Response> handleAsync(Request request) {
                try {
                    return handler.handle(request);
                } catch (Throwable t) {
                    return CompletableFuture.failedFuture(t);
                }
            }

            @Override
            public boolean isAsync() {
                return true;
            }

            @Override
            public String toString() {
                return "RingHandler.async(" + handler + ")";
            }
        };
    }

    /**
     * Waits for a stage and returns its response, unwrapping the failure: a sync caller of an async
     * handler sees the exception the stage failed with.
     */
    static Response await(CompletionStage<Response> stage) throws Exception {
        if (stage == null) {
            return null;
        }
        try {
            return stage.toCompletableFuture().get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        }
    }

    /** The function behind an async handler: returns a stage at once and never blocks. */
    @FunctionalInterface
    interface Async {
        /** Starts handling and returns the stage that completes with the response. */
        CompletionStage<Response> handle(Request request) throws Exception;
    }
}
