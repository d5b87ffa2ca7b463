package io.jetring.servlet.internal;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the servlet bridge's request body publisher: the
 * {@link BodyPublisher} that both of its forms share, over a source that has a byte now and then and
 * otherwise says "nothing yet" and calls {@code drain()} later from another thread, as a
 * {@code ReadListener} does.
 */
public class BodyPublisherTckTest extends FlowPublisherVerification<byte[]> {
    private final ExecutorService container = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-container");
        thread.setDaemon(true);
        return thread;
    });

    public BodyPublisherTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @AfterClass
    public void stopContainer() {
        container.shutdownNow();
    }

    @Override
    public Flow.Publisher<byte[]> createFlowPublisher(long elements) {
        return new Bytes(elements);
    }

    @Override
    public Flow.Publisher<byte[]> createFailedFlowPublisher() {
        Bytes failed = new Bytes(0);
        failed.fail(new IOException("the connection broke"));
        return failed;
    }

    /** {@code elements} one-byte reads ({@link Long#MAX_VALUE}: without end), every other one "nothing yet". */
    private final class Bytes extends BodyPublisher {
        private long left;
        private boolean nothingYet;

        Bytes(long elements) {
            this.left = elements;
        }

        @Override
        protected int read(byte[] buffer) {
            nothingYet = !nothingYet;
            if (nothingYet) {
                container.execute(this::drain);
                return 0;
            }
            if (left == 0) {
                return -1;
            }
            if (left != Long.MAX_VALUE) {
                left--;
            }
            buffer[0] = 1;
            return 1;
        }
    }
}
