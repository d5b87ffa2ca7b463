package io.jetring.rpc;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the inbound requests of one connection that are being handled, and lets a drain wait for
 * them: {@link #tryStart()} admits a request unless the connection drains, {@link #finish()} ends one,
 * and {@link #drain()} completes when none is left. The count holds one extra token while the
 * connection is not draining, so that it reaches zero only once draining has begun.
 */
final class InboundSlots {
    private final AtomicInteger count = new AtomicInteger(1);
    private final AtomicInteger active = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    /** Admits one request; false once the connection drains (or has closed). */
    boolean tryStart() {
        if (draining) {
            return false;
        }
        while (true) {
            int c = count.get();
            if (c == 0) {
                return false;
            }
            if (count.compareAndSet(c, c + 1)) {
                active.incrementAndGet();
                return true;
            }
        }
    }

    /** One admitted request is done: answered and the answer written, or dropped. */
    void finish() {
        active.decrementAndGet();
        release();
    }

    /** Admits no more requests; the stage completes when every admitted one has finished. Idempotent. */
    CompletableFuture<Void> drain() {
        boolean first;
        synchronized (this) {
            first = !draining;
            draining = true;
        }
        if (first) {
            release();
        }
        return drained;
    }

    /** The connection has closed: nothing is left to wait for. */
    void closed() {
        drain();
        drained.complete(null);
    }

    boolean isDraining() {
        return draining;
    }

    int active() {
        return active.get();
    }

    private void release() {
        if (count.decrementAndGet() == 0) {
            drained.complete(null);
        }
    }
}
