/**
 * The servlet bridge: {@link io.jetring.servlet.RingServlet} runs any
 * {@link io.jetring.api.RingHandler} inside a Servlet 6 container, with the request record, framing,
 * async, streaming and error behaviour of {@code docs/SPEC.md};
 * {@link io.jetring.servlet.ServletOptions} holds the settings the bridge owns (limits, request log, observers);
 * {@link io.jetring.servlet.JakartaWebSockets} runs a {@link io.jetring.api.ws.WebSocketHandler}
 * through the container's Jakarta WebSocket support. See
 * {@code docs/servlet.md}.
 */
package io.jetring.servlet;
