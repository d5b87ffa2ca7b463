package io.jetring.rpc;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * Deadlines of one connection kept without a timer task each: one sweep is armed on the
 * {@link RpcTimer} for the earliest deadline; a deadline later than the armed one, the usual case
 * when every call or handler gets the same timeout, costs one read. The sweep itself (given the
 * time now) ends what is due and returns the next deadline; the next sweep runs then, but at least
 * {@link #GAP} later, so that many deadlines one after the other are swept together. An armed
 * sweep stays queued until its time even when what it watched has ended early: the timer holds at
 * most one task per sweeper, never one per call.
 *
 * <p>Times are nanoseconds since the sweeper was made ({@link #now()}), so that they compare
 * without overflow.
 */
final class Sweeper {
    /** No deadline: later than any. */
    static final long NONE = Long.MAX_VALUE;
    private static final long GAP = TimeUnit.MILLISECONDS.toNanos(10);

    private final RpcTimer timer;
    private final LongUnaryOperator sweep;
    private final long origin = System.nanoTime();
    /** When the armed sweep runs, or {@link #NONE}; written under this. */
    private volatile long armedAt = NONE;
    /** The armed sweep; guarded by this. */
    private ScheduledFuture<?> armed;

    /** {@code sweep} gets the time now, ends what is due, and returns the next deadline or {@link #NONE}. */
    Sweeper(RpcTimer timer, LongUnaryOperator sweep) {
        this.timer = timer;
        this.sweep = sweep;
    }

    /** The time now on this sweeper's clock. */
    long now() {
        return System.nanoTime() - origin;
    }

    /** The deadline {@code timeout} from now, saturated for timeouts too long to count in nanoseconds. */
    long deadline(Duration timeout) {
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            return NONE - 1;
        }
        long now = now();
        return nanos >= NONE - 1 - now ? NONE - 1 : now + nanos;
    }

    /** Makes sure a sweep runs by {@code deadline}. */
    void watch(long deadline) {
        if (armedAt <= deadline) {
            return;
        }
        synchronized (this) {
            if (armedAt <= deadline) {
                return;
            }
            if (armed != null) {
                armed.cancel(false);
            }
            armedAt = deadline;
            armed = timer.schedule(Duration.ofNanos(Math.max(0, deadline - now())), this::run);
        }
    }

    private void run() {
        synchronized (this) {
            armedAt = NONE;
            armed = null;
        }
        long now = now();
        long next = sweep.applyAsLong(now);
        if (next != NONE) {
            watch(Math.max(next, now + GAP));
        }
    }
}
