package io.jetring.client.internal;

import io.jetring.api.DataSize;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Reads a whole publisher into one array under a size limit. Past the limit it cancels the
 * subscription at once and fails with the exception {@code tooLarge} supplies.
 */
final class PublisherAggregator implements Flow.Subscriber<byte[]> {
    private final LimitedBuffer buffer;
    private final Supplier<? extends RuntimeException> tooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean done;

    private PublisherAggregator(DataSize limit, long expectedLength, Supplier<? extends RuntimeException> tooLarge) {
        this.buffer = new LimitedBuffer(limit.bytes(), expectedLength);
        this.tooLarge = tooLarge;
    }

    /** Every byte {@code publisher} emits, or a failure: its own, or {@code tooLarge}'s past {@code limit}. */
    static CompletableFuture<byte[]> aggregate(Flow.Publisher<byte[]> publisher, DataSize limit, long expectedLength,
                                               Supplier<? extends RuntimeException> tooLarge) {
        if (expectedLength > limit.bytes()) {
            Publishing.cancelUnread(publisher);
            return CompletableFuture.failedFuture(tooLarge.get());
        }
        PublisherAggregator aggregator = new PublisherAggregator(limit, expectedLength, tooLarge);
        publisher.subscribe(aggregator);
        return aggregator.result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        // Everything is kept anyway and the limit bounds it: no reason to hold the publisher back.
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] chunk) {
        if (done) {
            return;
        }
        if (!buffer.append(ByteBuffer.wrap(chunk))) {
            done = true;
            subscription.cancel();
            result.completeExceptionally(tooLarge.get());
        }
    }

    @Override
    public void onError(Throwable failure) {
        done = true;
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            result.complete(buffer.toByteArray());
        }
    }
}
