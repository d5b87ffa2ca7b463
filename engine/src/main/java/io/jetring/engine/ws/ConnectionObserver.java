package io.jetring.engine.ws;

/**
 * What an engine's observers see of one {@link WebSocketConnection}: its open, the size of each
 * message in and out, and its close. Called on the connection's threads; must be quick.
 */
public interface ConnectionObserver {
    /** Observes nothing. */
    ConnectionObserver NONE = new ConnectionObserver() { };

    /** The connection opened. */
    default void opened() {
    }

    /** A message of {@code bytes} bytes (UTF-8 for text) arrived. */
    default void messageIn(long bytes) {
    }

    /** A message of {@code bytes} bytes (UTF-8 for text) was accepted to send. */
    default void messageOut(long bytes) {
    }

    /** The connection, which had opened, closed with {@code code}. */
    default void closed(int code) {
    }
}
