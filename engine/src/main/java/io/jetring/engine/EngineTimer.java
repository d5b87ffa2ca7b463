package io.jetring.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One engine's clock: a single daemon thread, named, started on first use, that runs short tasks at
 * their time (async timeouts, call timeouts, keep-alive pings). Its owner (the servlet bridge, an
 * in-process client, the servlet WebSocket bridge) closes it when it stops, so a stopped or
 * redeployed application leaves no thread behind. Tasks run on the timer's thread and must not
 * block; hand longer work to an executor. Applications never use it.
 */
public final class EngineTimer implements AutoCloseable {
    private final String name;
    /** The timer's thread, once started. */
    private volatile Thread thread;
    private final Object lock = new Object();
    private ScheduledThreadPoolExecutor executor;
    private boolean closed;

    /** A timer whose thread, once started, is called {@code name}. */
    public EngineTimer(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Runs {@code task} once after {@code delayMillis}; cancelling the result ({@code cancel(false)})
     * drops it.
     *
     * @throws RejectedExecutionException once the timer is closed
     */
    public Future<?> schedule(Runnable task, long delayMillis) {
        Objects.requireNonNull(task, "task");
        return started().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** {@link #schedule(Runnable, long)} with a {@link Duration}. */
    public Future<?> schedule(Runnable task, Duration delay) {
        return schedule(task, delay.toMillis());
    }

    /** Whether its thread has been started (by a first {@link #schedule}). */
    public boolean isStarted() {
        synchronized (lock) {
            return executor != null;
        }
    }

    private ScheduledThreadPoolExecutor started() {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException(name + ": the timer is closed");
            }
            if (executor == null) {
                ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    this.thread = thread;
                    return thread;
                });
                // A task cancelled in time (a call that completed) is dropped now, not kept until its deadline.
                created.setRemoveOnCancelPolicy(true);
                executor = created;
            }
            return executor;
        }
    }

    /**
     * Stops the thread, dropping tasks not yet run, and waits up to a second for it to end (a
     * container that looks for threads an application left behind, as Tomcat does, then finds none).
     * Later calls to {@link #schedule} are refused.
     */
    @Override
    public void close() {
        try {
            // On its own thread (a task that closes the owner), waiting for that thread would only time out.
            awaitTermination(Thread.currentThread() == thread ? Duration.ZERO : Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the timer and waits up to {@code timeout} for its thread to end; whether it has. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        ScheduledThreadPoolExecutor running;
        synchronized (lock) {
            closed = true;
            running = executor;
        }
        if (running == null) {
            return true;
        }
        running.shutdownNow();
        return running.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "EngineTimer[" + name + (closed ? ", closed" : executor == null ? ", not started" : "") + "]";
        }
    }
}
