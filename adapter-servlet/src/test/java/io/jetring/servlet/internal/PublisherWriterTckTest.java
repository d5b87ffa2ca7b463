package io.jetring.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK against the subscriber that writes a servlet response body
 * ({@link PublisherWriter}), over an output stream that is not ready after each write until the
 * container, on its own thread, says it may write again, as a non-blocking one does.
 */
public class PublisherWriterTckTest extends FlowSubscriberBlackboxVerification<byte[]> {
    private final ExecutorService container = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tck-container");
        thread.setDaemon(true);
        return thread;
    });

    public PublisherWriterTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @AfterClass
    public void stopContainer() {
        container.shutdownNow();
    }

    @Override
    public Flow.Subscriber<byte[]> createFlowSubscriber() {
        return new PublisherWriter(new PublisherWriter.Target() {
            @Override
            public ServletOutputStream output() {
                return new SlowOutput();
            }

            @Override
            public void clientGone(Throwable why) {
            }

            @Override
            public void publisherFailed(Throwable failure, boolean written) {
            }

            @Override
            public void end() {
            }
        });
    }

    @Override
    public byte[] createElement(int element) {
        return new byte[] {(byte) element, 1};
    }

    /** Not ready after each write; ready again, with onWritePossible, a moment later on the container's thread. */
    private final class SlowOutput extends ServletOutputStream {
        private volatile WriteListener listener;
        private volatile boolean ready = true;

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            listener = writeListener;
            container.execute(this::writePossible);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ready = false;
            container.execute(() -> {
                ready = true;
                writePossible();
            });
        }

        private void writePossible() {
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
