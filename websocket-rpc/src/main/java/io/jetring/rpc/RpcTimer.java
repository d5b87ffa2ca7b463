package io.jetring.rpc;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of one RPC server, or of one client connection: call and handler timeouts, and the
 * retries of answers waiting for room. Its tasks only hand work on, so one thread serves every
 * connection of a server; cancelled timers leave its queue at once.
 *
 * <p>It is started by the first timer set and stopped with its owner ({@link #stop()}: the server
 * once drained with no connection left, the client connection once closed), so that no thread of
 * it outlives them: in a servlet container, a thread left running would keep a redeployed
 * application's class loader alive. Idle, with nothing scheduled, its thread also ends by itself.
 * A timer set after a stop starts it again.
 */
final class RpcTimer {
    static final String THREAD_NAME = "jetring-rpc-timer";
    private static final long IDLE_SECONDS = 10;

    private volatile ScheduledThreadPoolExecutor executor;

    /** Runs {@code task} on the timer thread after {@code delay}; it must be short and never block. */
    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        long nanos = delay.toNanos();
        while (true) {
            ScheduledThreadPoolExecutor timer = running();
            try {
                return timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // Stopped between the two lines: start another one.
                synchronized (this) {
                    if (executor == timer) {
                        executor = null;
                    }
                }
            }
        }
    }

    /** Stops the timer thread; timers not yet run are dropped. Idempotent. */
    void stop() {
        ScheduledThreadPoolExecutor timer;
        synchronized (this) {
            timer = executor;
            executor = null;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Timers not yet run or cancelled (for tests that prove nothing is left behind). */
    int scheduled() {
        ScheduledThreadPoolExecutor timer = executor;
        return timer == null ? 0 : timer.getQueue().size();
    }

    private ScheduledThreadPoolExecutor running() {
        ScheduledThreadPoolExecutor timer = executor;
        if (timer != null) {
            return timer;
        }
        synchronized (this) {
            if (executor == null) {
                executor = create();
            }
            return executor;
        }
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    @Override
    public String toString() {
        return "RpcTimer[" + (executor == null ? "stopped" : scheduled() + " scheduled") + "]";
    }
}
