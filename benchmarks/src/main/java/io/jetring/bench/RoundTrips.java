package io.jetring.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts completed round trips and, while measuring, keeps their latencies; the load drivers share
 * it so that they report alike: {@code <unit> N p50_us N p99_us N}.
 */
final class RoundTrips {
    private static final int MAX_SAMPLES = 20_000_000;

    private final long[] samples = new long[MAX_SAMPLES];
    private final AtomicInteger sampleCount = new AtomicInteger();
    private final AtomicLong completed = new AtomicLong();
    private volatile boolean measuring;
    private volatile long countAtStart;
    private volatile long startNanos;
    private volatile long countAtEnd;
    private volatile long endNanos;

    /** One round trip completed; {@code sentNanos} is when it started. */
    void completed(long sentNanos) {
        completed.incrementAndGet();
        if (measuring) {
            int i = sampleCount.getAndIncrement();
            if (i < MAX_SAMPLES) {
                samples[i] = System.nanoTime() - sentNanos;
            }
        }
    }

    /** Warms up for {@code warmup} seconds, then measures for {@code seconds}. */
    void measure(int warmup, int seconds) throws InterruptedException {
        Thread.sleep(warmup * 1000L);
        countAtStart = completed.get();
        startNanos = System.nanoTime();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        endNanos = System.nanoTime();
        countAtEnd = completed.get();
    }

    /** The result line of the measured period. */
    String report(String unit) {
        int n = Math.min(sampleCount.get(), MAX_SAMPLES);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return String.format("%s %.0f p50_us %d p99_us %d", unit,
                (countAtEnd - countAtStart) * 1e9 / (endNanos - startNanos),
                n == 0 ? 0 : sorted[n / 2] / 1000, n == 0 ? 0 : sorted[(int) (n * 0.99)] / 1000);
    }
}
