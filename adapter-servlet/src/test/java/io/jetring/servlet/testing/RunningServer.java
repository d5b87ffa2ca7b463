package io.jetring.servlet.testing;

import java.net.URI;

/** A server a fixture started; closing it stops it. */
public interface RunningServer extends AutoCloseable {
    /** {@code http://127.0.0.1:<port>/}. */
    URI baseUri();

    /** {@code path} resolved against the base URI. */
    default URI uri(String path) {
        return baseUri().resolve(path);
    }

    @Override
    void close() throws Exception;
}
