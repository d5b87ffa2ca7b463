package io.jetring.client.internal;

import io.jetring.engine.jetty.ContentPublisher;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;

/**
 * A streamed response body: a {@link ContentPublisher} over Jetty's response {@link Content.Source},
 * so a slow subscriber stops the network reads and a failure of the exchange ({@link #fail}) reaches
 * the subscriber as {@code onError} even while it has no demand. Cancelling aborts the exchange,
 * since a half-read connection cannot be reused; so does a failure of the stream (a bad
 * {@code request(n)} must not leave it lingering). One subscriber only.
 */
final class ResponseBodyPublisher extends ContentPublisher {
    private final Response response;
    private final Function<Throwable, Throwable> failures;

    /** A publisher of {@code source}; {@code failures} turns Jetty's failures into the client's exceptions. */
    ResponseBodyPublisher(Content.Source source, Response response, Function<Throwable, Throwable> failures) {
        super("response body", source);
        this.response = response;
        this.failures = failures;
    }

    @Override
    protected Throwable failure(Content.Chunk chunk) {
        return failures.apply(chunk.getFailure());
    }

    @Override
    protected void onEnd(Throwable failure, boolean cancelled) {
        if (cancelled) {
            response.abort(new CancellationException("the response body was cancelled"));
        } else if (failure != null) {
            // A no-op if the exchange already failed.
            response.abort(failure);
        }
    }

}
