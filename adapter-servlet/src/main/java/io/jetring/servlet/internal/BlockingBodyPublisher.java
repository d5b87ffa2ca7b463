package io.jetring.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body publisher of a sync handler: {@code request(n)} reads on the calling thread with blocking
 * reads, as {@code inputStream()} would. A sync handler runs inside the container's dispatch, and a
 * container delivers no {@code ReadListener} callback until that dispatch returns, so a sync handler
 * that waited for a listener-fed publisher would wait for ever; blocking reads cannot deadlock.
 */
final class BlockingBodyPublisher extends BodyPublisher {
    private final HttpServletRequest request;
    /** Owned by the drain loop. */
    private InputStream in;

    BlockingBodyPublisher(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    protected int read(byte[] buffer) throws IOException {
        if (in == null) {
            in = request.getInputStream();
        }
        int n;
        do {
            n = in.read(buffer);
        } while (n == 0);
        return n;
    }
}
