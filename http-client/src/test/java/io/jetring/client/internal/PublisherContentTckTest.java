package io.jetring.client.internal;

import java.util.concurrent.Flow;
import org.eclipse.jetty.io.Content;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK against the subscriber that writes a client request body
 * ({@link PublisherContent}): it asks for the next chunk when Jetty reads, so the TCK's "request"
 * is a read of the content, with what it returns released as Jetty would after writing it.
 */
public class PublisherContentTckTest extends FlowSubscriberBlackboxVerification<byte[]> {

    public PublisherContentTckTest() {
        super(new TestEnvironment(2_000, 200));
    }

    @Override
    public Flow.Subscriber<byte[]> createFlowSubscriber() {
        // The TCK subscribes it to its own publishers; the one it would subscribe to itself stays silent.
        return new PublisherContent(subscriber -> { }, "application/octet-stream");
    }

    @Override
    public void triggerFlowRequest(Flow.Subscriber<? super byte[]> subscriber) {
        Content.Chunk chunk = ((PublisherContent) subscriber).read();
        if (chunk != null) {
            chunk.release();
        }
    }

    @Override
    public byte[] createElement(int element) {
        return new byte[] {(byte) element, 1};
    }
}
