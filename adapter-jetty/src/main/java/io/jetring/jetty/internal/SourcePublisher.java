package io.jetring.jetty.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;

/**
 * A {@link Flow.Publisher} over a Jetty {@link Content.Source}: reads at most one chunk ahead of the
 * subscriber's demand, so a slow subscriber stops the network reads, yet a failure or the end of the
 * body is signalled without waiting for demand (Reactive Streams rule 1.4). Chunks are copied into
 * fresh arrays, so the subscriber may keep them. A cancel releases the chunk read ahead and drops the
 * subscriber (rule 3.13).
 */
final class SourcePublisher implements Flow.Publisher<byte[]>, Flow.Subscription {
    private final Content.Source source;
    private final BooleanSupplier idleTimeoutIsFatal;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Flow.Subscriber<? super byte[]> subscriber;
    private volatile boolean cancelled;
    private volatile boolean awaitingContent;
    private volatile Throwable badRequest;
    private boolean done;
    /** The chunk read ahead of demand; touched only in the drain loop. */
    private Content.Chunk ahead;

    SourcePublisher(Content.Source source, BooleanSupplier idleTimeoutIsFatal) {
        this.source = source;
        this.idleTimeoutIsFatal = idleTimeoutIsFatal;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("request body publisher: already subscribed (expected: one subscriber)"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        drain(); // reads one chunk ahead: an empty or failed body is signalled without demand
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("request: " + n + " (expected: > 0, Reactive Streams rule 3.9)");
        } else {
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    private void onContentAvailable() {
        awaitingContent = false;
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            try {
                pump();
            } catch (Throwable t) {
                // A subscriber that throws (rule 2.13) is treated as having cancelled.
                cancelled = true;
            }
            if (cancelled || done) {
                if (ahead != null) {
                    ahead.release();
                    ahead = null;
                }
                subscriber = null;
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void pump() {
        while (!done && !cancelled) {
            if (badRequest != null) {
                done = true;
                subscriber.onError(badRequest);
                return;
            }
            if (ahead == null) {
                if (awaitingContent) {
                    return;
                }
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    awaitingContent = true;
                    source.demand(this::onContentAvailable);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (!chunk.isLast() && !idleTimeoutIsFatal.getAsBoolean()) {
                        continue; // a transient idle timeout that does not apply now: read on
                    }
                    done = true;
                    subscriber.onError(chunk.getFailure());
                    return;
                }
                if (!chunk.getByteBuffer().hasRemaining()) {
                    chunk.release();
                    if (chunk.isLast()) {
                        done = true;
                        subscriber.onComplete();
                        return;
                    }
                    continue;
                }
                ahead = chunk;
            }
            if (demand.get() == 0) {
                return;
            }
            Content.Chunk chunk = ahead;
            ahead = null;
            ByteBuffer buffer = chunk.getByteBuffer();
            boolean last = chunk.isLast();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            chunk.release();
            demand.decrementAndGet();
            subscriber.onNext(bytes);
            if (last) {
                done = true;
                if (!cancelled) {
                    subscriber.onComplete();
                }
                return;
            }
        }
    }
}
