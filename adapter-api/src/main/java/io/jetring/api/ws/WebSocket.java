package io.jetring.api.ws;

import io.jetring.api.Request;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One open WebSocket, seen from this side: the outbound role (sends), the control role (ping,
 * close) and the inbound demand of jet's {@code in}/{@code out}/{@code ctrl} channels. The server
 * and the client hand out the same type, in {@link WebSocketListener#onOpen} and (client) in the
 * stage that {@code connect} returns.
 *
 * <p><b>Sends</b> may be called from any thread. Messages accepted by this WebSocket reach the wire
 * in the order of the calls that made them (a ping may overtake messages still queued, as control
 * frames do). Each send returns a stage that completes when the frame has been written to the
 * network, or fails:
 * <ul>
 *   <li>with {@link WebSocketClosedException} once the close handshake has started (either side) or
 *       the connection is gone, including for sends still queued when that happens;</li>
 *   <li>with {@link WebSocketOverflowException} when the outbound queue is full and the
 *       {@link OverflowPolicy} is {@code FAIL} (with {@code BLOCK} the call waits for room instead).</li>
 * </ul>
 * Arguments that break a rule (a {@code null} message, a ping payload over 125 bytes, a close code
 * that may not be sent) throw at once; nothing is sent.
 *
 * <p><b>Inbound demand</b>: messages are read from the network only as they are demanded. For a
 * plain {@link WebSocketListener} the WebSocket demands one message after each callback returns, so
 * a listener that takes its time slows the peer down. A {@link WebSocketListener.Demanding} listener
 * (and the publisher of {@link WebSocketListener#publisher}) demands itself with {@link #request}.
 *
 * <p>The rules are written out in {@code docs/SPEC.md}, section 11.
 */
public interface WebSocket {

    /** Sends a text message; completes when it has been written. */
    CompletionStage<Void> sendText(String text);

    /** Sends a binary message (the array is not copied: do not change it until the stage completes). */
    CompletionStage<Void> sendBinary(byte[] data);

    /** Sends a ping with this payload (at most 125 bytes); the peer answers with a pong. */
    CompletionStage<Void> ping(byte[] payload);

    /** Starts the close handshake with {@code 1000} (normal closure); same as {@code close(1000, "")}. */
    CompletionStage<Void> close();

    /**
     * Starts the close handshake: sends a close frame after every send accepted so far. Later sends
     * fail. The stage completes (never exceptionally) once the WebSocket is closed and
     * {@link WebSocketListener#onClose} has been called; calling this again returns the same stage.
     *
     * @param code   a code that may be sent: {@code 1000..1003}, {@code 1007..1014} or {@code 3000..4999}
     * @param reason at most 123 bytes in UTF-8; may be empty
     */
    CompletionStage<Void> close(int code, String reason);

    /**
     * Closes the connection at once, without a close handshake: queued sends fail and
     * {@link WebSocketListener#onClose} reports {@code 1006}. For peers that do not answer.
     */
    void abort();

    /**
     * Demands {@code n} more inbound messages ({@code n > 0}; the total saturates at
     * {@link Long#MAX_VALUE}). Only a {@link WebSocketListener.Demanding} listener needs this: while
     * its demand is zero nothing is read from the network, and the peer's sends back up. For a plain
     * listener demand is already unbounded and this does nothing.
     */
    void request(long n);

    /** Whether sends are still accepted: opened, and no close handshake started, no connection lost. */
    boolean isOpen();

    /** The subprotocol agreed in the handshake, if any. */
    Optional<String> subprotocol();

    /**
     * The HTTP request that opened this WebSocket, with an empty body. On the server it is the request
     * the {@link WebSocketHandler} saw; on the client it is the request as sent, with
     * {@code remoteAddr}/{@code remotePort} naming the server.
     */
    Request upgradeRequest();
}
