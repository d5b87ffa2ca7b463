package io.jetring.flow;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The serial drain loop ("work in progress, missed"): any thread may {@link #run()} it; one thread
 * at a time runs the step, and a call that arrives meanwhile makes that thread run the step once
 * more instead of running it itself. So the step never overlaps itself, never recurses (a call from
 * inside the step only counts), and no signal is lost. The step must not throw; one that does leaves
 * the loop stopped for good. For jetring's modules, not applications.
 */
public final class DrainLoop {
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable step;

    /** A loop that runs {@code step} (which does what the signals so far allow, and returns). */
    public DrainLoop(Runnable step) {
        this.step = step;
    }

    /** Runs the step here, now and until no call is missed; or, if a thread is in it, has that thread go round again. */
    public void run() {
        if (enter()) {
            loop();
        }
    }

    /**
     * Counts a call; true if the caller must now run {@link #loop()} (itself, or by handing it to an
     * executor), false if a thread in the loop will go round again for it.
     */
    public boolean enter() {
        return wip.getAndIncrement() == 0;
    }

    /** Runs the step until no call is missed; only after {@link #enter()} said true. */
    public void loop() {
        int missed = 1;
        do {
            step.run();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
