package io.jetring.middleware;

import io.jetring.api.InvalidArgumentException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One client's session for the length of one request, read with {@link Sessions#get}: text values by
 * name, changed in place. After the handler, {@link Sessions} writes the session back only if it
 * changed, so a request that only reads costs no store write and sends no cookie.
 *
 * <p>On login, call {@link #regenerate()}: the session keeps its values under a new id, so an id an
 * attacker planted before the login is worth nothing after it. On logout, {@link #invalidate()}.
 * <b>Flash</b> values ({@link #putFlash}) are for the next request only, as after a redirect:
 * that request reads them with {@link #flash}, and they are gone after it.
 *
 * <p>A session is safe to use from the threads of one request; names starting with
 * {@code jetring.} are reserved.
 */
public final class Session {
    static final String FLASH = "jetring.flash.";
    private static final String RESERVED = "jetring.";

    private final boolean isNew;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> incomingFlash = new LinkedHashMap<>();
    private final Map<String, String> outgoingFlash = new LinkedHashMap<>();
    private boolean changed;
    private boolean regenerate;
    private boolean invalidated;

    Session(Optional<Map<String, String>> stored) {
        this.isNew = stored.isEmpty();
        stored.ifPresent(data -> data.forEach((name, value) -> {
            if (name.startsWith(FLASH)) {
                incomingFlash.put(name.substring(FLASH.length()), value);
            } else {
                values.put(name, value);
            }
        }));
    }

    /** Whether the client had no live session before this request. */
    public boolean isNew() {
        return isNew;
    }

    /** The value of {@code name}. */
    public synchronized Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value of {@code name}, or {@code fallback}. */
    public synchronized String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Every value, a copy, in the order they were first put. */
    public synchronized Map<String, String> values() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Sets {@code name} to {@code value}. */
    public synchronized void put(String name, String value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        if (!value.equals(values.put(name, value))) {
            changed = true;
        }
    }

    /** Removes {@code name}. */
    public synchronized void remove(String name) {
        if (values.remove(name) != null) {
            changed = true;
        }
    }

    /** A flash value for the next request only. */
    public synchronized void putFlash(String name, String value) {
        checkName(name);
        outgoingFlash.put(name, Objects.requireNonNull(value, "value"));
        changed = true;
    }

    /** A flash value that the previous request put. */
    public synchronized Optional<String> flash(String name) {
        return Optional.ofNullable(incomingFlash.get(name));
    }

    /**
     * Moves the session to a new id, keeping its values: call it when the user logs in or their
     * rights change, so that an id known before (planted by an attacker) is worthless after.
     */
    public synchronized void regenerate() {
        regenerate = true;
        changed = true;
    }

    /**
     * Ends the session: its values are dropped, the store forgets it and the cookie is expired.
     * Values put after this (a flash saying goodbye) start a new session under a new id.
     */
    public synchronized void invalidate() {
        invalidated = true;
        changed = true;
        values.clear();
        outgoingFlash.clear();
    }

    /** Whether {@link #invalidate()} was called. */
    public synchronized boolean isInvalidated() {
        return invalidated;
    }

    /** What {@link Sessions} does after the handler. */
    enum Outcome { KEEP, WRITE, REGENERATE, DELETE }

    synchronized Outcome outcome() {
        boolean flashConsumed = !incomingFlash.isEmpty();
        if (!changed && !flashConsumed) {
            return Outcome.KEEP;
        }
        if (values.isEmpty() && outgoingFlash.isEmpty()) {
            // Nothing left to keep: a session emptied, or a new one that only read.
            return isNew ? Outcome.KEEP : Outcome.DELETE;
        }
        return (regenerate || invalidated) && !isNew ? Outcome.REGENERATE : Outcome.WRITE;
    }

    /** The data to store: the values, and the flash values for the next request. */
    synchronized Map<String, String> data() {
        Map<String, String> data = new LinkedHashMap<>(values);
        outgoingFlash.forEach((name, value) -> data.put(FLASH + name, value));
        return data;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith(RESERVED)) {
            throw InvalidArgumentException.of("session name", StateAccess.quote(name), "a name not starting with jetring.");
        }
    }

    /** The CSRF token, put under a reserved name. */
    synchronized String putIfAbsentReserved(String name, java.util.function.Supplier<String> value) {
        String existing = values.get(name);
        if (existing != null) {
            return existing;
        }
        String created = value.get();
        values.put(name, created);
        changed = true;
        return created;
    }

    @Override
    public synchronized String toString() {
        return "Session" + values.keySet();
    }
}
