package io.jetring.rpc;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Small helpers for the connection's asynchronous work. */
final class Tasks {
    private Tasks() {
    }

    /**
     * Runs {@code task} on {@code executor}, so that callers' callbacks never run on a thread that
     * reads a socket or serves the timers; inline if the executor refuses it (say, it was shut down).
     */
    static void later(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    /**
     * Completes a caller's stage with {@code task}: on {@code executor} if the options give one,
     * else here, with no hand-off.
     */
    static void complete(Optional<Executor> executor, Runnable task) {
        if (executor.isPresent()) {
            later(executor.get(), task);
        } else {
            task.run();
        }
    }

    /** The failure inside the {@link CompletionException}s that stages wrap around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
