package io.jetring.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Reads a whole publisher of byte arrays into one array, under a limit: past it, the subscription
 * is cancelled at once and the result fails with what the caller's {@code tooLarge} supplies. The
 * buffer is a {@link BoundedBuffer}, so an announced length never costs memory ahead of the bytes.
 * For jetring's modules, not applications.
 */
public final class BoundedAggregator implements Flow.Subscriber<byte[]> {
    private final BoundedBuffer buffer;
    private final Supplier<? extends Throwable> tooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private boolean done;

    /** An aggregator of at most {@code limit} bytes; {@code announcedLength} is {@code -1} if unknown. */
    public BoundedAggregator(long limit, long announcedLength, Supplier<? extends Throwable> tooLarge) {
        this.buffer = new BoundedBuffer(limit, announcedLength);
        this.tooLarge = tooLarge;
    }

    /**
     * Every byte {@code publisher} emits, or a failure: its own, or {@code tooLarge}'s past
     * {@code limit}; an announced length already past the limit fails at once, cancelling the
     * publisher unread.
     */
    public static CompletableFuture<byte[]> aggregate(Flow.Publisher<byte[]> publisher, long limit, long announcedLength,
                                                      Supplier<? extends Throwable> tooLarge) {
        if (announcedLength > limit) {
            Signals.cancel(publisher);
            return CompletableFuture.failedFuture(tooLarge.get());
        }
        BoundedAggregator aggregator = new BoundedAggregator(limit, announcedLength, tooLarge);
        publisher.subscribe(aggregator);
        return aggregator.result;
    }

    /** The whole body, or the failure. */
    public CompletableFuture<byte[]> result() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            s.cancel(); // rule 2.5
            return;
        }
        subscription = s;
        // Everything is kept anyway and the limit bounds it: no reason to hold the publisher back.
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] chunk) {
        if (done) {
            return;
        }
        if (!buffer.append(chunk)) {
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
