package io.jetring.engine;

import io.jetring.api.Response;
import java.util.concurrent.CompletionStage;

/**
 * One HTTP exchange as an engine (a Jetty handler, a servlet) offers it to {@link Dispatch}: where
 * the handler's outcome goes. Applications never use it.
 *
 * @param <X> what the engine's writes may throw ({@link RuntimeException} if nothing checked)
 */
public interface HandlerExchange<X extends Exception> {

    /** Answers with the handler's response; {@code null} (a handler that returned none) is the engine's to report. */
    void respond(Response response) throws X;

    /** Answers with the handler's failure (500, or 400 and 413 for the jetring exceptions that say so). */
    void fail(Throwable failure) throws X;

    /**
     * Waits for a stage that has not completed yet, without holding a thread, and answers 503 if it
     * is still pending after {@code timeoutMillis}.
     */
    void await(CompletionStage<Response> stage, long timeoutMillis) throws X;
}
