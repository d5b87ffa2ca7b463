package io.jetring.middleware;

import io.jetring.flow.Demand;
import io.jetring.flow.DrainLoop;
import io.jetring.flow.Signals;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of an event stream: the opening comment, each event, and heartbeats in the silences,
 * merged under the subscriber's demand. At most one event is asked of the source at a time, and
 * only while the subscriber has demand; at most one is held, when a heartbeat took the demand it
 * was asked for. Every signal to the subscriber goes out of one drain loop, so they never overlap.
 */
final class EventStream implements Flow.Publisher<byte[]> {
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.UTF_8);

    private final Flow.Publisher<ServerSentEvent> events;
    private final SseOptions options;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    EventStream(Flow.Publisher<ServerSentEvent> events, SseOptions options) {
        this.events = events;
        this.options = options;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            Signals.refuse(subscriber, Signals.alreadySubscribed("event stream"));
            return;
        }
        Merge merge = new Merge(subscriber);
        subscriber.onSubscribe(merge);
        events.subscribe(merge);
    }

    private final class Merge implements Flow.Subscription, Flow.Subscriber<ServerSentEvent> {
        private final Flow.Subscriber<? super byte[]> downstream;
        private final AtomicLong demand = new AtomicLong();
        private final DrainLoop loop = new DrainLoop(this::step);
        private volatile Flow.Subscription upstream;
        private volatile byte[] pending;
        private volatile boolean upstreamDone;
        private volatile Throwable error;
        private volatile boolean cancelled;
        private volatile boolean heartbeatDue;
        private volatile long lastSent = System.nanoTime();
        private volatile ScheduledFuture<?> timer;
        private boolean opened;
        private boolean requested;
        private boolean terminated;

        Merge(Flow.Subscriber<? super byte[]> downstream) {
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            if (upstream != null) {
                subscription.cancel();
                return;
            }
            upstream = subscription;
            options.heartbeat().ifPresent(h -> {
                long nanos = h.toNanos();
                timer = ServerSentEvents.TIMER.scheduleAtFixedRate(() -> {
                    if (System.nanoTime() - lastSent >= nanos) {
                        heartbeatDue = true;
                        drain();
                    }
                }, nanos, Math.max(nanos / 4, TimeUnit.MILLISECONDS.toNanos(10)), TimeUnit.NANOSECONDS);
            });
            if (cancelled) {
                subscription.cancel();
                stopTimer();
            }
            drain();
        }

        @Override
        public void onNext(ServerSentEvent event) {
            pending = event.encode();
            drain();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            upstreamDone = true;
            drain();
        }

        @Override
        public void onComplete() {
            upstreamDone = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                error = Demand.nonPositive(n);
                upstreamDone = true;
                cancelUpstream();
            } else {
                Demand.add(demand, n);
            }
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
            cancelUpstream();
        }

        private void cancelUpstream() {
            Flow.Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
            stopTimer();
        }

        private void stopTimer() {
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
        }

        private void drain() {
            loop.run();
        }

        /** One pass: what demand and the signals so far allow, in order. */
        private void step() {
            if (cancelled || terminated) {
                pending = null;
                return;
            }
            if (!opened && demand.get() > 0) {
                opened = true;
                emit(opening());
            }
            byte[] event = pending;
            if (event != null && demand.get() > 0) {
                pending = null;
                requested = false;
                emit(event);
            } else if (event == null && heartbeatDue && demand.get() > 0 && opened) {
                heartbeatDue = false;
                emit(PING);
            }
            if (error != null) {
                pending = null; // a failure is signalled at once, without demand for what was waiting
            }
            if (upstreamDone && pending == null) {
                terminated = true;
                stopTimer();
                Throwable t = error;
                if (t != null) {
                    downstream.onError(t);
                } else {
                    downstream.onComplete();
                }
                return;
            }
            Flow.Subscription s = upstream;
            if (s != null && opened && !requested && pending == null && !upstreamDone && demand.get() > 0) {
                requested = true;
                s.request(1);
            }
        }

        private void emit(byte[] bytes) {
            demand.decrementAndGet();
            lastSent = System.nanoTime();
            heartbeatDue = false;
            downstream.onNext(bytes);
        }

        private byte[] opening() {
            String retry = options.retry().map(r -> "retry: " + r.toMillis() + "\n").orElse("");
            return (": open\n" + retry + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}
