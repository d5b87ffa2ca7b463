package io.jetring.client.internal;

import io.jetring.api.Body;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher over a blocking {@link InputStream} or a file: read on {@code executor}, one chunk per
 * unit of demand, never on the subscriber's thread. The stream is
 * closed when it ends, fails, or the subscription is cancelled. One subscriber only.
 */
final class StreamPublisher implements Flow.Publisher<byte[]> {
    private static final int CHUNK_SIZE = 16 * 1024;

    private final InputStream given;
    private final Body.File file;
    private final Executor executor;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    private StreamPublisher(InputStream given, Body.File file, Executor executor) {
        this.given = given;
        this.file = file;
        this.executor = executor;
    }

    /** A publisher of what {@code in} yields, read on {@code executor}; {@code in} is closed in every case. */
    static StreamPublisher of(InputStream in, Executor executor) {
        return new StreamPublisher(in, null, executor);
    }

    /** A publisher of the bytes of a file body, opened on first demand and read on {@code executor}. */
    static StreamPublisher of(Body.File file, Executor executor) {
        return new StreamPublisher(null, file, executor);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(Publishing.noSubscription());
            subscriber.onError(new IllegalStateException("body publisher: already subscribed (expected: one subscriber)"));
            return;
        }
        Reader reader = new Reader(subscriber);
        subscriber.onSubscribe(reader);
    }

    /** The subscription; {@link #run()} is the drain loop, which only one thread runs at a time. */
    private final class Reader implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super byte[]> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        private InputStream in = given;
        private boolean done;

        Reader(Flow.Subscriber<? super byte[]> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("request: " + n + " (expected: > 0, Reactive Streams rule 3.9)");
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            }
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            schedule();
        }

        private void schedule() {
            if (wip.getAndIncrement() == 0) {
                try {
                    executor.execute(this);
                } catch (RejectedExecutionException e) {
                    cancelled = true;
                    closeQuietly();
                    subscriber.onError(new IOException("the client is closed", e));
                }
            }
        }

        @Override
        public void run() {
            int missed = 1;
            do {
                pump();
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void pump() {
            try {
                while (!done) {
                    if (cancelled) {
                        done = true;
                        closeQuietly();
                        return;
                    }
                    if (badRequest != null) {
                        finish(badRequest);
                        return;
                    }
                    if (demand.get() == 0) {
                        return;
                    }
                    if (in == null) {
                        in = file.open();
                    }
                    byte[] buffer = new byte[CHUNK_SIZE];
                    int n = in.read(buffer);
                    if (n < 0) {
                        finish(null);
                        return;
                    }
                    if (n > 0) {
                        demand.decrementAndGet();
                        subscriber.onNext(n == buffer.length ? buffer : Arrays.copyOf(buffer, n));
                    }
                }
            } catch (Throwable t) {
                if (!done) {
                    finish(t);
                }
            }
        }

        private void finish(Throwable failure) {
            done = true;
            closeQuietly();
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }

        private void closeQuietly() {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // Nothing more can be read anyway; the outcome is already decided.
                }
            }
        }
    }
}
