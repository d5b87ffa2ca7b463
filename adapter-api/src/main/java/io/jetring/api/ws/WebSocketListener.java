package io.jetring.api.ws;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * Receives the events of one WebSocket: the inbound role (whole text and binary messages) and the
 * control role (open, ping, pong, close, error) of jet's channels. Every method has a no-op default,
 * so a listener overrides only what it needs. Server and client use the same listeners.
 *
 * <p>The rules (the full list is in {@code docs/SPEC.md}, section 11):
 * <ul>
 *   <li>{@link #onOpen} is called first, once; {@link #onClose} is called iff {@code onOpen} was, once,
 *       last. Nothing is called before {@code onOpen} or after {@code onClose}.</li>
 *   <li>{@link #onError} is called at most once, and is always followed by {@code onClose}.</li>
 *   <li>Calls are never concurrent, and messages arrive in the order they were sent. A call may come
 *       on any thread; each happens-before the next.</li>
 *   <li>The next message is not read from the network until the current call returns (and, for a
 *       {@link Demanding} listener, until it is demanded): a slow listener slows the peer, memory
 *       stays bounded. Methods may block, but a blocked listener also holds back pings and the close
 *       handshake of its socket.</li>
 *   <li>A method that throws (other than {@code onError} and {@code onClose}) is reported to
 *       {@code onError}, then the socket is closed with {@code 1011}.</li>
 * </ul>
 *
 * <p>Pings are answered with a pong automatically, before {@link #onPing} is called.
 *
 * <p>To consume messages as a {@link Flow.Publisher} with backpressure instead, use {@link #publisher}.
 */
public interface WebSocketListener {

    /** The WebSocket is open: {@code ws} may send from now on. */
    default void onOpen(WebSocket ws) {
    }

    /** A whole text message arrived (fragments assembled, UTF-8 checked). */
    default void onText(WebSocket ws, String text) {
    }

    /** A whole binary message arrived (fragments assembled); the array is the listener's. */
    default void onBinary(WebSocket ws, byte[] data) {
    }

    /** A ping arrived; the pong has already been sent. */
    default void onPing(WebSocket ws, byte[] payload) {
    }

    /**
     * A pong arrived: an answer to {@link WebSocket#ping} or to a keep-alive ping (payload
     * {@code "ka"}), or an unsolicited one.
     */
    default void onPong(WebSocket ws, byte[] payload) {
    }

    /**
     * The WebSocket is closed: the last call. {@code code} and {@code reason} come from the close
     * frame that ended the handshake: the peer's (its answer, when this side closed with {@code 1000}
     * or {@code 3000..4999}); this side's own when it closed with another code, since such a close
     * ends the connection as soon as it is sent; {@code 1005} for a close frame without a code;
     * {@code 1006} when the connection ended without a close handshake.
     */
    default void onClose(WebSocket ws, int code, String reason) {
    }

    /**
     * Something failed: the peer broke the protocol or a limit ({@link WebSocketProtocolException}),
     * a timeout ({@link WebSocketTimeoutException}), the connection broke, or this listener threw.
     * {@link #onClose} follows.
     */
    default void onError(WebSocket ws, Throwable error) {
    }

    /**
     * A listener that demands inbound messages itself with {@link WebSocket#request(long)}. Nothing is
     * read from the network until it does: call {@code ws.request(n)} in {@link #onOpen} (or later)
     * and again as messages are consumed. For a plain listener the WebSocket demands one message
     * after each call returns.
     */
    interface Demanding extends WebSocketListener {
    }

    /**
     * A listener that hands inbound messages to a {@link Flow.Publisher}: when the socket opens,
     * {@code onOpen} gets the WebSocket (for sending) and the publisher. Messages are read from the
     * network only as the subscriber requests them (its demand is the socket's demand). The publisher
     * takes one subscriber; it completes when the socket closes, or fails with the error reported
     * before the close; cancelling the subscription closes the socket with {@code 1000}.
     */
    static WebSocketListener publisher(BiConsumer<WebSocket, Flow.Publisher<Message>> onOpen) {
        return publisher(onOpen, new WebSocketListener() { });
    }

    /**
     * Like {@link #publisher(BiConsumer)}, and {@code control} receives the control events: open
     * (before {@code onOpen}), ping, pong, close and error. Its {@code onText}/{@code onBinary} are
     * never called.
     */
    static WebSocketListener publisher(BiConsumer<WebSocket, Flow.Publisher<Message>> onOpen,
                                       WebSocketListener control) {
        return new InboundPublisher(Objects.requireNonNull(onOpen, "onOpen"), Objects.requireNonNull(control, "control"));
    }
}
