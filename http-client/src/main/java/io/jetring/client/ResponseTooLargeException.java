package io.jetring.client;

import io.jetring.api.DataSize;
import java.util.Objects;

/**
 * A response body that was to be read into memory ({@link As.Aggregated}) is larger than its limit.
 * The exchange is aborted as soon as the limit is passed, so no more than the limit is ever held.
 * Raise the limit with {@link ClientOptions#maxResponseBodySize()} or
 * {@link As.Aggregated#withLimit}, or read the body as a stream.
 */
public final class ResponseTooLargeException extends ClientException {
    private final DataSize limit;

    /** Creates the exception; the message names the call and the limit. */
    public ResponseTooLargeException(String message, DataSize limit) {
        super(message);
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    /** The limit the body passed. */
    public DataSize limit() {
        return limit;
    }
}
