package io.jetring.servlet.internal;

import io.jetring.api.Request;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.api.ws.WebSocketTimeoutException;
import io.jetring.engine.ws.ConnectionObserver;
import io.jetring.engine.ws.Transport;
import io.jetring.engine.ws.WebSocketConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.lang.System.Logger.Level;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One jetring WebSocket on a Jakarta WebSocket {@link Session}: forwards the container's events to
 * the {@link WebSocketConnection} and carries its frames to the session.
 *
 * <p>Two things the Jakarta API lacks are made up here. It has no read demand: the container
 * delivers each message as it arrives, so a message that comes before the connection asked for one
 * waits in this endpoint until it does. Where the container can stop reading a connection (Tomcat's
 * {@code WsSession.suspend()} and {@code resume()}, see {@link ReadSwitch}), reading stops as soon as
 * a message has to wait and starts again when the connection asks for more with nothing waiting:
 * at most the message being delivered waits, and the peer is held back by TCP as under
 * {@code JetServer}. Elsewhere the waiting messages are not bounded in number (the container's
 * message size limits bound each). And its asynchronous sender takes one message at a time: sends
 * are queued and each starts when the one before it is written, which also keeps the close frame
 * after them.
 */
public final class JakartaEndpoint extends Endpoint implements Transport {
    private final WebSocketConnection connection;
    private final WebSocketOptions options;
    private final Request request;
    private final WebSocketTimers timers;
    private final Object readLock = new Object();
    private final ArrayDeque<Runnable> arrived = new ArrayDeque<>();
    private boolean demanded;
    private ReadSwitch readSwitch;
    private boolean suspended;
    /** Closing or closed: reading is never suspended again, so that the peer's close is read. */
    private boolean released;
    private final Object sendLock = new Object();
    private final ArrayDeque<PendingSend> sends = new ArrayDeque<>();
    private boolean sending;
    private volatile Session session;

    /** The endpoint of one accepted upgrade of {@code request}, for {@code listener}, keeping time with {@code timers}. */
    JakartaEndpoint(WebSocketListener listener, WebSocketOptions options, Request request, WebSocketTimers timers) {
        this.connection = new WebSocketConnection(this, listener, options);
        this.options = options;
        this.request = request;
        this.timers = timers;
    }

    /** Reports the connection's open, messages and close to {@code observer}; before the container opens it. */
    void observe(ConnectionObserver observer) {
        connection.observe(observer);
    }

    // ---- container to jetring ----

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        ReadSwitch found = ReadSwitch.of(session);
        synchronized (readLock) {
            readSwitch = found;
        }
        session.setMaxIdleTimeout(options.idleTimeout().toMillis());
        session.setMaxTextMessageBufferSize(bufferSize(options.maxTextMessageSize().bytes()));
        session.setMaxBinaryMessageBufferSize(bufferSize(options.maxBinaryMessageSize().bytes()));
        session.addMessageHandler(String.class, text -> arrive(() -> connection.receivedText(text)));
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
            byte[] bytes = bytes(data);
            arrive(() -> connection.receivedBinary(bytes));
        });
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> {
            byte[] bytes = bytes(pong.getApplicationData());
            arrive(() -> connection.receivedPong(bytes));
        });
        String protocol = session.getNegotiatedSubprotocol();
        connection.opened(request, Optional.ofNullable(protocol).filter(p -> !p.isBlank()));
    }

    @Override
    public void onError(Session session, Throwable error) {
        release(true);
        connection.failed(translate(error));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        release(true);
        connection.closed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    /**
     * Hands {@code event} to the connection now if it asked for one, else keeps it until it does and
     * stops the container's reading meanwhile (if it can). The switch is thrown under the lock, so a
     * suspend and the resume that follows it are never reordered; neither calls back into this
     * endpoint on the calling thread.
     */
    private void arrive(Runnable event) {
        synchronized (readLock) {
            if (!demanded || !arrived.isEmpty()) {
                arrived.add(event);
                if (readSwitch != null && !suspended && !released) {
                    readSwitch.suspend();
                    suspended = true;
                }
                return;
            }
            demanded = false;
        }
        event.run();
    }

    @Override
    public void demand() {
        Runnable next;
        synchronized (readLock) {
            next = arrived.poll();
            if (next == null) {
                demanded = true;
                resume();
                return;
            }
        }
        next.run();
    }

    /**
     * The connection is closing or closed: reading resumes for good, so that the container reads the
     * peer's close frame (Tomcat reports {@code onClose} as soon as it sends one, and then waits for
     * the peer's). Once closed, waiting messages can no longer be delivered: {@code dropWaiting}.
     */
    private void release(boolean dropWaiting) {
        synchronized (readLock) {
            released = true;
            if (dropWaiting) {
                arrived.clear();
            }
            resume();
        }
    }

    /** Under {@code readLock}. */
    private void resume() {
        if (suspended) {
            readSwitch.resume();
            suspended = false;
        }
    }

    // ---- jetring to container ----

    @Override
    public void sendText(String text, CompletableFuture<Void> done) {
        submit(step -> session.getAsyncRemote().sendText(text, handler(step)), done);
    }

    @Override
    public void sendBinary(byte[] data, CompletableFuture<Void> done) {
        submit(step -> session.getAsyncRemote().sendBinary(ByteBuffer.wrap(data), handler(step)), done);
    }

    @Override
    public void sendPing(byte[] payload, CompletableFuture<Void> done) {
        submit(step -> {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(payload));
            step.complete(null);
        }, done);
    }

    @Override
    public void sendPong(byte[] payload, CompletableFuture<Void> done) {
        submit(step -> {
            session.getAsyncRemote().sendPong(ByteBuffer.wrap(payload));
            step.complete(null);
        }, done);
    }

    @Override
    public void sendClose(int code, String reason, CompletableFuture<Void> done) {
        submit(step -> {
            release(false);
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            step.complete(null);
        }, done);
    }

    /**
     * The Jakarta API cannot drop a connection without a close frame, and a container will not send
     * {@code 1006} (Tomcat turns it into {@code 1002}, which would blame the peer): the session is closed
     * with {@code 1001}, and the close is reported to the listener at once as {@code 1006}, as the
     * contract says.
     */
    @Override
    public void abort() {
        // Reported first: the container calls onClose from within close(), with its own code.
        release(true);
        connection.closed(CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode(), "aborted");
        Session s = session;
        if (s != null) {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "aborted"));
            } catch (Exception | Error e) {
                WebSocketUpgradeFilter.LOGGER.log(Level.DEBUG, "closing an aborted WebSocket failed", e);
            }
        }
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        return timers.schedule(delay, task);
    }

    @Override
    public void log(String message, Throwable error) {
        WebSocketUpgradeFilter.LOGGER.log(Level.WARNING, connection + ": " + message, error);
    }

    @Override
    public String toString() {
        return "JakartaEndpoint[" + connection + "]";
    }

    /** Starts {@code op} when every send before it is done. */
    private void submit(Send op, CompletableFuture<Void> done) {
        synchronized (sendLock) {
            if (sending) {
                sends.add(new PendingSend(op, done));
                return;
            }
            sending = true;
        }
        run(op, done);
    }

    private void run(Send op, CompletableFuture<Void> done) {
        CompletableFuture<Void> step = new CompletableFuture<>();
        step.whenComplete((ok, failure) -> {
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
            next();
        });
        try {
            op.start(step);
        } catch (Throwable t) {
            step.completeExceptionally(t);
        }
    }

    private void next() {
        PendingSend pending;
        synchronized (sendLock) {
            pending = sends.poll();
            if (pending == null) {
                sending = false;
                return;
            }
        }
        run(pending.op(), pending.done());
    }

    private static SendHandler handler(CompletableFuture<Void> step) {
        return result -> {
            if (result.isOK()) {
                step.complete(null);
            } else {
                step.completeExceptionally(result.getException());
            }
        };
    }

    /** A container's idle timeout in jetring's terms. */
    static Throwable translate(Throwable error) {
        if (error instanceof SocketTimeoutException || error.getCause() instanceof SocketTimeoutException) {
            return new WebSocketTimeoutException("no frame within idleTimeout: " + error.getMessage(), error);
        }
        return error;
    }

    private static int bufferSize(long bytes) {
        return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** One frame to write; completes {@code step} when it is written or failed. */
    @FunctionalInterface
    private interface Send {
        void start(CompletableFuture<Void> step) throws Exception;
    }

    private record PendingSend(Send op, CompletableFuture<Void> done) {
    }
}
