package io.jetring.router;

import io.jetring.api.InvalidArgumentException;
import io.jetring.api.RingHandler;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One route: the methods it answers, its path template, its handler, an optional name (for
 * {@link Router#url reverse routing}) and free-form metadata (for documentation, tests, OpenAPI).
 *
 * <p>A template is a path of segments: literal text, {@code {name}} (exactly one non-empty segment,
 * percent-decoded for the handler; never matches {@code /}), or, as the last segment only,
 * {@code {*name}} (the rest of the path, possibly empty, decoded, slashes kept).
 */
public record Route(Set<String> methods, String template, RingHandler handler, Optional<String> name,
                    Map<String, Object> metadata) {

    /** Validates the template and copies the collections. */
    public Route {
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(metadata, "metadata");
        if (methods.isEmpty()) {
            throw InvalidArgumentException.of("methods of " + template, "[]", "at least one method such as GET");
        }
        TreeSet<String> upper = new TreeSet<>();
        for (String method : methods) {
            if (method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw InvalidArgumentException.of("method of " + template, "\"" + method + "\"", "an upper-case method such as GET");
            }
            upper.add(method);
        }
        methods = Set.copyOf(upper);
        Template.parse(template);
        metadata = Map.copyOf(metadata);
    }

    /** A route for one method. */
    public static Route of(String method, String template, RingHandler handler) {
        return new Route(Set.of(method), template, handler, Optional.empty(), Map.of());
    }

    /** A route for several methods. */
    public static Route of(Set<String> methods, String template, RingHandler handler) {
        return new Route(methods, template, handler, Optional.empty(), Map.of());
    }

    /** This route under a name, for {@link Router#url}. */
    public Route named(String name) {
        return new Route(methods, template, handler, Optional.of(name), metadata);
    }

    /** This route with one more metadata entry. */
    public Route withMetadata(String key, Object value) {
        java.util.HashMap<String, Object> copy = new java.util.HashMap<>(metadata);
        copy.put(key, value);
        return new Route(methods, template, handler, name, copy);
    }

    /** This route with another handler (a group's middleware applied, a prefix added). */
    Route with(String newTemplate, RingHandler newHandler) {
        return new Route(methods, newTemplate, newHandler, name, metadata);
    }

    @Override
    public String toString() {
        return String.join(",", new TreeSet<>(methods)) + " " + template + name.map(n -> " (" + n + ")").orElse("");
    }
}
