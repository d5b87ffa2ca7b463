package io.jetring.api;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emits numbered chunks of {@link #CHUNK} bytes (the first byte of chunk {@code i} is {@code i}) and
 * records what the server asks of it: the most chunks requested ahead of the writes, how many were
 * emitted, and whether it was cancelled. Shared by the streaming tests of every engine (test jar).
 */
public final class ProbePublisher implements Flow.Publisher<byte[]> {
    /** The size of each chunk. */
    public static final int CHUNK = 64 * 1024;

    /** How many chunks were emitted. */
    public final AtomicLong emitted = new AtomicLong();
    /** The most chunks requested but not yet emitted at any time. */
    public final AtomicInteger maxOutstanding = new AtomicInteger();
    /** Counted down once on cancel. */
    public final CountDownLatch cancelled = new CountDownLatch(1);
    private final long total;
    private final AtomicInteger outstanding = new AtomicInteger();

    /** A publisher of {@code total} chunks ({@code Long.MAX_VALUE}: never ends). */
    public ProbePublisher(long total) {
        this.total = total;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        AtomicInteger wip = new AtomicInteger();
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean done;

            @Override
            public void request(long n) {
                maxOutstanding.accumulateAndGet(outstanding.addAndGet((int) Math.min(n, 1000)), Math::max);
                if (wip.getAndIncrement() != 0) {
                    return; // the loop below, further up this stack or on another thread, picks the demand up
                }
                do {
                    while (!done && cancelled.getCount() > 0) {
                        if (emitted.get() == total) {
                            done = true;
                            subscriber.onComplete();
                        } else if (outstanding.get() > 0) {
                            outstanding.decrementAndGet();
                            byte[] chunk = new byte[CHUNK];
                            chunk[0] = (byte) emitted.getAndIncrement();
                            subscriber.onNext(chunk);
                        } else {
                            break;
                        }
                    }
                } while (wip.decrementAndGet() != 0);
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }
        });
    }
}
