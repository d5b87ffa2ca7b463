package io.jetring.middleware;

import java.util.Map;
import java.util.Optional;

/**
 * Where {@link Sessions} keeps session data between requests (Ring's {@code SessionStore}): under a
 * key that the session cookie carries. {@link MemorySessionStore} keeps the data in this process;
 * {@link CookieSessionStore} seals it into the cookie itself, so that the key <em>is</em> the data.
 *
 * <p>A store never trusts a key: {@link #read} of a key it did not issue, or no longer holds, is
 * empty, and {@link #write} under such a key makes a new one, so a client cannot choose its session
 * id (fixation). Implementations are safe for concurrent use.
 */
public interface SessionStore {

    /** The data of the live session under {@code key}; empty for an unknown, expired or tampered key. */
    Optional<Map<String, String>> read(String key);

    /**
     * Stores {@code data} for the session now under {@code key} (empty for a new session) and returns
     * the key the cookie is to carry from now on: the same one, or a new one.
     */
    String write(Optional<String> key, Map<String, String> data);

    /** Forgets the session under {@code key}; nothing happens for an unknown key. */
    void delete(String key);

    /**
     * Whether the methods block (a database, a network cache): around an async handler,
     * {@link Sessions} then calls them on the request's blocking executor, never on an I/O thread.
     * The stores here do not block.
     */
    default boolean blocking() {
        return false;
    }
}
