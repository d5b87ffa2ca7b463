package io.jetring.client;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An endless publisher of 16 KiB chunks that counts what it produced and records its cancellation:
 * with backpressure, production stops when the consumer stops; without, it would never stop.
 */
final class Infinite implements Flow.Publisher<byte[]> {
    static final int CHUNK = 16 * 1024;

    final AtomicLong produced = new AtomicLong();
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        AtomicLong demand = new AtomicLong();
        AtomicInteger wip = new AtomicInteger();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                int missed = 1;
                do {
                    while (demand.get() > 0 && cancelled.getCount() > 0) {
                        demand.decrementAndGet();
                        produced.incrementAndGet();
                        subscriber.onNext(new byte[CHUNK]);
                    }
                    missed = wip.addAndGet(-missed);
                } while (missed != 0);
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        });
    }

    /** Bytes produced so far. */
    long producedBytes() {
        return produced.get() * CHUNK;
    }

    /**
     * Waits until production has not moved for half a second and returns the bytes produced; fails if it
     * never settles (no backpressure).
     */
    long awaitStalled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
        long last = -1;
        int still = 0;
        while (System.nanoTime() < deadline) {
            long now = produced.get();
            still = now == last ? still + 1 : 0;
            if (still == 5) {
                return now * CHUNK;
            }
            last = now;
            Thread.sleep(100);
        }
        return fail("production never stalled: " + producedBytes() + " bytes and counting (no backpressure?)");
    }

    void awaitCancelled() throws InterruptedException {
        if (!cancelled.await(Await.SECONDS, TimeUnit.SECONDS)) {
            fail("the publisher was not cancelled within " + Await.SECONDS + " s");
        }
    }
}
