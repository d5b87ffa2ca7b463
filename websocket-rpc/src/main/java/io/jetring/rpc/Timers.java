package io.jetring.rpc;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread that every RPC connection shares, for call and handler timeouts. Its tasks
 * only hand work to an executor, so one thread serves any number of connections; cancelled timers are
 * removed at once, so finished calls leave nothing in its queue.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Timers() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "jetring-rpc-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Runs {@code task} on the timer thread after {@code delay}; it must be short. */
    static ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        return TIMER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Timers not yet run or cancelled (for tests that prove nothing is left behind). */
    static int scheduled() {
        return TIMER.getQueue().size();
    }
}
