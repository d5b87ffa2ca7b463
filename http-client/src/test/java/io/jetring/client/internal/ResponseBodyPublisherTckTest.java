package io.jetring.client.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.function.Function;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.io.Content;
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
        return new ResponseBodyPublisher(new Chunks(elements, null), RESPONSE, Function.identity());
    }

    @Override
    public Flow.Publisher<byte[]> createFailedFlowPublisher() {
        return new ResponseBodyPublisher(new Chunks(0, new IOException("the connection broke")), RESPONSE, Function.identity());
    }

    /** {@code elements} one-byte chunks ({@link Long#MAX_VALUE}: without end), then the end or {@code failure}. */
    private final class Chunks implements Content.Source {
        private final Throwable failure;
        private long left;
        private boolean nothingYet;

        Chunks(long elements, Throwable failure) {
            this.left = elements;
            this.failure = failure;
        }

        @Override
        public synchronized Content.Chunk read() {
            nothingYet = !nothingYet;
            if (nothingYet) {
                return null;
            }
            if (left == 0) {
                return failure == null ? Content.Chunk.EOF : Content.Chunk.from(failure, true);
            }
            if (left != Long.MAX_VALUE) {
                left--;
            }
            return Content.Chunk.from(ByteBuffer.wrap(new byte[] {1}), false);
        }

        @Override
        public void demand(Runnable demandCallback) {
            network.execute(demandCallback);
        }

        @Override
        public void fail(Throwable failure) {
        }
    }
}
