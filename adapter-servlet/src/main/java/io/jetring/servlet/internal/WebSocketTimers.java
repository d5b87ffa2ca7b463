package io.jetring.servlet.internal;

import io.jetring.engine.EngineTimer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The clock of one installed servlet WebSocket bridge (keep-alive pings): the Jakarta WebSocket API
 * lends no scheduler, so an {@link EngineTimer} keeps time and hands each due task to a pool thread
 * that may block. The threads start on first use and end with {@link #close()}, which the filter calls
 * when the container takes it out of service, so a web application that is stopped or redeployed
 * leaves no thread behind.
 */
final class WebSocketTimers implements AutoCloseable {
    private final EngineTimer clock = new EngineTimer("jetring-ws-timer");
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("jetring-ws-task"));

    /**
     * Runs {@code task} once after {@code delay} on a worker thread; the result cancels it. After
     * {@link #close()} nothing runs any more (the application is stopping).
     */
    Runnable schedule(Duration delay, Runnable task) {
        try {
            Future<?> due = clock.schedule(() -> run(task), delay);
            return () -> due.cancel(false);
        } catch (RejectedExecutionException closed) {
            return () -> { };
        }
    }

    private void run(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closed) {
            // closed meanwhile: the application is stopping
        }
    }

    /**
     * Stops both threads, and waits a moment for them to end (a container that looks for threads an
     * application left behind, as Tomcat does when it stops one, then finds none); tasks not yet run
     * are dropped.
     */
    @Override
    public void close() {
        clock.close();
        workers.shutdownNow();
        try {
            awaitTermination(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether both threads have ended, waiting up to {@code timeout} for them. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return clock.awaitTermination(timeout)
                && workers.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
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
