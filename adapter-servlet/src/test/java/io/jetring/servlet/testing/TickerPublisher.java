package io.jetring.servlet.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emits {@code tick-0\n}, {@code tick-1\n}, … each {@code delay} after it was requested, from a timer
 * thread, never blocking in {@code request}: a slow source that stretches a response over time.
 */
public final class TickerPublisher implements Flow.Publisher<byte[]> {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ticker");
        thread.setDaemon(true);
        return thread;
    });

    private final int count;
    private final Duration delay;

    /** {@code count} ticks, {@code delay} apart. */
    public TickerPublisher(int count, Duration delay) {
        this.count = count;
        this.delay = delay;
    }

    /** What a subscriber receives in total. */
    public String expected() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("tick-").append(i).append('\n');
        }
        return sb.toString();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        AtomicLong demand = new AtomicLong();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean scheduled = new AtomicBoolean();
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable[] emit = new Runnable[1];
        Runnable schedule = () -> {
            if (!cancelled.get() && demand.get() > 0 && sent.get() < count && scheduled.compareAndSet(false, true)) {
                TIMER.schedule(emit[0], delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        };
        emit[0] = () -> {
            scheduled.set(false);
            if (cancelled.get()) {
                return;
            }
            int i = sent.getAndIncrement();
            demand.decrementAndGet();
            subscriber.onNext(("tick-" + i + "\n").getBytes(StandardCharsets.UTF_8));
            if (i + 1 == count) {
                subscriber.onComplete();
            } else {
                schedule.run();
            }
        };
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                demand.addAndGet(n);
                schedule.run();
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
    }
}
