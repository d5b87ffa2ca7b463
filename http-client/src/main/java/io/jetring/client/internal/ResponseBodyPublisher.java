package io.jetring.client.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;

/**
 * A streamed response body: a {@link Flow.Publisher} over Jetty's response {@link Content.Source}.
 * It reads only while the subscriber has demand and asks Jetty for more only then, so a slow
 * subscriber stops the network reads (TCP and HTTP/2 flow control push back on the server). Each
 * chunk is copied into a fresh array and released at once. Cancelling aborts the exchange, since a
 * half-read connection cannot be reused; a failure of the exchange reaches the subscriber as
 * {@code onError}, even while it has no demand. One subscriber only.
 */
final class ResponseBodyPublisher implements Flow.Publisher<byte[]>, Flow.Subscription {
    private final Content.Source source;
    private final Response response;
    private final Function<Throwable, Throwable> failures;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Flow.Subscriber<? super byte[]> subscriber;
    private volatile boolean cancelled;
    private volatile boolean awaitingContent;
    private volatile Throwable failure;
    private volatile boolean done;
    /** The chunk read ahead of demand; touched only in the drain loop. */
    private Content.Chunk ahead;

    /** A publisher of {@code source}; {@code failures} turns Jetty's failures into the client's exceptions. */
    ResponseBodyPublisher(Content.Source source, Response response, Function<Throwable, Throwable> failures) {
        this.source = source;
        this.response = response;
        this.failures = failures;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(Publishing.noSubscription());
            s.onError(new IllegalStateException("response body: already subscribed (expected: one subscriber)"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("request: " + n + " (expected: > 0, Reactive Streams rule 3.9)"));
            return;
        }
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        if (!done) {
            response.abort(new CancellationException("the response body was cancelled"));
        }
        drain();
    }

    /** The exchange failed: tell the subscriber now, whatever its demand. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
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
            if (subscriber != null) {
                pump();
                if (cancelled || done) {
                    // Rule 3.13: once over, the subscriber is dropped, and so is the chunk read ahead.
                    if (ahead != null) {
                        ahead.release();
                        ahead = null;
                    }
                    subscriber = null;
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Reads at most one chunk ahead of demand, so that the end of the body or its failure is
     * signalled without waiting for a request (rule 1.4) while a slow subscriber still stops reads.
     */
    private void pump() {
        while (!done && !cancelled) {
            Throwable failed = failure;
            if (failed != null) {
                finish(failed);
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
                    finish(failures.apply(chunk.getFailure()));
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

    private void finish(Throwable cause) {
        done = true;
        // A no-op if the exchange already failed; otherwise (a bad request(n)) it must not linger.
        response.abort(cause);
        if (!cancelled) {
            subscriber.onError(cause);
        }
    }
}
