package io.jetring.api.ws;

import io.jetring.api.Request;

/**
 * The server's one WebSocket handler (jet's {@code :websocket-handler}): sees every WebSocket upgrade
 * request and decides, in plain code, whether to accept it and with which listener. HTTP requests
 * that are not upgrades go to the {@code RingHandler} on the same port.
 *
 * <pre>{@code
 * WebSocketHandler handler = request -> switch (request.path()) {
 *     case "/ws/echo" -> WebSocketUpgrade.accept(new EchoListener());
 *     default -> WebSocketUpgrade.reject(Response.notFound());
 * };
 * }</pre>
 *
 * <p>It runs on a worker thread and may block (to look up a session, say). A handler that throws or
 * returns {@code null} refuses the upgrade with {@code 500} ({@code 400} for
 * {@link io.jetring.api.BadRequestException}), like a {@code RingHandler}.
 */
@FunctionalInterface
public interface WebSocketHandler {

    /** Accepts or rejects the upgrade that {@code request} asks for. */
    WebSocketUpgrade handle(Request request) throws Exception;
}
