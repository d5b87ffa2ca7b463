package io.jetring.engine.ws;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A transport that records what is written and lets the test decide when writes complete. */
final class FakeTransport implements Transport {
    final List<String> written = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
    final List<Runnable> timers = new CopyOnWriteArrayList<>();
    final List<Throwable> logged = new CopyOnWriteArrayList<>();
    final AtomicInteger demands = new AtomicInteger();
    final AtomicInteger aborts = new AtomicInteger();
    volatile boolean completeWrites = true;

    private void write(String frame, CompletableFuture<Void> done) {
        written.add(frame);
        if (completeWrites) {
            done.complete(null);
        } else {
            pending.add(done);
        }
    }

    @Override
    public void sendText(String text, CompletableFuture<Void> done) {
        write("text:" + text, done);
    }

    @Override
    public void sendBinary(byte[] data, CompletableFuture<Void> done) {
        write("binary:" + HexFormat.of().formatHex(data), done);
    }

    @Override
    public void sendPing(byte[] payload, CompletableFuture<Void> done) {
        write("ping", done);
    }

    @Override
    public void sendPong(byte[] payload, CompletableFuture<Void> done) {
        write("pong:" + HexFormat.of().formatHex(payload), done);
    }

    @Override
    public void sendClose(int code, String reason, CompletableFuture<Void> done) {
        write("close:" + code + ":" + reason, done);
    }

    @Override
    public void demand() {
        demands.incrementAndGet();
    }

    @Override
    public void abort() {
        aborts.incrementAndGet();
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        timers.add(task);
        return () -> timers.remove(task);
    }

    @Override
    public void log(String message, Throwable error) {
        logged.add(error);
    }

    /** Runs the oldest pending timer (the keep-alive tick). */
    void tick() {
        timers.remove(0).run();
    }

    /** Completes the oldest pending write. */
    void completeOldest() {
        pending.remove(0).complete(null);
    }
}
