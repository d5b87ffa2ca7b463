package io.jetring.api;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Small, dependency-free {@link Flow.Publisher} sources for streaming bodies. Each publisher is
 * cold: every subscriber gets its own pass over the data, produced only as fast as it requests.
 */
public final class Publishers {
    private Publishers() {
    }

    /** A publisher that completes at once, with no item and without waiting for demand. */
    public static Flow.Publisher<byte[]> empty() {
        return subscriber -> {
            subscriber.onSubscribe(NO_OP);
            subscriber.onComplete();
        };
    }

    private static final Flow.Subscription NO_OP = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    /** A publisher of these chunks, in order. The arrays are not copied. */
    public static Flow.Publisher<byte[]> of(byte[]... chunks) {
        List<byte[]> list = Arrays.asList(chunks.clone());
        list.forEach(chunk -> Objects.requireNonNull(chunk, "chunk"));
        return fromIterator(list::iterator);
    }

    /**
     * A publisher that pulls chunks from a fresh iterator for each subscriber: {@code hasNext()} and
     * {@code next()} run only when there is demand, one chunk per unit, on the thread that requested.
     * Under {@code JetServer} that is often an I/O thread, so the iterator must not block; a blocking
     * source belongs in a {@code Body.Stream}. An exception from the iterator is signalled as
     * {@code onError}, a {@code null} chunk as a {@link NullPointerException}. An iterator that is
     * also {@link AutoCloseable} is closed when the stream ends: completed, failed or cancelled.
     */
    public static Flow.Publisher<byte[]> fromIterator(Supplier<? extends Iterator<byte[]>> iterators) {
        Objects.requireNonNull(iterators, "iterators");
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            Iterator<byte[]> iterator;
            try {
                iterator = Objects.requireNonNull(iterators.get(), "iterator");
            } catch (RuntimeException e) {
                subscriber.onSubscribe(NO_OP);
                subscriber.onError(e);
                return;
            }
            new IteratorSubscription(iterator, subscriber).start();
        };
    }

    /**
     * A publisher that fails every subscriber with {@code error}, with no item: {@code onError}
     * follows {@code onSubscribe} at once, without waiting for demand (Reactive Streams rule 1.4).
     */
    public static Flow.Publisher<byte[]> failed(Throwable error) {
        Objects.requireNonNull(error, "error");
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            subscriber.onSubscribe(NO_OP);
            subscriber.onError(error);
        };
    }

    /** Emits from an iterator under a drain loop, so reentrant {@code request} calls stay serial. */
    private static final class IteratorSubscription implements Flow.Subscription {
        private final Iterator<byte[]> iterator;
        private final Flow.Subscriber<? super byte[]> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;

        IteratorSubscription(Iterator<byte[]> iterator, Flow.Subscriber<? super byte[]> subscriber) {
            this.iterator = iterator;
            this.subscriber = subscriber;
        }

        void start() {
            subscriber.onSubscribe(this);
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
            if (!cancelled) {
                cancelled = true;
                drain(); // closes the iterator on the draining thread
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!emit()) {
                    cancelled = true;
                    close();
                    return; // wip stays above zero: nothing runs after the end
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Emits what demand allows; false once the stream is over (ended, failed or cancelled). */
        private boolean emit() {
            while (!cancelled) {
                if (badRequest != null) {
                    subscriber.onError(badRequest);
                    return false;
                }
                if (demand.get() == 0) {
                    return true;
                }
                byte[] chunk;
                try {
                    if (!iterator.hasNext()) {
                        chunk = null;
                    } else {
                        chunk = Objects.requireNonNull(iterator.next(), "chunk");
                    }
                } catch (RuntimeException e) {
                    subscriber.onError(e);
                    return false;
                }
                if (chunk == null) {
                    subscriber.onComplete();
                    return false;
                }
                demand.decrementAndGet();
                subscriber.onNext(chunk);
            }
            return false;
        }

        private void close() {
            if (iterator instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // the stream is over; nobody is left to tell
                }
            }
        }
    }
}
