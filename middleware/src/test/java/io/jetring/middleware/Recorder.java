package io.jetring.middleware;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** Records what a publisher of chunks signals; requests only when the test says so. */
final class Recorder implements Flow.Subscriber<byte[]> {
    final List<byte[]> items = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    final CountDownLatch subscribed = new CountDownLatch(1);
    volatile Flow.Subscription subscription;
    volatile Throwable error;
    volatile boolean completed;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        subscribed.countDown();
    }

    @Override
    public void onNext(byte[] item) {
        items.add(item);
    }

    @Override
    public void onError(Throwable t) {
        error = t;
        done.countDown();
    }

    @Override
    public void onComplete() {
        completed = true;
        done.countDown();
    }

    /** Requests {@code n}, once subscribed (within 10 s). */
    void request(long n) throws InterruptedException {
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("no onSubscribe within 10 s");
        }
        subscription.request(n);
    }

    /** Waits up to 10 s for the end; returns the error, if it failed. */
    Throwable awaitDone() throws InterruptedException {
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the publisher did not end within 10 s; got " + items.size() + " items");
        }
        return error;
    }

    byte[] joined() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        items.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
