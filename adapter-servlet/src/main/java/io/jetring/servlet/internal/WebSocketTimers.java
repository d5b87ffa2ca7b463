package io.jetring.servlet.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clock of the servlet WebSocket bridge (keep-alive pings): the Jakarta WebSocket API lends no
 * scheduler, so one daemon thread keeps time and hands each due task to a pool thread that may block.
 * Both are daemon threads, created on first use, so they never hold up a container's shutdown.
 */
final class WebSocketTimers {
    private static final ScheduledExecutorService CLOCK = Executors.newSingleThreadScheduledExecutor(daemon("jetring-ws-timer"));
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(daemon("jetring-ws-task"));

    private WebSocketTimers() {
    }

    /** Runs {@code task} once after {@code delay} on a worker thread; the result cancels it. */
    static Runnable schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> due = CLOCK.schedule(() -> WORKERS.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> due.cancel(false);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
