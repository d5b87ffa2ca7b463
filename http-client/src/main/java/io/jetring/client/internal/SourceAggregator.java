package io.jetring.client.internal;

import io.jetring.engine.jetty.ContentAggregator;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a Jetty response body into one array under a size limit, without blocking
 * ({@link ContentAggregator}). Past the limit the exchange is aborted at once, so no more than the
 * limit is ever read. With no limit ({@link #discard}) the bytes are dropped instead, keeping the
 * connection reusable. Copying bytes never blocks: Jetty may call the read loop back on its I/O
 * thread, with no dispatch.
 */
final class SourceAggregator {
    private SourceAggregator() {
    }

    /** The whole body, or a failure: Jetty's, or {@code tooLarge}'s past {@code limit} bytes. */
    static CompletableFuture<byte[]> aggregate(Content.Source source, Response response, long limit,
                                               Supplier<? extends RuntimeException> tooLarge) {
        if (source.getLength() > limit) {
            RuntimeException failure = tooLarge.get();
            response.abort(failure);
            return CompletableFuture.failedFuture(failure);
        }
        return ContentAggregator.aggregate(source, limit, () -> {
            RuntimeException failure = tooLarge.get();
            response.abort(failure);
            return failure;
        }, () -> true, Invocable.InvocationType.NON_BLOCKING);
    }

    /** Reads the whole body and drops it; completes with an empty array. */
    static CompletableFuture<byte[]> discard(Content.Source source, Response response) {
        return ContentAggregator.discard(source, Invocable.InvocationType.NON_BLOCKING);
    }
}
