package io.jetring.api.observe;

/**
 * Sees what an engine serves, for metrics and the like: every ended exchange (the same entries as
 * the request log), WebSocket opens and messages, and the server's live counts. Every method has a
 * default that does nothing. Methods are called on the threads that do the work, often I/O
 * threads: they must be quick and must not block; a throw is logged and otherwise ignored.
 */
public interface ServerObserver {
    /** Called once, before the server serves, with counts it keeps up to date. */
    default void started(ServerStats stats) {
    }

    /**
     * Called once when the server has stopped, or when its start failed after {@link #started}:
     * meters that read the stats should go now (a registry may outlive the server).
     */
    default void stopped() {
    }

    /** An exchange ended: a response, an aborted response, or a WebSocket that closed. */
    default void exchanged(RequestLogEntry entry) {
    }

    /** A WebSocket opened (its close comes as an {@link RequestLogEntry.Kind#WEBSOCKET_CLOSED} entry). */
    default void webSocketOpened() {
    }

    /** A WebSocket message of {@code bytes} bytes (UTF-8 for text) arrived. */
    default void webSocketMessageIn(long bytes) {
    }

    /** A WebSocket message of {@code bytes} bytes (UTF-8 for text) was handed to the connection to send. */
    default void webSocketMessageOut(long bytes) {
    }
}
