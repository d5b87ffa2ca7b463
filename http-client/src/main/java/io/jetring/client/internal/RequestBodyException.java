package io.jetring.client.internal;

import java.io.IOException;

/** Marks a failure of the caller's request body (its publisher or stream), so it is reported as such. */
final class RequestBodyException extends IOException {
    RequestBodyException(Throwable cause) {
        super("the request body failed: " + cause, cause);
    }
}
