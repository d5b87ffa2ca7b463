package io.jetring.api;

/**
 * Reading a body into memory would exceed its size limit. A handler that lets this exception
 * escape (thrown, or as the cause of a failed stage) gets a {@code 413 Content Too Large}.
 */
public final class BodyTooLargeException extends JetringException {
    private final DataSize limit;

    /** Creates the exception for a body that is larger than {@code limit}. */
    public BodyTooLargeException(DataSize limit) {
        super("body: larger than the limit (expected: at most " + limit + ")");
        this.limit = limit;
    }

    /** The limit that the body exceeded. */
    public DataSize limit() {
        return limit;
    }
}
