package io.jetring.middleware;

import io.jetring.flow.Demand;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compressed form (gzip or zstd) of a publisher of chunks: each chunk is compressed and flushed as it comes, one
 * chunk out for one in, so the subscriber's demand passes through unchanged and nothing is
 * buffered; the stream's end (gzip's trailer, zstd's last block) follows the last chunk, as one more chunk, when there is demand for it.
 * Cancelling cancels the source and frees the deflater.
 */
final class EncodingPublisher implements Flow.Publisher<byte[]> {
    private final Flow.Publisher<byte[]> source;
    private final ContentCoding coding;

    EncodingPublisher(Flow.Publisher<byte[]> source, ContentCoding coding) {
        this.source = source;
        this.coding = coding;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super byte[]> subscriber) {
        source.subscribe(new Compressing(subscriber, coding.encoder()));
    }

    private static final class Compressing implements Flow.Subscriber<byte[]>, Flow.Subscription {
        private final Flow.Subscriber<? super byte[]> downstream;
        private final Encoder encoder;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Flow.Subscription upstream;
        private volatile boolean sourceDone;

        Compressing(Flow.Subscriber<? super byte[]> downstream, Encoder encoder) {
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
                return; // released: cancelled meanwhile
            } catch (RuntimeException e) {
                upstream.cancel();
                onError(e); // the encoder failed: the stream ends with its failure, not in silence
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
            } catch (RuntimeException e) {
                downstream.onError(e);
                return;
            } finally {
                encoder.release();
            }
            downstream.onNext(trailer);
            downstream.onComplete();
        }
    }
}
