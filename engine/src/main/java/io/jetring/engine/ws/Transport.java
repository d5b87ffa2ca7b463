package io.jetring.engine.ws;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link WebSocketConnection} needs from an engine (Jetty's server or client, a servlet
 * container): put frames on the wire, read on demand, close, and keep time. Every method may be
 * called from any thread and must not block. Each {@code done} future must be completed exactly once,
 * when the frame has been written or has failed.
 */
public interface Transport {

    /** Writes a text message, after every frame written before it. */
    void sendText(String text, CompletableFuture<Void> done);

    /** Writes a binary message, after every frame written before it. */
    void sendBinary(byte[] data, CompletableFuture<Void> done);

    /** Writes a ping frame. */
    void sendPing(byte[] payload, CompletableFuture<Void> done);

    /** Writes a pong frame. */
    void sendPong(byte[] payload, CompletableFuture<Void> done);

    /** Writes a close frame after the frames written before it; the engine then completes the handshake. */
    void sendClose(int code, String reason, CompletableFuture<Void> done);

    /**
     * Reads until one more event (a whole message, a ping or a pong) has been passed to the
     * connection. Never called again before that event has arrived.
     */
    void demand();

    /** Closes the connection at once, without a close frame. */
    void abort();

    /** Runs {@code task} once after {@code delay}, on a thread that may block; the result cancels it. */
    Runnable schedule(Duration delay, Runnable task);

    /** Logs a failure that has nowhere else to go (a listener's {@code onClose} that threw). */
    void log(String message, Throwable error);
}
