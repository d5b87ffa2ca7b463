package io.jetring.middleware;

import io.jetring.api.InvalidOptionException;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sessions in this process's memory: each id is 256 random bits; a session not read or written for
 * {@code idleTimeout} is gone; at most {@code maxSessions} are held, and a new one beyond that
 * pushes out the least recently used. Sessions do not survive a restart and are not shared between
 * instances (use {@link CookieSessionStore} behind a load balancer).
 */
public final class MemorySessionStore implements SessionStore {
    private final Duration idleTimeout;
    private final int maxSessions;
    private final Clock clock;
    /** In access order, so the eldest entry is the least recently used. */
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private record Entry(Map<String, String> data, long lastUsedMillis) {
    }

    private MemorySessionStore(Duration idleTimeout, int maxSessions, Clock clock) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw InvalidOptionException.of("idleTimeout", idleTimeout, "positive");
        }
        if (maxSessions < 1) {
            throw InvalidOptionException.of("maxSessions", maxSessions, ">= 1");
        }
        this.idleTimeout = idleTimeout;
        this.maxSessions = maxSessions;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A store with a 30-minute idle timeout, holding at most 10,000 sessions. */
    public static MemorySessionStore create() {
        return of(Duration.ofMinutes(30), 10_000);
    }

    /** A store with these limits. */
    public static MemorySessionStore of(Duration idleTimeout, int maxSessions) {
        return of(idleTimeout, maxSessions, Clock.systemUTC());
    }

    /** A store with these limits and this clock (for tests). */
    public static MemorySessionStore of(Duration idleTimeout, int maxSessions, Clock clock) {
        return new MemorySessionStore(idleTimeout, maxSessions, clock);
    }

    @Override
    public synchronized Optional<Map<String, String>> read(String key) {
        Entry entry = sessions.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (expired(entry, now)) {
            sessions.remove(key);
            return Optional.empty();
        }
        sessions.put(key, new Entry(entry.data, now));
        return Optional.of(entry.data);
    }

    @Override
    public synchronized String write(Optional<String> key, Map<String, String> data) {
        long now = clock.millis();
        Map<String, String> copy = Map.copyOf(data);
        if (key.isPresent()) {
            Entry entry = sessions.get(key.get());
            if (entry != null && !expired(entry, now)) {
                sessions.put(key.get(), new Entry(copy, now));
                return key.get();
            }
        }
        // Never adopt a key this store did not issue or no longer holds: a new session gets a new id.
        makeRoom(now);
        String id = SessionKeys.newId();
        sessions.put(id, new Entry(copy, now));
        return id;
    }

    @Override
    public synchronized void delete(String key) {
        sessions.remove(key);
    }

    /** The number of sessions held, expired ones not yet purged included. */
    public synchronized int size() {
        return sessions.size();
    }

    private void makeRoom(long now) {
        // In access order the eldest entries expire first: drop those that have, then the least
        // recently used ones while the store is full.
        Iterator<Entry> eldestFirst = sessions.values().iterator();
        while (eldestFirst.hasNext()) {
            Entry entry = eldestFirst.next();
            if (!expired(entry, now) && sessions.size() < maxSessions) {
                break;
            }
            eldestFirst.remove();
        }
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.lastUsedMillis >= idleTimeout.toMillis();
    }

    @Override
    public String toString() {
        return "MemorySessionStore[idleTimeout=" + idleTimeout + ", maxSessions=" + maxSessions + "]";
    }
}
