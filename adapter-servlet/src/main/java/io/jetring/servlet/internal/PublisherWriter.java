package io.jetring.servlet.internal;

import io.jetring.flow.DrainLoop;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a {@link Flow.Publisher} body with the servlet non-blocking API, by the streaming contract
 * of {@code docs/SPEC.md} section 7: one chunk in flight, written and flushed, and the next requested
 * only when {@code isReady()} says the output took it. A client that leaves, or a container that
 * ends the exchange, cancels the subscription; a publisher that fails after the first chunk aborts
 * the response (the client sees a truncated body).
 *
 * <p>Threads: the publisher signals on its own threads, the container calls the write listener on
 * its own. Every signal only records itself and then drains: one drain loop
 * ({@link DrainLoop}) does all the work, so the output stream and the subscription are used by
 * one thread at a time, serially, and no lock is held while calling the container or the publisher.
 * A signal that arrives while another thread drains makes that thread go round once more, so none is
 * lost.
 *
 * <p>The {@link WriteListener} is set when the first chunk arrives, not before: until then nothing
 * is committed, and a publisher that fails before its first chunk still gets a plain 500.
 */
final class PublisherWriter implements Flow.Subscriber<byte[]> {
    private final Target exchange;
    /** Its own object: {@link WriteListener#onError} and {@link Flow.Subscriber#onError} would clash. */
    private final WriteListener output = new WriteListener() {
        /** The output takes more: first after {@code setWriteListener}, then after {@code isReady()} said no. */
        @Override
        public void onWritePossible() {
            writePossible = true;
            drain();
        }

        /** A non-blocking write failed: the client is gone. */
        @Override
        public void onError(Throwable failure) {
            exchangeEnded(failure);
        }
    };
    private final DrainLoop loop = new DrainLoop(this::step);
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final AtomicReference<Throwable> exchangeFailure = new AtomicReference<>();
    private volatile byte[] chunk;
    private volatile boolean upstreamComplete;
    private volatile Throwable upstreamError;
    private volatile boolean writePossible;

    // Owned by the drain loop.
    private ServletOutputStream out;
    private boolean listening;
    private boolean flushPending;
    private boolean requestPending = true;
    private boolean finished;

    PublisherWriter(Exchange exchange) {
        this(new Target() {
            @Override
            public ServletOutputStream output() throws IOException {
                return exchange.response().getOutputStream();
            }

            @Override
            public void clientGone(Throwable why) {
                exchange.clientGone(why);
            }

            @Override
            public void publisherFailed(Throwable failure, boolean written) {
                exchange.publisherFailed(failure, written);
            }

            @Override
            public void end() {
                exchange.end();
            }
        });
    }

    /** A writer for {@code exchange}: an {@link Exchange}'s, or a test's. */
    PublisherWriter(Target exchange) {
        this.exchange = exchange;
    }

    /** What the writer needs of its exchange (see {@link Exchange}'s methods of the same names). */
    interface Target {
        /** The response's output stream. */
        ServletOutputStream output() throws IOException;

        /** The client left or the container ended the exchange before the body did. */
        void clientGone(Throwable why);

        /** The publisher failed, after some of the body was {@code written} or before. */
        void publisherFailed(Throwable failure, boolean written);

        /** The body is complete and written. */
        void end();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // rule 2.13
        if (!subscription.compareAndSet(null, s)) {
            s.cancel();
            return;
        }
        drain();
    }

    @Override
    public void onNext(byte[] item) {
        Objects.requireNonNull(item, "chunk"); // rule 2.13
        chunk = item;
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        Objects.requireNonNull(failure, "failure"); // rule 2.13
        upstreamError = failure;
        drain();
    }

    @Override
    public void onComplete() {
        upstreamComplete = true;
        drain();
    }

    /** The exchange ended or failed before the body did: stop writing and cancel the subscription. */
    void exchangeEnded(Throwable why) {
        exchangeFailure.compareAndSet(null, why);
        drain();
    }

    private void drain() {
        loop.run();
    }

    /** Does what the signals allow, in order: write, flush, then finish or ask for the next chunk. */
    private void step() {
        while (!finished) {
            Flow.Subscription s = subscription.get();
            if (s == null) {
                return;
            }
            Throwable gone = exchangeFailure.get();
            if (gone != null) {
                finished = true;
                cancel(s);
                exchange.clientGone(gone);
                return;
            }
            try {
                if (!advance(s)) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                // The container refused a write or flush: the connection is gone or the exchange is over.
                exchangeFailure.compareAndSet(null, e);
            }
        }
    }

    /** One step; false when it has to wait for a signal. */
    private boolean advance(Flow.Subscription s) throws IOException {
        byte[] pending = chunk;
        if (pending != null) {
            if (pending.length == 0) {
                chunk = null;
                requestPending = true;
                return true;
            }
            if (!listening) {
                listening = true;
                out = exchange.output();
                out.setWriteListener(output);
                return false;
            }
            if (!writePossible || !out.isReady()) {
                return false;
            }
            chunk = null;
            out.write(pending);
            flushPending = true;
            return true;
        }
        if (flushPending) {
            if (!out.isReady()) {
                return false;
            }
            out.flush();
            flushPending = false;
            requestPending = true;
            return true;
        }
        Throwable error = upstreamError;
        if (error != null) {
            finished = true;
            exchange.publisherFailed(error, listening);
            return false;
        }
        if (upstreamComplete) {
            if (listening && !out.isReady()) {
                return false;
            }
            finished = true;
            exchange.end();
            return false;
        }
        if (requestPending) {
            if (listening && !out.isReady()) {
                return false;
            }
            requestPending = false;
            try {
                s.request(1);
            } catch (RuntimeException e) {
                upstreamError = e;
            }
            return true;
        }
        return false;
    }

    private static void cancel(Flow.Subscription s) {
        try {
            s.cancel();
        } catch (RuntimeException ignored) {
            // Reactive Streams rule 3.15: cancel must not throw; the exchange is over either way.
        }
    }
}
