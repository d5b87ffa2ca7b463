package io.jetring.api;

import io.jetring.flow.PullPublisher;
import io.jetring.flow.Signals;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;
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
            subscriber.onSubscribe(Signals.noSubscription());
            subscriber.onComplete();
        };
    }

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
                Signals.refuse(subscriber, e);
                return;
            }
            new IteratorPublisher(iterator).subscribe(subscriber);
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
            Signals.refuse(subscriber, error);
        };
    }

    /** Pulls from an iterator only on demand ({@link PullPublisher}); closes it once the stream is over. */
    private static final class IteratorPublisher extends PullPublisher<byte[]> {
        private final Iterator<byte[]> iterator;

        IteratorPublisher(Iterator<byte[]> iterator) {
            super("iterator publisher", false);
            this.iterator = iterator;
        }

        @Override
        protected byte[] poll() {
            if (!iterator.hasNext()) {
                complete();
                return null;
            }
            return Objects.requireNonNull(iterator.next(), "chunk");
        }

        @Override
        protected void onEnd(Throwable failure, boolean cancelled) {
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
