package io.jetring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts completed round trips and, while measuring, keeps their latencies; the load drivers share
 * it so that they report alike: {@code <unit> N p50_us N p99_us N}. Given the server's process id
 * ({@code -Dserver.pid=PID}, and {@code -Dserver.clk_tck} if not 100), it also reads the server's CPU
 * time (utime + stime in {@code /proc/PID/stat}) over the measured period, and adds
 * {@code cpu_us_per N}: the server's CPU microseconds per round trip.
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
    private final String serverPid = System.getProperty("server.pid");
    private final long clockTicks = Long.getLong("server.clk_tck", 100);
    private volatile long ticksAtStart;
    private volatile long ticksAtEnd;

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
        ticksAtStart = serverTicks();
        countAtStart = completed.get();
        startNanos = System.nanoTime();
        measuring = true;
        Thread.sleep(seconds * 1000L);
        measuring = false;
        endNanos = System.nanoTime();
        countAtEnd = completed.get();
        ticksAtEnd = serverTicks();
    }

    /** The server's CPU time so far, in clock ticks; 0 without a server pid. */
    private long serverTicks() {
        if (serverPid == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", serverPid, "stat"));
            // The fields after the command's closing parenthesis start with field 3; utime is 14, stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new IllegalStateException("server.pid " + serverPid + ": cannot read its CPU time: " + e, e);
        }
    }

    /** The result line of the measured period. */
    String report(String unit) {
        int n = Math.min(sampleCount.get(), MAX_SAMPLES);
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        long count = countAtEnd - countAtStart;
        String line = String.format("%s %.0f p50_us %d p99_us %d", unit, count * 1e9 / (endNanos - startNanos),
                n == 0 ? 0 : sorted[n / 2] / 1000, n == 0 ? 0 : sorted[(int) (n * 0.99)] / 1000);
        if (serverPid != null && count > 0) {
            line += String.format(" cpu_us_per %.2f", (ticksAtEnd - ticksAtStart) * 1e6 / clockTicks / count);
        }
        return line;
    }
}
