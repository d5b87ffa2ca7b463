package io.jetring.middleware;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A request body's publisher read as a blocking stream, for a parser that only reads streams, run on
 * a thread that may block (never an I/O thread). One chunk is requested at a time, so at most one is
 * held; closing the stream cancels the subscription.
 */
final class BodyStream extends InputStream implements Flow.Subscriber<byte[]> {
    /** A safety net: the engine's idle timeout normally ends a stalled body first. */
    private static final long STALL_SECONDS = 120;
    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private byte[] chunk = new byte[0];
    private int offset;
    private boolean done;
    private IOException failure;

    BodyStream(Flow.Publisher<byte[]> publisher) {
        publisher.subscribe(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(byte[] item) {
        signals.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        signals.add(throwable);
    }

    @Override
    public void onComplete() {
        signals.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (offset == chunk.length) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, chunk.length - offset);
        System.arraycopy(chunk, offset, b, off, n);
        offset += n;
        return n;
    }

    private boolean next() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        Object signal;
        try {
            signal = signals.poll(STALL_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the request body");
        }
        if (signal == null) {
            failure = new IOException("no request body bytes for " + STALL_SECONDS + " s");
            cancel();
            throw failure;
        }
        if (signal == END) {
            done = true;
            return false;
        }
        if (signal instanceof Throwable t) {
            failure = t instanceof IOException io ? io : new IOException(t);
            throw failure;
        }
        chunk = (byte[]) signal;
        offset = 0;
        subscription.request(1);
        return true;
    }

    @Override
    public void close() {
        if (!done && failure == null) {
            done = true;
            cancel();
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
