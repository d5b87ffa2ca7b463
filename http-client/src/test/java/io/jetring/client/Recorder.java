package io.jetring.client;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber that requests only when told to and records what it gets. */
final class Recorder implements Flow.Subscriber<byte[]> {
    final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CountDownLatch subscribed = new CountDownLatch(1);
    final CountDownLatch done = new CountDownLatch(1);
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
        synchronized (bytes) {
            bytes.writeBytes(item);
        }
        chunks.add(item);
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

    void request(long n) throws InterruptedException {
        if (!subscribed.await(Await.SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("not subscribed within " + Await.SECONDS + " s");
        }
        subscription.request(n);
    }

    /** Waits for onComplete or onError. */
    void awaitDone() throws InterruptedException {
        if (!done.await(Await.SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("the body did not end within " + Await.SECONDS + " s");
        }
    }

    byte[] received() {
        synchronized (bytes) {
            return bytes.toByteArray();
        }
    }
}
