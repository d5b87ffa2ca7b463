package io.jetring.servlet.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Flow.Publisher} of the request body: one subscriber, reads only while it has demand, each
 * chunk a fresh array. Every signal (demand, data available, failure, cancel) funnels into one drain
 * loop, so the servlet input stream is touched by one thread at a time and the subscriber is called
 * serially, whichever thread (subscriber or container callback) signals. Subclasses say how a chunk
 * is read: blocking, or only when the container says it is ready.
 */
abstract class BodyPublisher implements Flow.Publisher<byte[]>, Flow.Subscription {
    static final int CHUNK_SIZE = 16 * 1024;
    private static final Flow.Subscription NOOP = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Flow.Subscriber<? super byte[]> subscriber;
    private volatile boolean cancelled;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Owned by the drain loop. */
    private boolean done;
    private byte[] buffer;

    @Override
    public final void subscribe(Flow.Subscriber<? super byte[]> s) {
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(NOOP);
            s.onError(new IllegalStateException("request body publisher: already subscribed (expected: one subscriber)"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        // A failure signalled before the subscription is reported now.
        drain();
    }

    @Override
    public final void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("request: " + n + " (expected: > 0, Reactive Streams rule 3.9)"));
            return;
        }
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
    }

    @Override
    public final void cancel() {
        cancelled = true;
        drain();
    }

    /** Ends the stream with {@code error}, unless it already ended; the first failure wins. */
    final void fail(Throwable error) {
        failure.compareAndSet(null, error);
        drain();
    }

    /** Runs the drain loop, or makes the thread already running it go round once more. */
    final void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            pump();
            if (done || cancelled) {
                subscriber = null; // rule 3.13: a stream that is over holds no subscriber
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Reads at most {@code buffer.length} bytes: the number read ({@code > 0}), {@code 0} when none
     * can be read now (the subclass calls {@link #drain()} once some can), or {@code -1} at the end.
     */
    protected abstract int read(byte[] buffer) throws IOException;

    private void pump() {
        Flow.Subscriber<? super byte[]> s = subscriber;
        while (!done && s != null) {
            if (cancelled) {
                done = true;
                return;
            }
            Throwable error = failure.get();
            if (error != null) {
                done = true;
                s.onError(error);
                return;
            }
            if (demand.get() == 0) {
                return;
            }
            if (buffer == null) {
                buffer = new byte[CHUNK_SIZE];
            }
            int n;
            try {
                n = read(buffer);
            } catch (IOException | RuntimeException e) {
                done = true;
                s.onError(e);
                return;
            }
            if (n == 0) {
                return;
            }
            if (n < 0) {
                done = true;
                s.onComplete();
                return;
            }
            demand.decrementAndGet();
            s.onNext(Arrays.copyOf(buffer, n));
        }
    }
}
