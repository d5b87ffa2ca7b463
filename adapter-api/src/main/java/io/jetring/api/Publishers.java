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

    /** A publisher that completes at once, with no item. */
    public static Flow.Publisher<byte[]> empty() {
        return fromIterator(() -> List.<byte[]>of().iterator());
    }

    /** A publisher of these chunks, in order. The arrays are not copied. */
    public static Flow.Publisher<byte[]> of(byte[]... chunks) {
        List<byte[]> list = Arrays.asList(chunks.clone());
        list.forEach(chunk -> Objects.requireNonNull(chunk, "chunk"));
        return fromIterator(list::iterator);
    }

    /**
     * A publisher that pulls chunks from a fresh iterator for each subscriber, one {@code next()} per
     * unit of demand, on the thread that requested. An exception from the iterator is signalled as
     * {@code onError}; a {@code null} chunk as a {@link NullPointerException}.
     */
    public static Flow.Publisher<byte[]> fromIterator(Supplier<? extends Iterator<byte[]>> iterators) {
        Objects.requireNonNull(iterators, "iterators");
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            Iterator<byte[]> iterator;
            try {
                iterator = Objects.requireNonNull(iterators.get(), "iterator");
            } catch (RuntimeException e) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(e);
                return;
            }
            new IteratorSubscription(iterator, subscriber).start();
        };
    }

    /** A publisher that fails every subscriber with {@code error}, with no item. */
    public static Flow.Publisher<byte[]> failed(Throwable error) {
        Objects.requireNonNull(error, "error");
        return fromIterator(() -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw error instanceof RuntimeException r ? r : new JetringException(error.getMessage(), error);
            }

            @Override
            public byte[] next() {
                throw new AssertionError();
            }
        });
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
            // A subscriber may complete immediately with no demand: an exhausted iterator still completes.
            drain();
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
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                if (!emit()) {
                    cancelled = true;
                    return;
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        /** Emits what demand allows; false once the stream is over. */
        private boolean emit() {
            try {
                while (!cancelled) {
                    if (badRequest != null) {
                        subscriber.onError(badRequest);
                        return false;
                    }
                    if (!iterator.hasNext()) {
                        subscriber.onComplete();
                        return false;
                    }
                    if (demand.get() == 0) {
                        return true;
                    }
                    byte[] chunk = Objects.requireNonNull(iterator.next(), "chunk");
                    demand.decrementAndGet();
                    subscriber.onNext(chunk);
                }
                return false;
            } catch (RuntimeException e) {
                if (!cancelled) {
                    subscriber.onError(e);
                }
                return false;
            }
        }
    }
}
