package io.jetring.servlet.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The body publisher of an async handler, fed by the servlet non-blocking API: it reads only after
 * {@code isReady()} said it may, and only while the subscriber has demand. With no demand it leaves
 * the data where it is, which stops the container reading from the network: backpressure reaches
 * the client through TCP. The {@link ReadListener} is set on the first demand (the exchange is
 * already async, as an async handler's always is).
 */
final class ListenerBodyPublisher extends BodyPublisher implements ReadListener {
    private final HttpServletRequest request;
    private volatile boolean allRead;
    /** Owned by the drain loop. */
    private ServletInputStream in;

    ListenerBodyPublisher(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    protected int read(byte[] buffer) throws IOException {
        if (in == null) {
            in = request.getInputStream();
            // The container answers with onDataAvailable or onAllDataRead, which drain again.
            in.setReadListener(this);
            return 0;
        }
        if (allRead || in.isFinished()) {
            return -1;
        }
        int n = 0;
        // After isReady() said false the container calls onDataAvailable once there is more.
        while (n == 0 && in.isReady()) {
            n = in.read(buffer);
        }
        return n;
    }

    @Override
    public void onDataAvailable() {
        drain();
    }

    @Override
    public void onAllDataRead() {
        allRead = true;
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        fail(failure);
    }
}
