package io.jetring.servlet.internal;

import io.jetring.api.BodyTooLargeException;
import io.jetring.api.DataSize;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** Collects a body publisher into one array; fails, and stops reading, as soon as the limit is passed. */
final class BodyAggregator implements Flow.Subscriber<byte[]> {
    final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final DataSize limit;
    private Flow.Subscription subscription;
    private byte[] buffer;
    private int size;

    /** The largest first buffer: an announced length is a claim, not bytes received, and costs nothing to make. */
    private static final int FIRST_BUFFER_CAP = 16 * 1024;

    BodyAggregator(DataSize limit, long announcedLength) {
        this.limit = limit;
        long initial = announcedLength < 0 ? 1024 : Math.min(announcedLength, FIRST_BUFFER_CAP);
        this.buffer = new byte[(int) Math.max(0, Math.min(initial, limit.bytes()))];
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] chunk) {
        if (result.isDone()) {
            return;
        }
        if (size + (long) chunk.length > limit.bytes()) {
            subscription.cancel();
            result.completeExceptionally(new BodyTooLargeException(limit));
            return;
        }
        if (size + chunk.length > buffer.length) {
            long grown = Math.max(size + (long) chunk.length, buffer.length * 2L);
            buffer = Arrays.copyOf(buffer, (int) Math.min(limit.bytes(), grown));
        }
        System.arraycopy(chunk, 0, buffer, size, chunk.length);
        size += chunk.length;
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
    }
}
