package io.jetring.servlet.internal;

import io.jetring.flow.PullPublisher;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Flow;

/**
 * A {@link Flow.Publisher} of the request body: one subscriber, reads only while it has demand, each
 * chunk a fresh array. Every signal (demand, data available, failure, cancel) funnels into one drain
 * loop ({@link PullPublisher}), so the servlet input stream is touched by one thread at a time and
 * the subscriber is called serially, whichever thread (subscriber or container callback) signals;
 * a failure signalled before the subscription is reported as soon as there is one. Subclasses say
 * how a chunk is read: blocking, or only when the container says it is ready.
 */
abstract class BodyPublisher extends PullPublisher<byte[]> {
    static final int CHUNK_SIZE = 16 * 1024;

    /** Owned by the drain loop. */
    private byte[] buffer;

    BodyPublisher() {
        super("request body publisher", false);
    }

    /**
     * Reads at most {@code buffer.length} bytes: the number read ({@code > 0}), {@code 0} when none
     * can be read now (the subclass calls {@link #drain()} once some can), or {@code -1} at the end.
     */
    protected abstract int read(byte[] buffer) throws IOException;

    @Override
    protected final byte[] poll() throws IOException {
        if (buffer == null) {
            buffer = new byte[CHUNK_SIZE];
        }
        int n = read(buffer);
        if (n < 0) {
            complete();
            return null;
        }
        return n == 0 ? null : Arrays.copyOf(buffer, n);
    }
}
