package io.jetring.rpc;

import io.jetring.api.Request;
import io.jetring.api.ws.WebSocket;
import io.jetring.api.ws.WebSocketClosedException;
import io.jetring.api.ws.WebSocketOverflowException;
import io.jetring.api.DataSize;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket that records what is sent (as hex) and the demand asked of it, and lets the test decide
 * when sends complete or whether they overflow. For driving an {@link RpcEndpoint} without a network.
 */
final class FakeWebSocket implements WebSocket {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<CompletableFuture<Void>> unwritten = new CopyOnWriteArrayList<>();
    final AtomicLong demanded = new AtomicLong();
    final AtomicInteger overflowNext = new AtomicInteger();
    volatile boolean completeSends = true;
    volatile boolean open = true;
    volatile String closedWith;

    @Override
    public CompletionStage<Void> sendText(String text) {
        throw new UnsupportedOperationException("RPC sends binary only");
    }

    @Override
    public CompletionStage<Void> sendBinary(byte[] data) {
        if (!open) {
            return CompletableFuture.failedFuture(new WebSocketClosedException("send: the WebSocket is closed (test)"));
        }
        if (overflowNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new WebSocketOverflowException(data.length, 100, DataSize.ofBytes(100)));
        }
        sent.add(HexFormat.of().formatHex(data));
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (completeSends) {
            done.complete(null);
        } else {
            unwritten.add(done);
        }
        return done;
    }

    /** Completes every send not yet written. */
    void writeAll() {
        List<CompletableFuture<Void>> pending = List.copyOf(unwritten);
        unwritten.clear();
        pending.forEach(done -> done.complete(null));
    }

    @Override
    public CompletionStage<Void> ping(byte[] payload) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> close() {
        return close(1000, "");
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        if (open) {
            open = false;
            closedWith = code + ":" + reason;
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void abort() {
        open = false;
    }

    @Override
    public void request(long n) {
        demanded.addAndGet(n);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public Optional<String> subprotocol() {
        return Optional.empty();
    }

    @Override
    public Request upgradeRequest() {
        return Request.builder().path("/rpc").build();
    }
}
