package io.jetring.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** Records what a publisher signals; requests {@code initial} items up front. */
class RecordingSubscriber implements Flow.Subscriber<byte[]> {
    final List<byte[]> items = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    private final long initial;
    volatile Flow.Subscription subscription;
    volatile Throwable error;
    volatile boolean completed;

    RecordingSubscriber(long initial) {
        this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (initial > 0) {
            s.request(initial);
        }
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

    Throwable awaitDone() throws InterruptedException {
        if (!done.await(5, TimeUnit.SECONDS)) {
            throw new AssertionError("the publisher did not terminate within 5 s; got " + items.size() + " items");
        }
        return error;
    }

    String joined() {
        StringBuilder sb = new StringBuilder();
        items.forEach(b -> sb.append(new String(b, StandardCharsets.UTF_8)));
        return sb.toString();
    }
}
