package io.jetring.api;

/**
 * An option or argument has a value outside its rule. The message names the option, the value
 * and what was expected: {@code port: -1 (expected: 0..65535)}.
 */
public final class InvalidOptionException extends JetringException {
    /** Creates the exception from a ready message. */
    public InvalidOptionException(String message) {
        super(message);
    }

    /** Formats {@code name: value (expected: expected)}. */
    public static InvalidOptionException of(String name, Object value, String expected) {
        return new InvalidOptionException(name + ": " + value + " (expected: " + expected + ")");
    }
}
