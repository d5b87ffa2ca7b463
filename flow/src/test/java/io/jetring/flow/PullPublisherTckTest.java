package io.jetring.flow;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against {@link PullPublisher} itself: a source that reads one item ahead
 * and, every other item, has none ready and calls back from another thread, as a network does.
 */
public class PullPublisherTckTest extends FlowPublisherVerification<Long> {
    private final ExecutorService network = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-network");
        thread.setDaemon(true);
        return thread;
    });

    public PullPublisherTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @AfterClass
    public void stopNetwork() {
        network.shutdownNow();
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return new Trickle(elements, null);
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return new Trickle(0, new IOException("the connection broke"));
    }

    /** {@code elements} numbers, then the end or {@code failure}; every other poll finds nothing yet. */
    private final class Trickle extends PullPublisher<Long> {
        private final long elements;
        private final Throwable failure;
        private long next;
        private boolean ready;

        Trickle(long elements, Throwable failure) {
            super("trickle", true);
            this.elements = elements;
            this.failure = failure;
        }

        @Override
        protected Long poll() throws Exception {
            if (next == elements) {
                if (failure != null) {
                    throw (Exception) failure;
                }
                complete();
                return null;
            }
            if (!ready) {
                ready = true;
                network.execute(this::drain);
                return null;
            }
            ready = false;
            return next++;
        }
    }
}
