package io.jetring.middleware;

import io.jetring.flow.Demand;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gzip form of a publisher of chunks: each chunk is compressed and flushed as it comes, one
 * chunk out for one in, so the subscriber's demand passes through unchanged and nothing is
 * buffered; the gzip trailer follows the last chunk, as one more chunk, when there is demand for it.
 * Cancelling cancels the source and frees the deflater.
 */
final class GzipPublisher implements Flow.Publisher<byte[]> {
    private final Flow.Publisher<byte[]> source;
    private final GzipEncoder.Pool pool;

    GzipPublisher(Flow.Publisher<byte[]> source, GzipEncoder.Pool pool) {
        this.source = source;
        this.pool = pool;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        source.subscribe(new Compressing(subscriber, new GzipEncoder(pool)));
    }

    private static final class Compressing implements Flow.Subscriber<byte[]>, Flow.Subscription {
        private final Flow.Subscriber<? super byte[]> downstream;
        private final GzipEncoder encoder;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Flow.Subscription upstream;
        private volatile boolean sourceDone;

        Compressing(Flow.Subscriber<? super byte[]> downstream, GzipEncoder encoder) {
            this.downstream = downstream;
            this.encoder = encoder;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                downstream.onError(Demand.nonPositive(n));
                return;
            }
            Demand.add(demand, n);
            if (sourceDone) {
                sendTrailer();
            } else {
                upstream.request(n);
            }
        }

        @Override
        public void cancel() {
            ended.set(true);
            upstream.cancel();
            encoder.release();
        }

        @Override
        public void onNext(byte[] chunk) {
            if (ended.get()) {
                return;
            }
            byte[] out;
            try {
                out = encoder.chunk(chunk, 0, chunk.length, true, false);
            } catch (IllegalStateException e) {
                return;
            }
            demand.decrementAndGet();
            downstream.onNext(out);
        }

        @Override
        public void onError(Throwable t) {
            if (ended.compareAndSet(false, true)) {
                encoder.release();
                downstream.onError(t);
            }
        }

        @Override
        public void onComplete() {
            sourceDone = true;
            sendTrailer();
        }

        /** The last chunk and the end, once the source has ended and the subscriber wants one more. */
        private void sendTrailer() {
            if (demand.get() <= 0 || ended.get() || !ended.compareAndSet(false, true)) {
                return;
            }
            byte[] trailer;
            try {
                trailer = encoder.chunk(new byte[0], 0, 0, false, true);
            } catch (IllegalStateException e) {
                return;
            } finally {
                encoder.release();
            }
            downstream.onNext(trailer);
            downstream.onComplete();
        }
    }
}
