package io.jetring.client.internal;

import io.jetring.api.Body;
import io.jetring.flow.PullPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A publisher over a blocking {@link InputStream} or a file: read on {@code executor}, one chunk per
 * unit of demand, never on the subscriber's thread (a {@link PullPublisher} whose drain loop runs on
 * {@code executor}). The stream is closed when it ends, fails, or the subscription is cancelled. One
 * subscriber only.
 */
final class StreamPublisher extends PullPublisher<byte[]> {
    private static final int CHUNK_SIZE = 16 * 1024;

    private final Body.File file;
    private final Executor executor;
    /** Owned by the drain loop. */
    private InputStream in;

    private StreamPublisher(InputStream given, Body.File file, Executor executor) {
        super("body publisher", false);
        this.in = given;
        this.file = file;
        this.executor = executor;
    }

    /** A publisher of what {@code in} yields, read on {@code executor}; {@code in} is closed in every case. */
    static StreamPublisher of(InputStream in, Executor executor) {
        return new StreamPublisher(in, null, executor);
    }

    /** A publisher of the bytes of a file body, opened on first demand and read on {@code executor}. */
    static StreamPublisher of(Body.File file, Executor executor) {
        return new StreamPublisher(null, file, executor);
    }

    @Override
    protected void execute(Runnable loop) {
        try {
            executor.execute(loop);
        } catch (RejectedExecutionException e) {
            fail(new IOException("the client is closed", e));
            loop.run(); // signals the failure only: nothing is read on this thread
        }
    }

    @Override
    protected byte[] poll() throws IOException {
        if (in == null) {
            in = file.open();
        }
        while (true) {
            byte[] buffer = new byte[CHUNK_SIZE];
            int n = in.read(buffer);
            if (n < 0) {
                complete();
                return null;
            }
            if (n > 0) {
                return n == buffer.length ? buffer : Arrays.copyOf(buffer, n);
            }
        }
    }

    @Override
    protected void onEnd(Throwable failure, boolean cancelled) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // Nothing more can be read anyway; the outcome is already decided.
            }
        }
    }
}
