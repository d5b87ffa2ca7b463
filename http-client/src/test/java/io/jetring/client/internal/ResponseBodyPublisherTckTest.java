package io.jetring.client.internal;

import io.jetring.jetty.testing.TricklingSource;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.eclipse.jetty.client.Response;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the client's streamed response body: a
 * {@link ResponseBodyPublisher} over a Jetty {@link Content.Source} that has a chunk now and then
 * and otherwise asks to be called back from another thread, as the network does.
 */
public class ResponseBodyPublisherTckTest extends FlowPublisherVerification<byte[]> {
    /** A response whose abort (on cancel) only says yes: the source above it is the test's. */
    private static final Response RESPONSE = (Response) Proxy.newProxyInstance(Response.class.getClassLoader(),
            new Class<?>[] {Response.class}, (proxy, method, args) -> method.getReturnType() == boolean.class ? true : null);

    private final ExecutorService network = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-network");
        thread.setDaemon(true);
        return thread;
    });

    public ResponseBodyPublisherTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @AfterClass
    public void stopNetwork() {
        network.shutdownNow();
    }

    @Override
    public Flow.Publisher<byte[]> createFlowPublisher(long elements) {
        return new ResponseBodyPublisher(new TricklingSource(elements, null, network), RESPONSE, Function.identity());
    }

    @Override
    public Flow.Publisher<byte[]> createFailedFlowPublisher() {
        return new ResponseBodyPublisher(new TricklingSource(0, new IOException("the connection broke"), network), RESPONSE, Function.identity());
    }
}
