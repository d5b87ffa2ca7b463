package io.jetring.middleware;

import io.jetring.api.BadRequestException;
import io.jetring.api.DataSize;
import io.jetring.api.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.zip.ZipException;

/**
 * A request body sent with {@code Content-Encoding: gzip}, inflated as it is read, in each of the
 * three ways. What it inflates to is bounded: past the limit a read fails with
 * {@code BodyTooLargeException} (so the client gets 413), and data that is not gzip fails with
 * {@link BadRequestException} (400).
 */
final class InflatedBody extends RequestBody {
    private final RequestBody compressed;
    private final DataSize streamLimit;

    /**
     * @param compressed  the body as sent
     * @param streamLimit the most bytes {@link #inputStream()} and {@link #publisher()} inflate to
     */
    InflatedBody(RequestBody compressed, DataSize streamLimit) {
        super(compressed.defaultLimit());
        this.compressed = compressed;
        this.streamLimit = streamLimit;
    }

    @Override
    public OptionalLong contentLength() {
        return OptionalLong.empty();
    }

    @Override
    protected CompletionStage<byte[]> readAll(DataSize limit) {
        return compressed.bytes(limit).thenApply(bytes -> {
            GzipDecoder decoder = new GzipDecoder(limit);
            try {
                byte[] inflated = decoder.feed(bytes);
                decoder.finish();
                return inflated;
            } catch (ZipException e) {
                throw notGzip(e);
            } finally {
                decoder.release();
            }
        });
    }

    @Override
    protected InputStream openInputStream() {
        InputStream in = compressed.inputStream();
        GzipDecoder decoder = new GzipDecoder(streamLimit);
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;
            private boolean done;
            private final byte[] buffer = new byte[16 * 1024];

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos == chunk.length) {
                    if (done) {
                        return -1;
                    }
                    int n = in.read(buffer);
                    try {
                        if (n < 0) {
                            done = true;
                            decoder.finish();
                            return -1;
                        }
                        chunk = decoder.feed(java.util.Arrays.copyOf(buffer, n));
                        pos = 0;
                    } catch (ZipException e) {
                        throw notGzip(e);
                    }
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }

            @Override
            public void close() throws IOException {
                decoder.release();
                in.close();
            }
        };
    }

    @Override
    protected Flow.Publisher<byte[]> openPublisher() {
        Flow.Publisher<byte[]> source = compressed.publisher();
        return subscriber -> source.subscribe(new Flow.Subscriber<byte[]>() {
            private final GzipDecoder decoder = new GzipDecoder(streamLimit);
            private Flow.Subscription subscription;
            private boolean failed;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                subscriber.onSubscribe(s);
            }

            @Override
            public void onNext(byte[] item) {
                if (failed) {
                    return;
                }
                byte[] inflated;
                try {
                    inflated = decoder.feed(item);
                } catch (ZipException | RuntimeException e) {
                    fail(e instanceof ZipException z ? notGzip(z) : e);
                    return;
                }
                // One chunk in, one chunk out, so the subscriber's demand passes through unchanged.
                subscriber.onNext(inflated);
            }

            @Override
            public void onError(Throwable t) {
                if (!failed) {
                    failed = true;
                    decoder.release();
                    subscriber.onError(t);
                }
            }

            @Override
            public void onComplete() {
                if (failed) {
                    return;
                }
                try {
                    decoder.finish();
                } catch (ZipException e) {
                    fail(notGzip(e));
                    return;
                }
                subscriber.onComplete();
            }

            private void fail(Throwable t) {
                failed = true;
                subscription.cancel();
                decoder.release();
                subscriber.onError(t);
            }
        });
    }

    private static BadRequestException notGzip(ZipException e) {
        return new BadRequestException("Content-Encoding: gzip, but the body is not gzip: " + e.getMessage());
    }

    @Override
    public String toString() {
        return "InflatedBody[" + compressed + "]";
    }
}
