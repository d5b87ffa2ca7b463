package io.jetring.rpc;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A bounded wait for a condition that another thread makes true. */
final class Eventually {
    private Eventually() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
