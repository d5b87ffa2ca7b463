package io.jetring.client.internal;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Reads a Jetty response body into one array under a size limit, without blocking: a read loop that
 * asks Jetty for more ({@code demand}) when nothing is ready. Every chunk is released as soon as it is
 * copied. Past the limit the exchange is aborted at once, so no more than the limit is ever read.
 * With no limit ({@link #discard}) the bytes are dropped instead, keeping the connection reusable.
 */
final class SourceAggregator implements Runnable {
    private final Content.Source source;
    private final Response response;
    private final LimitedBuffer buffer;
    private final Supplier<? extends RuntimeException> tooLarge;
    private final Runnable demandCallback;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();

    private SourceAggregator(Content.Source source, Response response, long limit, long expectedLength,
                             Supplier<? extends RuntimeException> tooLarge) {
        this.source = source;
        this.response = response;
        this.buffer = limit < 0 ? null : new LimitedBuffer(limit, expectedLength);
        this.tooLarge = tooLarge;
        // Copying bytes never blocks: Jetty may call us back on its I/O thread, with no dispatch.
        this.demandCallback = Invocable.from(Invocable.InvocationType.NON_BLOCKING, this);
    }

    /** The whole body, or a failure: Jetty's, or {@code tooLarge}'s past {@code limit} bytes. */
    static CompletableFuture<byte[]> aggregate(Content.Source source, Response response, long limit,
                                               Supplier<? extends RuntimeException> tooLarge) {
        long length = source.getLength();
        if (length > limit) {
            RuntimeException failure = tooLarge.get();
            response.abort(failure);
            return CompletableFuture.failedFuture(failure);
        }
        SourceAggregator aggregator = new SourceAggregator(source, response, limit, length, tooLarge);
        aggregator.run();
        return aggregator.result;
    }

    /** Reads the whole body and drops it; completes with an empty array. */
    static CompletableFuture<byte[]> discard(Content.Source source, Response response) {
        SourceAggregator aggregator = new SourceAggregator(source, response, -1, -1, null);
        aggregator.run();
        return aggregator.result;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(demandCallback);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            boolean fits = buffer == null || buffer.append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                RuntimeException failure = tooLarge.get();
                response.abort(failure);
                result.completeExceptionally(failure);
                return;
            }
            if (last) {
                result.complete(buffer == null ? new byte[0] : buffer.toByteArray());
                return;
            }
        }
    }
}
