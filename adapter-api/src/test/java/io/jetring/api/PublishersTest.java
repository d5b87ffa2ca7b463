package io.jetring.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PublishersTest {
    @Test
    void emitsOnlyWhatWasRequested() {
        AtomicInteger pulled = new AtomicInteger();
        RecordingSubscriber subscriber = new RecordingSubscriber(0);
        Publishers.fromIterator(() -> counting(pulled, 10)).subscribe(subscriber);

        assertThat(subscriber.items).isEmpty();
        subscriber.subscription.request(3);
        assertThat(subscriber.items).hasSize(3);
        assertThat(pulled).hasValue(3);
        subscriber.subscription.request(100);
        assertThat(subscriber.items).hasSize(10);
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    void cancelStopsTheFlow() {
        AtomicInteger pulled = new AtomicInteger();
        RecordingSubscriber subscriber = new RecordingSubscriber(0);
        Publishers.fromIterator(() -> counting(pulled, 10)).subscribe(subscriber);
        subscriber.subscription.request(2);
        subscriber.subscription.cancel();
        subscriber.subscription.request(5);

        assertThat(subscriber.items).hasSize(2);
        assertThat(subscriber.completed).isFalse();
    }

    @Test
    void reentrantRequestsDoNotRecurse() throws Exception {
        int count = 100_000;
        AtomicInteger received = new AtomicInteger();
        RecordingSubscriber subscriber = new RecordingSubscriber(1) {
            @Override
            public void onNext(byte[] item) {
                received.incrementAndGet();
                subscription.request(1);
            }
        };
        Publishers.fromIterator(() -> counting(new AtomicInteger(), count)).subscribe(subscriber);

        assertThat(subscriber.awaitDone()).isNull();
        assertThat(received).hasValue(count);
    }

    @Test
    void iteratorFailuresAndBadRequestsBecomeOnError() throws Exception {
        RecordingSubscriber failing = new RecordingSubscriber(1);
        Publishers.failed(new IllegalStateException("boom")).subscribe(failing);
        assertThat(failing.awaitDone()).hasMessage("boom");

        RecordingSubscriber bad = new RecordingSubscriber(0);
        Publishers.of(new byte[1]).subscribe(bad);
        bad.subscription.request(0);
        assertThat(bad.awaitDone()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rule 3.9");
    }

    @Test
    void emptyCompletesWithoutDemand() throws Exception {
        RecordingSubscriber subscriber = new RecordingSubscriber(0);
        Publishers.empty().subscribe(subscriber);

        assertThat(subscriber.awaitDone()).isNull();
        assertThat(subscriber.completed).isTrue();
    }

    @Test
    void theIteratorIsTouchedOnlyWithDemandAndClosedAtTheEnd() throws Exception {
        AtomicInteger pulled = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        class Closing implements Iterator<byte[]>, AutoCloseable {
            private final Iterator<byte[]> delegate = counting(closed.get() == 0 ? pulled : new AtomicInteger(), 3);

            @Override
            public boolean hasNext() {
                return delegate.hasNext();
            }

            @Override
            public byte[] next() {
                return delegate.next();
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        RecordingSubscriber cancelling = new RecordingSubscriber(0);
        Publishers.fromIterator(Closing::new).subscribe(cancelling);
        assertThat(pulled).hasValue(0);
        cancelling.subscription.request(1);
        cancelling.subscription.cancel();
        assertThat(closed).hasValue(1);

        RecordingSubscriber completing = new RecordingSubscriber(Long.MAX_VALUE);
        Publishers.fromIterator(Closing::new).subscribe(completing);
        assertThat(completing.awaitDone()).isNull();
        assertThat(completing.items).hasSize(3);
        assertThat(closed).hasValue(2);
    }

    private static Iterator<byte[]> counting(AtomicInteger pulled, int total) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled.get() < total;
            }

            @Override
            public byte[] next() {
                pulled.incrementAndGet();
                return new byte[] {1};
            }
        };
    }
}
