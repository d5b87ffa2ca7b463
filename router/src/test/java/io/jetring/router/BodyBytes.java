package io.jetring.router;

import io.jetring.api.Body;
import io.jetring.api.Response;

/** The bytes of a fixed response body, for unit tests that call a router directly. */
final class BodyBytes {
    private BodyBytes() {
    }

    static byte[] of(Response response) {
        Body body = response.body();
        if (body instanceof Body.Bytes bytes) {
            return bytes.bytes();
        }
        if (body instanceof Body.Text text) {
            return text.text().getBytes(text.charset());
        }
        if (body instanceof Body.Empty) {
            return new byte[0];
        }
        throw new AssertionError("not a fixed body: " + body);
    }
}
