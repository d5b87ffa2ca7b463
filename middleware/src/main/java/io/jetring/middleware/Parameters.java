package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Decoded parameters (the query, a form, or both): names with one or more values, in the order the
 * client sent them, read with typed accessors. A value that does not parse as the type asked for
 * fails with a {@link BadRequestException} naming the parameter and the value
 * ({@code limit: "ten" (expected: an integer)}), which the server answers with 400; a
 * {@code require…} accessor on a parameter that is absent fails the same way.
 *
 * <p>An empty value ({@code ?limit=}) counts as absent for the typed accessors: {@code getInt}
 * returns its fallback, {@code requireInt} fails.
 */
public final class Parameters {
    private static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, List<String>> values;

    private Parameters(Map<String, List<String>> values) {
        this.values = values;
    }

    /** No parameters. */
    public static Parameters empty() {
        return EMPTY;
    }

    /** Parameters from names to values (copied, in the map's order). */
    public static Parameters of(Map<String, ? extends List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(Objects.requireNonNull(name, "name"), List.copyOf(list)));
        return copy.isEmpty() ? EMPTY : new Parameters(java.util.Collections.unmodifiableMap(copy));
    }

    /** These parameters followed by {@code other}'s: a name in both has this one's values first. */
    public Parameters merge(Parameters other) {
        if (other.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return other;
        }
        Map<String, List<String>> merged = new LinkedHashMap<>(values);
        other.values.forEach((name, list) -> merged.merge(name, list, (a, b) -> {
            List<String> both = new java.util.ArrayList<>(a);
            both.addAll(b);
            return List.copyOf(both);
        }));
        return new Parameters(java.util.Collections.unmodifiableMap(merged));
    }

    /** The first value of {@code name}. */
    public Optional<String> get(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    /** The first value of {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    /** The first value of {@code name}; 400 if it is absent. */
    public String require(String name) {
        return get(name).orElseThrow(() -> missing(name, "a value"));
    }

    /** Every value of {@code name}, in order; empty if there is none. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** Whether {@code name} was sent (with any value, even empty). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names, in order of first appearance. */
    public Set<String> names() {
        return values.keySet();
    }

    /** Names to values, in order. */
    public Map<String, List<String>> toMap() {
        return values;
    }

    /** Whether there are no parameters. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** {@code name} as an {@code int}, or {@code fallback} if absent or empty. */
    public int getInt(String name, int fallback) {
        return get(name, Integer::valueOf, INT).orElse(fallback);
    }

    /** {@code name} as an {@code int}; 400 if absent or not an integer. */
    public int requireInt(String name) {
        return require(name, Integer::valueOf, INT);
    }

    /** {@code name} as a {@code long}, or {@code fallback} if absent or empty. */
    public long getLong(String name, long fallback) {
        return get(name, Long::valueOf, LONG).orElse(fallback);
    }

    /** {@code name} as a {@code long}; 400 if absent or not an integer. */
    public long requireLong(String name) {
        return require(name, Long::valueOf, LONG);
    }

    /**
     * {@code name} as a boolean, or {@code fallback} if absent or empty: {@code true}, {@code on},
     * {@code yes}, {@code 1} are true (a checked checkbox sends {@code on}), {@code false}, {@code off},
     * {@code no}, {@code 0} are false, in any case; anything else is a 400.
     */
    public boolean getBoolean(String name, boolean fallback) {
        return get(name, Parameters::parseBoolean, BOOLEAN).orElse(fallback);
    }

    /** {@code name} as a boolean (as {@link #getBoolean}); 400 if absent or not a boolean. */
    public boolean requireBoolean(String name) {
        return require(name, Parameters::parseBoolean, BOOLEAN);
    }

    /** {@code name} as a UUID, if present and not empty. */
    public Optional<UUID> getUuid(String name) {
        return get(name, Parameters::parseUuid, UUID_TEXT);
    }

    /** {@code name} as a UUID; 400 if absent or not a UUID. */
    public UUID requireUuid(String name) {
        return require(name, Parameters::parseUuid, UUID_TEXT);
    }

    /** {@code name} as a constant of {@code type}, matched without regard to case, or {@code fallback}. */
    public <E extends Enum<E>> E getEnum(String name, E fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return getEnum(name, fallback.getDeclaringClass()).orElse(fallback);
    }

    /** {@code name} as a constant of {@code type}, matched without regard to case, if present and not empty. */
    public <E extends Enum<E>> Optional<E> getEnum(String name, Class<E> type) {
        return get(name, value -> parseEnum(value, type), expectedEnum(type));
    }

    /** {@code name} as a constant of {@code type}; 400 if absent or not one of them. */
    public <E extends Enum<E>> E requireEnum(String name, Class<E> type) {
        return require(name, value -> parseEnum(value, type), expectedEnum(type));
    }

    /**
     * {@code name} converted by {@code parse}, if present and not empty. A {@code parse} that throws
     * (any {@link RuntimeException}) makes a 400 saying {@code expected}: {@code "a date as 2024-12-31"}.
     */
    public <T> Optional<T> get(String name, Function<String, T> parse, String expected) {
        Optional<String> value = get(name).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Objects.requireNonNull(parse.apply(value.get()), "parse returned null"));
        } catch (RuntimeException e) {
            throw new BadRequestException(name + ": " + StateAccess.quote(value.get()) + " (expected: " + expected + ")",
                    e);
        }
    }

    /** {@code name} converted by {@code parse}; 400 if absent, empty, or if {@code parse} throws. */
    public <T> T require(String name, Function<String, T> parse, String expected) {
        return get(name, parse, expected).orElseThrow(() -> missing(name, expected));
    }

    private static BadRequestException missing(String name, String expected) {
        return new BadRequestException(name + ": missing (expected: " + expected + ")");
    }

    private static final String INT = "an integer from -2147483648 to 2147483647";
    private static final String LONG = "an integer from -9223372036854775808 to 9223372036854775807";
    private static final String BOOLEAN = "true or false";
    private static final String UUID_TEXT = "a UUID such as 123e4567-e89b-12d3-a456-426614174000";

    private static boolean parseBoolean(String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> {
                return true;
            }
            case "false", "off", "no", "0" -> {
                return false;
            }
            default -> throw new IllegalArgumentException(value);
        }
    }

    private static UUID parseUuid(String value) {
        // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical 36-character form passes.
        if (value.length() != 36) {
            throw new IllegalArgumentException(value);
        }
        return UUID.fromString(value);
    }

    private static <E extends Enum<E>> E parseEnum(String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(value);
    }

    private static String expectedEnum(Class<? extends Enum<?>> type) {
        StringBuilder sb = new StringBuilder("one of ");
        Enum<?>[] constants = type.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Parameters" + values;
    }
}
