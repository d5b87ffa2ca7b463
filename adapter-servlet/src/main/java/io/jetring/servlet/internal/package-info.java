/**
 * The bridge's engine, not an API: the per-request {@code Exchange} (settling, completion, abort),
 * the blocking {@code ResponseWriter}, the non-blocking {@code PublisherWriter}, and the request body
 * publishers; on the WebSocket side, the {@code WebSocketUpgradeFilter} that decides upgrades and the
 * Jakarta WebSocket engine ({@code JakartaUpgradeFilter}, {@code JakartaEndpoint}). Servlet and
 * Jakarta WebSocket types stay here and in the signatures of {@link io.jetring.servlet.RingServlet}
 * and {@link io.jetring.servlet.JakartaWebSockets}.
 */
package io.jetring.servlet.internal;
