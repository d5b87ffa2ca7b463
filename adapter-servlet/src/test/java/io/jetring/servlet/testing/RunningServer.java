package io.jetring.servlet.testing;

import java.net.URI;
import java.util.OptionalInt;

/** A server a fixture started; closing it stops it. */
public interface RunningServer extends AutoCloseable {
    /** {@code http://127.0.0.1:<port>/}. */
    URI baseUri();

    /** {@code path} resolved against the base URI. */
    default URI uri(String path) {
        return baseUri().resolve(path);
    }

    /** Exchanges begun and not yet ended, where the fixture counts them (see {@link ExchangeCounter}). */
    default OptionalInt openExchanges() {
        return OptionalInt.empty();
    }

    /**
     * Takes the servlet out of service as the container does when it stops it ({@code destroy()}),
     * while the server and its connections keep running; returns once it is out of service.
     */
    default void stopServlet() throws Exception {
        throw new UnsupportedOperationException("this server cannot take its servlet out of service");
    }

    /** Stops the server; a failure to stop fails the test. */
    @Override
    void close();
}
