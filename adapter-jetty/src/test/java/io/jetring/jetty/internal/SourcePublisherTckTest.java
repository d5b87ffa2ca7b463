package io.jetring.jetty.internal;

import io.jetring.jetty.testing.TricklingSource;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the request body publisher of {@code JetServer}: a
 * {@link SourcePublisher} over a Jetty {@link Content.Source} that has a chunk now and then and
 * otherwise asks to be called back, as a network source does.
 */
public class SourcePublisherTckTest extends FlowPublisherVerification<byte[]> {
    private final ExecutorService network = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-network");
        thread.setDaemon(true);
        return thread;
    });

    public SourcePublisherTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @AfterClass
    public void stopNetwork() {
        network.shutdownNow();
    }

    @Override
    public Flow.Publisher<byte[]> createFlowPublisher(long elements) {
        return new SourcePublisher(new TricklingSource(elements, null, network), () -> true);
    }

    @Override
    public Flow.Publisher<byte[]> createFailedFlowPublisher() {
        return new SourcePublisher(new TricklingSource(0, new IOException("the connection broke"), network), () -> true);
    }
}
