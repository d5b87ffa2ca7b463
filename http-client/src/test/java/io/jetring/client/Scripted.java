package io.jetring.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * A publisher that emits each chunk some time after it is requested, then completes, or stays silent
 * forever after the last chunk (a stalled stream).
 */
final class Scripted implements Flow.Publisher<byte[]> {
    private final List<Step> steps;
    private final boolean complete;

    private Scripted(List<Step> steps, boolean complete) {
        this.steps = steps;
        this.complete = complete;
    }

    /** One chunk of text, {@code delayMillis} after it is requested. */
    record Step(long delayMillis, String text) {
    }

    static Scripted completing(Step... steps) {
        return new Scripted(List.of(steps), true);
    }

    static Scripted stalling(Step... steps) {
        return new Scripted(List.of(steps), false);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private int next;
            private long demand;
            private boolean scheduled;
            private boolean cancelled;

            @Override
            public synchronized void request(long n) {
                demand += n;
                schedule();
            }

            @Override
            public synchronized void cancel() {
                cancelled = true;
            }

            private void schedule() {
                if (scheduled || cancelled || demand == 0 || next == steps.size()) {
                    return;
                }
                scheduled = true;
                Step step = steps.get(next);
                CompletableFuture.delayedExecutor(step.delayMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                    boolean last;
                    synchronized (this) {
                        if (cancelled) {
                            return;
                        }
                        next++;
                        demand--;
                        last = next == steps.size();
                    }
                    subscriber.onNext(step.text().getBytes(StandardCharsets.UTF_8));
                    if (last && complete) {
                        subscriber.onComplete();
                    }
                    synchronized (this) {
                        scheduled = false;
                        schedule();
                    }
                });
            }
        });
    }
}
