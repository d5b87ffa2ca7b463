package io.jetring.api;

/** The root of every unchecked exception that jetring throws on purpose. */
public class JetringException extends RuntimeException {
    /** Creates an exception with a message that names the value and the rule it broke. */
    public JetringException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public JetringException(String message, Throwable cause) {
        super(message, cause);
    }
}
