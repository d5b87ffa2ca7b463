/**
 * Jetty's own {@code ee10} WebSocket path for the servlet bridge:
 * {@link io.jetring.servlet.jetty.JettyWebSockets} runs a {@link io.jetring.api.ws.WebSocketHandler}
 * in a Jetty 12 {@code ServletContextHandler} on the engine {@code JetServer} uses. See
 * {@code docs/servlet.md}.
 */
package io.jetring.servlet.jetty;
