package io.jetring.engine.ws;

import io.jetring.api.DataSize;
import io.jetring.api.ws.OverflowPolicy;
import io.jetring.api.ws.WebSocketClosedException;
import io.jetring.api.ws.WebSocketException;
import io.jetring.api.ws.WebSocketOverflowException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Counts the bytes of sends accepted but not yet written, and enforces the limit: a send that does
 * not fit fails or waits, per the {@link OverflowPolicy}. A send fits when it stays within the limit
 * or nothing else is queued (so one message larger than the limit still goes).
 */
final class OutboundQueue {
    private final DataSize limit;
    private final OverflowPolicy policy;
    private final AtomicLong queued = new AtomicLong();
    private final Object room = new Object();
    private volatile boolean closed;

    OutboundQueue(DataSize limit, OverflowPolicy policy) {
        this.limit = limit;
        this.policy = policy;
    }

    /** Takes {@code size} bytes of room; null when taken, else why not. */
    WebSocketException acquire(long size, Supplier<WebSocketClosedException> whyClosed) {
        while (true) {
            if (closed) {
                return whyClosed.get();
            }
            long q = queued.get();
            if (fits(q, size)) {
                if (queued.compareAndSet(q, q + size)) {
                    return null;
                }
                continue;
            }
            if (policy == OverflowPolicy.FAIL) {
                return new WebSocketOverflowException(size, q, limit);
            }
            synchronized (room) {
                while (!closed && !fits(queued.get(), size)) {
                    try {
                        room.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new WebSocketException("send: interrupted while waiting for room in the outbound queue", e);
                    }
                }
            }
        }
    }

    /**
     * Takes {@code size} bytes of room if there is some now, whatever the policy: for the writes the
     * connection makes on its own (pongs), which must neither block the reading thread nor fail a send.
     */
    boolean tryAcquire(long size) {
        while (!closed) {
            long q = queued.get();
            if (!fits(q, size)) {
                return false;
            }
            if (queued.compareAndSet(q, q + size)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back the room of a send that was written or failed. */
    void release(long size) {
        queued.addAndGet(-size);
        if (policy == OverflowPolicy.BLOCK) {
            synchronized (room) {
                room.notifyAll();
            }
        }
    }

    /** Wakes every waiting send so that it fails; later sends are refused before they get here. */
    void close() {
        closed = true;
        if (policy == OverflowPolicy.BLOCK) {
            synchronized (room) {
                room.notifyAll();
            }
        }
    }

    /** The bytes accepted and not yet written. */
    long queued() {
        return queued.get();
    }

    private boolean fits(long q, long size) {
        return q == 0 || q + size <= limit.bytes();
    }
}
