package io.jetring.client;

import java.util.Optional;

/**
 * A response body could not be decoded into the type asked for (JSON that does not parse or does
 * not fit the target type, most often). The message gives the status, the content type and the
 * first bytes of the body, which usually tell at a glance what came back instead (an HTML error
 * page, an empty body).
 */
public final class ResponseDecodeException extends ClientException {
    private final int status;
    private final String contentType;

    /** Creates the exception; the message names the call, the body's type and its first bytes. */
    public ResponseDecodeException(String message, int status, Optional<String> contentType, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.contentType = contentType.orElse(null);
    }

    /** The status of the response whose body did not decode. */
    public int status() {
        return status;
    }

    /** Its {@code Content-Type}, if it had one. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }
}
