package io.jetring.client.internal;

import io.jetring.api.DataSize;
import io.jetring.flow.BoundedAggregator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Reads a whole publisher into one array under a size limit ({@link BoundedAggregator}). Past the
 * limit it cancels the subscription at once and fails with the exception {@code tooLarge} supplies.
 */
final class PublisherAggregator {
    private PublisherAggregator() {
    }

    /** Every byte {@code publisher} emits, or a failure: its own, or {@code tooLarge}'s past {@code limit}. */
    static CompletableFuture<byte[]> aggregate(Flow.Publisher<byte[]> publisher, DataSize limit, long expectedLength,
                                               Supplier<? extends RuntimeException> tooLarge) {
        return BoundedAggregator.aggregate(publisher, limit.bytes(), expectedLength, tooLarge);
    }
}
