package io.jetring.engine.tck;

import io.jetring.api.Request;
import io.jetring.api.tck.TckTimeouts;
import io.jetring.api.ws.Message;
import io.jetring.api.ws.WebSocketListener;
import io.jetring.api.ws.WebSocketOptions;
import io.jetring.engine.ws.Transport;
import io.jetring.engine.ws.WebSocketConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the inbound messages of a WebSocket
 * ({@link WebSocketListener#publisher}), over a connection whose transport delivers one message per
 * demand from a network thread, and closes (or fails) once its messages are all sent.
 */
public class InboundMessagesTckTest extends FlowPublisherVerification<Message> {
    private final ExecutorService network = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-network");
        thread.setDaemon(true);
        return thread;
    });

    public InboundMessagesTckTest() {
        super(new TestEnvironment(TckTimeouts.DEFAULT_MILLIS, TckTimeouts.NO_SIGNAL_MILLIS));
    }

    @AfterClass
    public void stopNetwork() {
        network.shutdownNow();
    }

    @Override
    public Flow.Publisher<Message> createFlowPublisher(long elements) {
        return open(elements, null);
    }

    @Override
    public Flow.Publisher<Message> createFailedFlowPublisher() {
        return open(0, new IOException("the connection broke"));
    }

    private Flow.Publisher<Message> open(long elements, Throwable failure) {
        CompletableFuture<Flow.Publisher<Message>> publisher = new CompletableFuture<>();
        Network transport = new Network(elements, failure);
        WebSocketConnection connection = new WebSocketConnection(transport,
                WebSocketListener.publisher((ws, messages) -> publisher.complete(messages)), WebSocketOptions.defaults());
        transport.connection = connection;
        connection.opened(Request.builder().path("/tck").build(), Optional.empty());
        if (elements == 0) {
            network.execute(transport::end);
        }
        try {
            return publisher.get(TckTimeouts.DEFAULT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the WebSocket did not open", e);
        }
    }

    /** Sends {@code elements} text messages, one per demand, then a close or {@code failure}. */
    private final class Network implements Transport {
        private final Throwable failure;
        private long left;
        volatile WebSocketConnection connection;

        Network(long elements, Throwable failure) {
            this.left = elements;
            this.failure = failure;
        }

        @Override
        public void demand() {
            network.execute(() -> {
                if (left == 0) {
                    return;
                }
                if (left != Long.MAX_VALUE) {
                    left--;
                }
                connection.receivedText("m");
                if (left == 0) {
                    end();
                }
            });
        }

        void end() {
            if (failure != null) {
                connection.failed(failure);
                connection.closed(1006, "");
            } else {
                connection.closed(1000, "");
            }
        }

        @Override
        public void sendText(String text, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendBinary(byte[] data, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendPing(byte[] payload, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendPong(byte[] payload, CompletableFuture<Void> done) {
            done.complete(null);
        }

        @Override
        public void sendClose(int code, String reason, CompletableFuture<Void> done) {
            done.complete(null);
            network.execute(() -> connection.closed(code, reason));
        }

        @Override
        public void abort() {
            network.execute(() -> connection.closed(1006, ""));
        }

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
            return () -> { };
        }

        @Override
        public void log(String message, Throwable error) {
        }
    }
}
