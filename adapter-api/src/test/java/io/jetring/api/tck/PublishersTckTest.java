package io.jetring.api.tck;

import io.jetring.api.Publishers;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/** The Reactive Streams TCK against {@link Publishers#fromIterator} (and so {@code of}) and {@link Publishers#failed}. */
public class PublishersTckTest extends FlowPublisherVerification<byte[]> {

    public PublishersTckTest() {
        super(new TestEnvironment(TckTimeouts.DEFAULT_MILLIS, TckTimeouts.NO_SIGNAL_MILLIS));
    }

    @Override
    public Flow.Publisher<byte[]> createFlowPublisher(long elements) {
        return Publishers.fromIterator(() -> chunks(elements));
    }

    @Override
    public Flow.Publisher<byte[]> createFailedFlowPublisher() {
        return Publishers.failed(new IllegalStateException("failed on purpose"));
    }

    /** {@code elements} one-byte chunks ({@link Long#MAX_VALUE}: without end). */
    static Iterator<byte[]> chunks(long elements) {
        return new Iterator<>() {
            private long sent;

            @Override
            public boolean hasNext() {
                return sent < elements;
            }

            @Override
            public byte[] next() {
                if (sent >= elements) {
                    throw new NoSuchElementException();
                }
                return new byte[] {(byte) sent++};
            }
        };
    }
}
