package io.jetring.flow;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A single-subscriber {@link Flow.Publisher} that pulls its items from a source one at a time,
 * only as the subscriber's demand allows: a subclass says how to take the next item
 * ({@link #poll()}) and calls {@link #drain()} when one may be ready. For jetring's modules, not
 * applications.
 *
 * <p>What it keeps for every subclass: demand is added without overflow and capped at
 * {@link Long#MAX_VALUE}; {@code request(n)} with {@code n <= 0} fails the stream with an
 * {@link IllegalArgumentException} (Reactive Streams rule 3.9); every signal funnels into one drain
 * loop ({@link DrainLoop}), so the source is touched by one thread at a time, the subscriber is
 * called serially and a {@code request} from inside {@code onNext} never recurses (rule 3.3); a
 * failure ({@link #fail}) or the end ({@link #complete()}) is signalled as soon as it is known,
 * without waiting for demand (rule 1.4); there is exactly one terminal signal, and none after a
 * cancel; once over (completed, failed or cancelled) the subscriber is dropped (rule 3.13), and
 * {@link #onEnd} releases the source, once. A second subscriber is refused with an
 * {@link IllegalStateException}. A subscriber that throws from {@code onNext} (rule 2.13) is taken
 * as having cancelled.
 *
 * <p>With {@code readAhead}, {@link #poll()} runs one item ahead of demand, so that the end of a
 * source, or its failure, reaches a subscriber that has not asked yet (an empty body completes at
 * once); without, it runs only while there is demand. The loop runs on the thread that signals
 * unless {@link #execute} hands it to an executor.
 *
 * @param <T> the items
 */
public abstract class PullPublisher<T> implements Flow.Publisher<T> {
    private final String name;
    private final boolean readAhead;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final DrainLoop loop = new DrainLoop(this::pump);
    private final Runnable loopTask = loop::loop;
    private final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
            if (n <= 0) {
                fail(Demand.nonPositive(n));
                return;
            }
            Demand.add(demand, n);
            drain();
        }

        @Override
        public void cancel() {
            PullPublisher.this.cancel();
        }
    };
    /** Set once {@code onSubscribe} has returned, so no signal overtakes it; dropped at the end. */
    private volatile Flow.Subscriber<? super T> subscriber;
    private volatile boolean cancelled;

    // Owned by the drain loop.
    private T ahead;
    private boolean ending;
    private boolean done;

    /**
     * A publisher named {@code name} in its failures ("request body", …); with {@code readAhead},
     * one item is taken ahead of demand.
     */
    protected PullPublisher(String name, boolean readAhead) {
        this.name = name;
        this.readAhead = readAhead;
    }

    @Override
    public final void subscribe(Flow.Subscriber<? super T> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            Signals.refuse(s, cancelled ? new IllegalStateException(name + ": cancelled before it was subscribed to")
                    : Signals.alreadySubscribed(name));
            return;
        }
        try {
            s.onSubscribe(subscription);
        } catch (Throwable t) {
            cancel(); // rule 2.13: a subscriber that throws is taken as cancelled
            return;
        }
        subscriber = s;
        drain(); // what came before (demand, a failure, a read ahead) is acted on now; after the end, nothing
    }

    /**
     * The next item, or {@code null} if none is ready now (then the subclass calls {@link #drain()}
     * once one may be, or has called {@link #complete()} or {@link #fail}). Runs in the drain loop
     * only; throwing fails the stream with what it threw.
     */
    protected abstract T poll() throws Exception;

    /** Runs the drain loop, or has the thread in it go round once more. Any thread. */
    protected final void drain() {
        if (loop.enter()) {
            execute(loopTask);
        }
    }

    /**
     * Ends the stream after the items already taken: from {@link #poll()} only, which then returns
     * {@code null} or the last item.
     */
    protected final void complete() {
        ending = true;
    }

    /**
     * Ends the stream with {@code error}, without waiting for demand and dropping any item read
     * ahead; the first failure wins, and one after the end is ignored. Any thread: the source's
     * owner (an engine whose exchange failed) may call it too.
     */
    public final void fail(Throwable error) {
        failure.compareAndSet(null, error);
        drain();
    }

    /**
     * Cancels the stream as the subscriber's {@code cancel} does, with no further signal; before
     * any subscriber (the owner gives up on a body nobody took), {@link #onEnd} runs at once. Any
     * thread.
     */
    public final void cancel() {
        cancelled = true;
        // A subscriber that comes after this is refused, not left waiting for signals that never come.
        subscribed.compareAndSet(false, true);
        drain();
    }

    /** Whether the subscriber cancelled. */
    protected final boolean isCancelled() {
        return cancelled;
    }

    /**
     * Runs the drain loop: here by default. A subclass whose {@link #poll()} blocks hands it to an
     * executor; if that refuses, it calls {@link #fail} and runs {@code loop} here, which then only
     * signals the failure.
     */
    protected void execute(Runnable loop) {
        loop.run();
    }

    /**
     * Called once when the stream is over, in the drain loop and before the terminal signal: with
     * the failure it is about to signal, or {@code null} when it completes, or when the subscriber
     * cancelled ({@code cancelled}). Releases what the source holds; must not throw.
     */
    protected void onEnd(Throwable failure, boolean cancelled) {
    }

    private void pump() {
        if (done) {
            subscriber = null; // one stored after the end (it cancelled inside onSubscribe): rule 3.13
            return;
        }
        if (cancelled) {
            end(null, true);
            return;
        }
        Flow.Subscriber<? super T> s = subscriber;
        if (s == null) {
            return; // not yet subscribed, or inside onSubscribe: nothing may overtake it
        }
        while (true) {
            if (cancelled) {
                end(null, true);
                return;
            }
            Throwable error = failure.get();
            if (error != null) {
                end(error, false);
                s.onError(error);
                return;
            }
            if (ahead == null) {
                if (ending) {
                    end(null, false);
                    s.onComplete();
                    return;
                }
                if (!readAhead && demand.get() == 0) {
                    return;
                }
                T item;
                try {
                    item = poll();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    continue;
                }
                if (item == null) {
                    if (ending || failure.get() != null) {
                        continue;
                    }
                    return; // the subclass drains again once there is more
                }
                ahead = item;
            }
            if (demand.get() == 0) {
                return;
            }
            T item = ahead;
            ahead = null;
            demand.decrementAndGet();
            try {
                s.onNext(item);
            } catch (Throwable t) {
                cancelled = true; // rule 2.13: a subscriber that throws is taken as cancelled
            }
        }
    }

    private void end(Throwable error, boolean cancel) {
        done = true;
        ahead = null;
        subscriber = null; // rule 3.13
        onEnd(error, cancel);
    }
}
