package io.jetring.flow;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in submission order, on the thread of whoever submits while none runs:
 * calls never overlap, each happens-before the next, and a task that submits another (a listener
 * that sends, a subscriber that requests) queues it instead of recursing. Tasks must not throw.
 * For jetring's modules, not applications.
 */
public final class SerialExecutor implements Executor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() != 0) {
            return;
        }
        do {
            tasks.poll().run();
        } while (pending.decrementAndGet() != 0);
    }
}
