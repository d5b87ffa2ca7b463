package io.jetring.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Subscribes to a body, asks for one chunk, and waits for the test to ask for the rest through
 * {@link #subscription}; digests what it gets. Shared by the request body tests of every engine
 * (test jar).
 */
public final class SlowSubscriber implements Flow.Subscriber<byte[]> {
    /** The subscription, once subscribed: the test requests the rest with it. */
    public final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    /** Bytes received so far. */
    public final AtomicLong received = new AtomicLong();
    /** Counted down at the first chunk. */
    public final CountDownLatch firstChunk = new CountDownLatch(1);
    /** The SHA-256 of the whole body, hex, on completion; the failure on error. */
    public final CompletableFuture<String> digest = new CompletableFuture<>();
    /** Set if a chunk arrived while nothing was requested: the publisher broke the demand. */
    public final AtomicBoolean overDelivered = new AtomicBoolean();
    private final AtomicLong granted = new AtomicLong();
    private final AtomicLong chunks = new AtomicLong();
    private final MessageDigest sha;

    public SlowSubscriber() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.set(s);
        granted.set(1);
        s.request(1);
    }

    /** Requests the rest of the body. */
    public void requestAll() {
        granted.set(Long.MAX_VALUE);
        subscription.get().request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] item) {
        if (chunks.incrementAndGet() > granted.get()) {
            overDelivered.set(true);
        }
        received.addAndGet(item.length);
        sha.update(item);
        firstChunk.countDown();
    }

    @Override
    public void onError(Throwable t) {
        digest.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        digest.complete(HexFormat.of().formatHex(sha.digest()));
    }
}
