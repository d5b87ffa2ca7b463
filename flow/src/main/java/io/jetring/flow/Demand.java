package io.jetring.flow;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Reactive Streams demand arithmetic: demand only grows by positive amounts and saturates at
 * {@link Long#MAX_VALUE}, which means "without bound" (rule 3.17). For jetring's modules, not
 * applications.
 */
public final class Demand {
    private Demand() {
    }

    /** {@code current + n}, or {@link Long#MAX_VALUE} where that would overflow; both are {@code >= 0}. */
    public static long add(long current, long n) {
        long sum = current + n;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Adds {@code n} ({@code > 0}) to {@code demand}, saturating; returns the new demand. */
    public static long add(AtomicLong demand, long n) {
        return demand.accumulateAndGet(n, Demand::add);
    }

    /** The failure a subscription signals for {@code request(n)} with {@code n <= 0} (rule 3.9). */
    public static IllegalArgumentException nonPositive(long n) {
        return new IllegalArgumentException("request: " + n + " (expected: > 0, Reactive Streams rule 3.9)");
    }
}
