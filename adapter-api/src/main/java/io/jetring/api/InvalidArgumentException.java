package io.jetring.api;

/**
 * An argument to a jetring method breaks the method's rule: a status code outside
 * {@code 100..599}, a header name that is not a token, a demand of zero. It is an
 * {@link IllegalArgumentException}, as Java code expects of a bad argument, with jetring's message
 * format: {@code status: 42 (expected: 100..599)}. Options that break their rule throw
 * {@link InvalidOptionException} instead.
 */
public class InvalidArgumentException extends IllegalArgumentException {
    /** Creates the exception from a ready message. */
    public InvalidArgumentException(String message) {
        super(message);
    }

    /** Formats {@code name: value (expected: expected)}. */
    public static InvalidArgumentException of(String name, Object value, String expected) {
        return new InvalidArgumentException(name + ": " + value + " (expected: " + expected + ")");
    }
}
