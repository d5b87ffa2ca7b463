package io.jetring.engine.jetty;

import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketProtocolException;
import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.engine.ws.Transport;
import io.jetring.engine.ws.WebSocketConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Configurable;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.CloseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty endpoint of one jetring WebSocket, on either side: forwards Jetty's events to the
 * {@link WebSocketConnection} and carries its frames to Jetty's {@link Session}. It does not demand
 * automatically: Jetty reads the next frame only when the connection asks for it.
 *
 * <p>Public only because Jetty finds listener methods by reflection on public classes.
 */
public final class JettyEndpoint implements Session.Listener, Transport {
    private static final Logger LOG = LoggerFactory.getLogger("io.jetring.websocket");

    private final WebSocketConnection connection;
    private final Function<Session, Request> upgradeRequest;
    private final Scheduler scheduler;
    private final Executor executor;
    private final Consumer<JettyEndpoint> onOpen;
    private volatile Session session;

    /**
     * An endpoint for {@code listener}; {@code upgradeRequest} gives the request to expose once the
     * session is open; timers run on {@code scheduler} and are handed to {@code executor};
     * {@code onOpen} sees the endpoint when its session opens, before the listener does.
     */
    public JettyEndpoint(WebSocketListener listener, WebSocketOptions options, Function<Session, Request> upgradeRequest,
                         Scheduler scheduler, Executor executor, Consumer<JettyEndpoint> onOpen) {
        this.connection = new WebSocketConnection(this, listener, options);
        this.upgradeRequest = upgradeRequest;
        this.scheduler = scheduler;
        this.executor = executor;
        this.onOpen = onOpen;
    }

    /**
     * Gives {@code target} (a server container, a client or one session) the limits of
     * {@code options}: idle timeout and message sizes. A frame may carry a whole message, so the
     * frame limit is the larger message limit: the message limits are the ones that count.
     */
    public static void limit(Configurable target, WebSocketOptions options) {
        target.setIdleTimeout(options.idleTimeout());
        target.setMaxTextMessageSize(options.maxTextMessageSize().bytes());
        target.setMaxBinaryMessageSize(options.maxBinaryMessageSize().bytes());
        target.setMaxFrameSize(Math.max(options.maxTextMessageSize().bytes(), options.maxBinaryMessageSize().bytes()));
    }

    /** The jetring side of this endpoint. */
    public WebSocketConnection connection() {
        return connection;
    }

    /**
     * Gives this endpoint's open session the limits of {@code options}, as {@link #limit} does for a
     * whole container; call it once the session is open ({@code onOpen}).
     */
    public void limitSession(WebSocketOptions options) {
        limit(session, options);
    }

    /**
     * Lets an idle timeout end this WebSocket only while {@code counts} says so (a server in a
     * graceful stop keeps its WebSockets until their turn to close); call it once the session is
     * open ({@code onOpen}).
     */
    public void idleTimeoutCounts(BooleanSupplier counts) {
        session.addIdleTimeoutListener(timeout -> counts.getAsBoolean());
    }

    // ---- Jetty to jetring ----

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        onOpen.accept(this);
        String protocol = session.getUpgradeResponse() == null ? null : session.getUpgradeResponse().getAcceptedSubProtocol();
        connection.opened(upgradeRequest.apply(session), Optional.ofNullable(protocol).filter(p -> !p.isBlank()));
    }

    @Override
    public void onWebSocketText(String message) {
        connection.receivedText(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] data = bytes(payload);
        callback.succeed();
        connection.receivedBinary(data);
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        connection.receivedPing(bytes(payload));
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        connection.receivedPong(bytes(payload));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        connection.failed(translate(cause));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        // Let Jetty answer the peer's close frame first; then the close is reported.
        callback.succeed();
        connection.closed(statusCode, reason);
    }

    // ---- jetring to Jetty ----

    @Override
    public void sendText(String text, CompletableFuture<Void> done) {
        session.sendText(text, callback(done));
    }

    @Override
    public void sendBinary(byte[] data, CompletableFuture<Void> done) {
        session.sendBinary(ByteBuffer.wrap(data), callback(done));
    }

    @Override
    public void sendPing(byte[] payload, CompletableFuture<Void> done) {
        session.sendPing(ByteBuffer.wrap(payload), callback(done));
    }

    @Override
    public void sendPong(byte[] payload, CompletableFuture<Void> done) {
        session.sendPong(ByteBuffer.wrap(payload), callback(done));
    }

    @Override
    public void sendClose(int code, String reason, CompletableFuture<Void> done) {
        session.close(code, reason, callback(done));
    }

    @Override
    public void demand() {
        session.demand();
    }

    @Override
    public void abort() {
        session.disconnect();
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        Scheduler.Task scheduled = scheduler.schedule(() -> executor.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        return scheduled::cancel;
    }

    @Override
    public void log(String message, Throwable error) {
        LOG.warn("{}: {}", connection, message, error);
    }

    @Override
    public String toString() {
        return "JettyEndpoint[" + connection + "]";
    }

    /** Jetty's failures in jetring's terms: a broken rule carries its close code, a timeout is a timeout. */
    static Throwable translate(Throwable cause) {
        if (cause instanceof CloseException close) {
            return new WebSocketProtocolException(close.getStatusCode(),
                    "the peer broke a rule, closing with " + close.getStatusCode() + ": " + close.getMessage(), cause);
        }
        if (cause instanceof org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException) {
            return new WebSocketTimeoutException("no frame within idleTimeout: " + cause.getMessage(), cause);
        }
        return cause;
    }

    private static Callback callback(CompletableFuture<Void> done) {
        return Callback.from(() -> done.complete(null), done::completeExceptionally);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
