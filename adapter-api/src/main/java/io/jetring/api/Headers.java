package io.jetring.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * HTTP header fields: immutable, names compared without regard to case, several values per name
 * kept apart (never comma-joined, so {@code Set-Cookie} survives), in the order they were added.
 *
 * <p>Names must be RFC 9110 tokens and values must not contain CR, LF or NUL: a header that could
 * split a response is rejected when it is built, with an {@link InvalidArgumentException} naming it.
 *
 * <p>Two {@code Headers} are equal iff they hold the same names (ignoring case) with the same values
 * in the same order.
 */
public final class Headers {
    private static final String[] NONE = {};
    private static final Headers EMPTY = new Headers(NONE, 0);

    /** Alternating names and values: {@code [name0, value0, name1, value1, ...]}. */
    private final String[] fields;
    private final int size;

    private Headers(String[] fields, int size) {
        this.fields = fields;
        this.size = size;
    }

    /** No headers. */
    public static Headers of() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code Headers.of("Accept", "text/plain")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw InvalidArgumentException.of("namesAndValues", namesAndValues.length + " strings",
                    "an even number: name, value, name, value, ...");
        }
        Builder builder = new Builder(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    /** Headers from a map of names to values, in the map's iteration order. */
    public static Headers from(Map<String, ? extends List<String>> map) {
        Builder builder = builder();
        map.forEach((name, values) -> values.forEach(value -> builder.add(name, value)));
        return builder.build();
    }

    /** A builder that starts empty. */
    public static Builder builder() {
        return new Builder(8);
    }

    /** A builder that starts with these headers. */
    public Builder newBuilder() {
        Builder builder = new Builder(Math.max(8, size + 4));
        System.arraycopy(fields, 0, builder.fields, 0, size * 2);
        builder.size = size;
        return builder;
    }

    /** The first value of {@code name}, if there is one. */
    public Optional<String> first(String name) {
        int i = indexOf(name, 0);
        return i < 0 ? Optional.empty() : Optional.of(fields[i * 2 + 1]);
    }

    /** Every value of {@code name}, in order; empty if there is none. */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = indexOf(name, 0); i >= 0; i = indexOf(name, i + 1)) {
            if (values == null) {
                values = new ArrayList<>(2);
            }
            values.add(fields[i * 2 + 1]);
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }

    /** Whether at least one field is named {@code name}. */
    public boolean contains(String name) {
        return indexOf(name, 0) >= 0;
    }

    /** The distinct names, in order of first appearance, as first spelled. */
    public Set<String> names() {
        Map<String, String> byLower = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            byLower.putIfAbsent(fields[i * 2].toLowerCase(Locale.ROOT), fields[i * 2]);
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(byLower.values()));
    }

    /** The number of fields (a name with two values counts twice). */
    public int size() {
        return size;
    }

    /** Whether there are no fields. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of field {@code index} ({@code 0 <= index < size()}). */
    public String name(int index) {
        Objects.checkIndex(index, size);
        return fields[index * 2];
    }

    /** The value of field {@code index} ({@code 0 <= index < size()}). */
    public String value(int index) {
        Objects.checkIndex(index, size);
        return fields[index * 2 + 1];
    }

    /** Calls {@code action} with each name and value, in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(fields[i * 2], fields[i * 2 + 1]);
        }
    }

    /** A map from each name (as first spelled) to its values, in order. */
    public Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String name : names()) {
            map.put(name, all(name));
        }
        return Collections.unmodifiableMap(map);
    }

    /** These headers with every field named {@code name} replaced by one with {@code value}. */
    public Headers with(String name, String value) {
        return newBuilder().set(name, value).build();
    }

    /** These headers with one more field at the end. */
    public Headers withAdded(String name, String value) {
        return newBuilder().add(name, value).build();
    }

    /** These headers without any field named {@code name}. */
    public Headers without(String name) {
        return contains(name) ? newBuilder().remove(name).build() : this;
    }

    private int indexOf(String name, int from) {
        for (int i = from; i < size; i++) {
            if (fields[i * 2].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Headers other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size * 2; i += 2) {
            if (!fields[i].equalsIgnoreCase(other.fields[i]) || !fields[i + 1].equals(other.fields[i + 1])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < size * 2; i += 2) {
            h = 31 * h + fields[i].toLowerCase(Locale.ROOT).hashCode();
            h = 31 * h + fields[i + 1].hashCode();
        }
        return h;
    }

    /** One {@code Name: value} per field, for logs. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Headers[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(fields[i * 2]).append(": ").append(fields[i * 2 + 1]);
        }
        return sb.append(']').toString();
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "header name");
        if (name.isEmpty()) {
            throw InvalidArgumentException.of("header name", "\"\"", "an RFC 9110 token");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw InvalidArgumentException.of("header name", quote(name), "an RFC 9110 token");
            }
        }
        return name;
    }

    static String checkValue(String name, String value) {
        Objects.requireNonNull(value, () -> "header value of " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw InvalidArgumentException.of("header " + name, quote(value), "no CR, LF or NUL in a value");
            }
        }
        return value;
    }

    private static boolean isTokenChar(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case 0 -> sb.append("\\0");
                case '"' -> sb.append("\\\"");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** Builds {@link Headers}; not thread-safe. Each call validates its name and value. */
    public static final class Builder {
        private String[] fields;
        private int size;

        private Builder(int capacity) {
            fields = capacity == 0 ? NONE : new String[capacity * 2];
        }

        /** Adds a field after the existing ones. */
        public Builder add(String name, String value) {
            checkValue(checkName(name), value);
            if (size * 2 == fields.length) {
                fields = Arrays.copyOf(fields, Math.max(16, fields.length * 2));
            }
            fields[size * 2] = name;
            fields[size * 2 + 1] = value;
            size++;
            return this;
        }

        /** Replaces every field named {@code name} with one field: {@code name: value}. */
        public Builder set(String name, String value) {
            remove(name);
            return add(name, value);
        }

        /** Removes every field named {@code name}. */
        public Builder remove(String name) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (!fields[i * 2].equalsIgnoreCase(name)) {
                    fields[kept * 2] = fields[i * 2];
                    fields[kept * 2 + 1] = fields[i * 2 + 1];
                    kept++;
                }
            }
            Arrays.fill(fields, kept * 2, size * 2, null);
            size = kept;
            return this;
        }

        /** Adds every field of {@code headers}, in order. */
        public Builder addAll(Headers headers) {
            headers.forEach(this::add);
            return this;
        }

        /** The immutable headers. The builder may be used again afterwards. */
        public Headers build() {
            return size == 0 ? EMPTY : new Headers(Arrays.copyOf(fields, size * 2), size);
        }
    }
}
